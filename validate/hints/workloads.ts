// Hints about the objects that protect an application: a VRG written by hand (action on a first
// deployment, replicationState spelling, a DRPC in the same namespace that will create its own VRG),
// a DRPlacementControl (references that do nothing or point at nothing), the Placement it needs
// (Ramen must be its scheduler), and a hand-made VolumeReplication.

import { SCHEDULING_DISABLE_ANNOTATION, RAMEN_SCHEDULER_NAME } from '../../engine/api/ramen/hub-constants.js';
import { isRecord, ofKind, stringAt, valueAt, type HintContext } from './hint-context.js';

function vrgHints(ctx: HintContext): void {
  const drpcs = ofKind(ctx, 'DRPlacementControl', 'ramendr.openshift.io');
  for (const d of ofKind(ctx, 'VolumeReplicationGroup', 'ramendr.openshift.io')) {
    const action = stringAt(d.obj, ['spec', 'action']);
    if (action === 'Relocate') {
      ctx.hint(
        d,
        ['spec', 'action'],
        'VrgActionOnCreate',
        'a VRG created with action: Relocate runs the relocation restore first',
        'for a first deployment leave spec.action empty: with an action set the VRG restores kube objects from S3, finds nothing there, and reports "kube objects restore error, will retry" forever',
      );
    }
    const state = stringAt(d.obj, ['spec', 'replicationState']);
    if (state !== undefined && state !== 'primary' && state !== 'secondary') {
      const lower = state.toLowerCase();
      ctx.hint(
        d,
        ['spec', 'replicationState'],
        'VrgReplicationStateCase',
        `replicationState "${state}" is admitted (the CRD has no enum) but the VRG controller rejects it`,
        `${lower === 'primary' || lower === 'secondary' ? `write "${lower}" in lower case` : 'use "primary" or "secondary"'}: otherwise DataReady goes False and the VRG is never reconciled further`,
      );
    }
    const sameNs = drpcs.filter((p) => p.namespace !== undefined && p.namespace === d.namespace);
    if (sameNs.length > 0) {
      ctx.hint(
        d,
        ['metadata', 'name'],
        'VrgAndDrpc',
        `DRPlacementControl ${sameNs[0]!.name} in namespace ${d.namespace} makes the hub create its own VRG (named ${sameNs[0]!.name}) on the DR clusters`,
        'do not create VRGs by hand next to a DRPC: both select the same PVCs and the second reports "PVC owned by another resource"',
      );
    }
  }
}

function drpcHints(ctx: HintContext): void {
  const policies = ofKind(ctx, 'DRPolicy', 'ramendr.openshift.io');
  for (const d of ofKind(ctx, 'DRPlacementControl', 'ramendr.openshift.io')) {
    if (stringAt(d.obj, ['spec', 'drPolicyRef', 'namespace']) !== undefined) {
      ctx.hint(d, ['spec', 'drPolicyRef', 'namespace'], 'IrrelevantNamespace', 'drPolicyRef.namespace is ignored: DRPolicy is cluster-scoped', 'only drPolicyRef.name matters; remove the namespace');
    }
    const placementNs = stringAt(d.obj, ['spec', 'placementRef', 'namespace']);
    if (placementNs !== undefined && d.namespace !== undefined && placementNs !== d.namespace) {
      ctx.hint(d, ['spec', 'placementRef', 'namespace'], 'PlacementNamespace', `placementRef.namespace ${placementNs} differs from the DRPC's namespace ${d.namespace}`, 'Ramen looks the Placement up in the DRPC\'s own namespace; create the DRPC where the Placement is');
    }
    const policyName = stringAt(d.obj, ['spec', 'drPolicyRef', 'name']);
    if (policyName && policies.length > 0) {
      const policy = policies.find((p) => p.name === policyName);
      if (!policy) {
        ctx.hint(d, ['spec', 'drPolicyRef', 'name'], 'DrpcPolicyNotInSet', `DRPolicy ${policyName} is not among the DRPolicies in this set (${policies.map((p) => p.name).join(', ')})`, 'the DRPC reports Available False ("failed to get DRPolicy") until a DRPolicy of that name exists');
      } else if (policy.refused) {
        ctx.hint(d, ['spec', 'drPolicyRef', 'name'], 'DrpcPolicyNotInSet', `DRPolicy ${policyName} in this set would be refused by the server (see its errors)`, 'the DRPC reports Available False ("failed to get DRPolicy") until the policy is fixed and created');
      } else {
        const clusters = valueAt(policy.obj, ['spec', 'drClusters']);
        if (Array.isArray(clusters)) {
          for (const field of ['preferredCluster', 'failoverCluster'] as const) {
            const c = stringAt(d.obj, ['spec', field]);
            if (c && !clusters.includes(c)) {
              ctx.hint(d, ['spec', field], 'DrpcClusterNotInPolicy', `${field} ${c} is not one of DRPolicy ${policyName}'s drClusters (${clusters.join(', ')})`, 'the DRPC can only place the application on the policy\'s clusters');
            }
          }
        }
      }
    }
  }
}

