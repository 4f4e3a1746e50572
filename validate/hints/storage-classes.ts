// The labels and parameters Ramen pairs storage by. Peer-class discovery (hub) and the DRClusterConfig
// inventory (DR cluster) only see StorageClasses and VolumeSnapshotClasses labelled
// ramendr.openshift.io/storageid and VolumeReplicationClasses labelled storageid and replicationid;
// a VRG picks a VolumeReplicationClass only when its provisioner matches the PVC's StorageClass and
// its parameters.schedulingInterval equals the policy's interval (selectVolumeReplicationClass).

import { matchesSelector, type LabelSelector } from '../../engine/api/meta.js';
import { LABEL_REPLICATION_ID, LABEL_STORAGE_ID } from '../../engine/api/ramen/dr-constants.js';
import { isRecord, labelsOf, ofKind, stringAt, valueAt, type HintContext, type SetDoc } from './hint-context.js';
import { caseVariantOf } from './labels.js';

function hasKeyOrVariant(labels: Record<string, string>, key: string): boolean {
  return key in labels || Object.keys(labels).some((k) => caseVariantOf(k) === key);
}

function missingStorageId(ctx: HintContext, d: SetDoc, what: string): void {
  if (hasKeyOrVariant(labelsOf(d), LABEL_STORAGE_ID)) return;
  ctx.hint(d, ['metadata', 'labels'], 'MissingStorageId', `${d.kind} ${d.name} has no ${LABEL_STORAGE_ID} label`, `Ramen only sees ${what} labelled ${LABEL_STORAGE_ID}: the id of the storage system behind it (the same id on both clusters for metro DR, a different one per cluster for regional DR)`);
}

function asSelector(v: unknown): LabelSelector | undefined {
  return isRecord(v) ? (v as LabelSelector) : undefined;
}

export function storageClassHints(ctx: HintContext): void {
  for (const d of ofKind(ctx, 'StorageClass', 'storage.k8s.io')) missingStorageId(ctx, d, 'StorageClasses');
  for (const d of ofKind(ctx, 'VolumeSnapshotClass', 'snapshot.storage.k8s.io')) missingStorageId(ctx, d, 'VolumeSnapshotClasses (used for VolSync replication)');

  const vrcs = ofKind(ctx, 'VolumeReplicationClass', 'replication.storage.openshift.io');
  const policies = ofKind(ctx, 'DRPolicy', 'ramendr.openshift.io');
  const policyIntervals = policies
    .map((p) => ({ p, interval: stringAt(p.obj, ['spec', 'schedulingInterval']) }))
    .filter((x): x is { p: SetDoc; interval: string } => typeof x.interval === 'string' && x.interval !== '');

  for (const d of vrcs) {
    missingStorageId(ctx, d, 'VolumeReplicationClasses');
    const labels = labelsOf(d);
    if (!hasKeyOrVariant(labels, LABEL_REPLICATION_ID)) {
      ctx.hint(d, ['metadata', 'labels'], 'MissingReplicationId', `VolumeReplicationClass ${d.name} has no ${LABEL_REPLICATION_ID} label`, `Ramen pairs replication classes across clusters by ${LABEL_REPLICATION_ID} (the same value on both clusters); without it the class is invisible to peer-class discovery`);
    }
    const interval = stringAt(d.obj, ['spec', 'parameters', 'schedulingInterval']);
    if (interval === undefined) {
      ctx.hint(d, ['spec', 'parameters'], 'ScheduleMismatch', `VolumeReplicationClass ${d.name} has no parameters.schedulingInterval`, 'a VRG selects a VolumeReplicationClass only when parameters.schedulingInterval equals its async.schedulingInterval (the DRPolicy\'s interval)');
      continue;
    }
    const differing = policyIntervals.filter((x) => x.interval !== interval);
    if (policyIntervals.length > 0 && differing.length === policyIntervals.length) {
      const names = differing.map((x) => `${x.p.name} (${x.interval})`).join(', ');
      ctx.hint(
        d,
        ['spec', 'parameters', 'schedulingInterval'],
        'ScheduleMismatch',
        `schedulingInterval "${interval}" of VolumeReplicationClass ${d.name} matches no DRPolicy in this set: ${names}`,
        `a VRG selects a VolumeReplicationClass only when parameters.schedulingInterval equals the policy's interval; with "${interval}" against "${differing[0]!.interval}" protection stalls with "no VolumeReplicationClass found to match provisioner and schedule"`,
      );
    }
  }

  // A VRG written by hand names its interval directly.
  for (const d of ofKind(ctx, 'VolumeReplicationGroup', 'ramendr.openshift.io')) {
    const interval = stringAt(d.obj, ['spec', 'async', 'schedulingInterval']);
    if (!interval || vrcs.length === 0) continue;
    const withInterval = vrcs.filter((v) => stringAt(v.obj, ['spec', 'parameters', 'schedulingInterval']) === interval);
    if (withInterval.length === 0) {
      ctx.hint(d, ['spec', 'async', 'schedulingInterval'], 'ScheduleMismatch', `no VolumeReplicationClass in this set has parameters.schedulingInterval "${interval}"`, 'the VRG selects a VolumeReplicationClass only when the intervals are equal; otherwise PVCs fall back to VolSync or stall');
    }
  }

  // A policy's replication class selector that selects none of the classes given with it.
  for (const p of policies) {
    const sel = asSelector(valueAt(p.obj, ['spec', 'replicationClassSelector']));
    if (!sel || vrcs.length === 0 || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) continue;
    if (!vrcs.some((v) => matchesSelector(labelsOf(v), sel))) {
      ctx.hint(p, ['spec', 'replicationClassSelector'], 'SelectorMatchesNothing', `replicationClassSelector of DRPolicy ${p.name} selects none of the VolumeReplicationClasses in this set`, 'peer-class discovery only considers classes the selector matches; label the classes accordingly');
    }
  }
}