function placementHints(ctx: HintContext): void {
  const drpcs = ofKind(ctx, 'DRPlacementControl', 'ramendr.openshift.io');
  const refs = drpcs.map((p) => ({ drpc: p, kind: stringAt(p.obj, ['spec', 'placementRef', 'kind']), name: stringAt(p.obj, ['spec', 'placementRef', 'name']) }));
  for (const d of ofKind(ctx, 'Placement', 'cluster.open-cluster-management.io')) {
    const user = refs.find((r) => r.name === d.name && r.drpc.namespace === d.namespace && r.kind !== 'PlacementRule');
    // With DRPCs in the set, only the Placements they use concern Ramen.
    if (!user && drpcs.length > 0) continue;
    const who = user ? `DRPlacementControl ${user.drpc.name}` : 'a DRPlacementControl';
    const annotations = valueAt(d.obj, ['metadata', 'annotations']);
    const value = isRecord(annotations) ? annotations[SCHEDULING_DISABLE_ANNOTATION] : undefined;
    if (value === undefined || value === 'false') {
      ctx.hint(
        d,
        ['metadata', value === undefined ? 'name' : 'annotations'],
        'PlacementSchedulingNotDisabled',
        `Placement ${d.name} lacks annotation ${SCHEDULING_DISABLE_ANNOTATION}${value === 'false' ? ' (it is "false")' : ''}`,
        `${who} using it stays Available False with "placement ${d.name} must be disabled in order for Ramen to be the scheduler": annotate it ${SCHEDULING_DISABLE_ANNOTATION}: "true" so that Ramen writes the PlacementDecision`,
      );
    }
    const n = valueAt(d.obj, ['spec', 'numberOfClusters']);
    if (n !== 1) {
      ctx.hint(d, n === undefined ? ['spec'] : ['spec', 'numberOfClusters'], 'PlacementClusterCount', `Placement ${d.name} ${n === undefined ? 'does not set numberOfClusters' : `sets numberOfClusters ${String(n)}`}`, 'a DR-protected application runs on one cluster at a time: set numberOfClusters: 1');
    }
  }
  for (const d of ofKind(ctx, 'PlacementRule', 'apps.open-cluster-management.io')) {
    const used = refs.some((r) => r.name === d.name && r.drpc.namespace === d.namespace);
    if (!used) continue;
    if (stringAt(d.obj, ['spec', 'schedulerName']) !== RAMEN_SCHEDULER_NAME) {
      ctx.hint(d, ['spec', 'schedulerName'], 'PlacementRuleScheduler', `PlacementRule ${d.name} does not set schedulerName: ${RAMEN_SCHEDULER_NAME}`, 'Ramen must be the scheduler of a PlacementRule a DRPC uses; set spec.schedulerName: ramen');
    }
  }
}

function volumeReplicationHints(ctx: HintContext): void {
  for (const d of ofKind(ctx, 'VolumeReplication', 'replication.storage.openshift.io')) {
    ctx.hint(
      d,
      ['metadata', 'name'],
      'HandMadeVolumeReplication',
      'Ramen creates VolumeReplications itself: one per VolRep-protected PVC, named after the PVC',
      'a hand-made VolumeReplication for a protected PVC is a second replication request for the same volume; VolumeReplication is the csi-addons API, not VolSync\'s (VolSync uses ReplicationSource/ReplicationDestination)',
    );
  }
}

export function workloadHints(ctx: HintContext): void {
  vrgHints(ctx);
  drpcHints(ctx);
  placementHints(ctx);
  volumeReplicationHints(ctx);
}

