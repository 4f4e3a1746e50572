// Hub spec §18 S8: a regional failover promotes its target only once the target's storage reports
// every maintenance mode the protected volumes ask for.

import type { DRCluster } from '../../../engine/api/ramen/drcluster.js';
import type { DRPlacementControl } from '../../../engine/api/ramen/drpc.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { decodeObject, vrgObjectKey } from '../../../engine/dr/vrg/s3-layout.js';
import { HubKinds } from '../../../engine/hub/kinds.js';
import { allActivationsReported, requiredActivations } from '../../../engine/hub/maintenance-requirements.js';
import type { RequiredActivation } from '../../../engine/hub/maintenance-requirements.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { HUB_OPERATOR } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import { s3ProfilesOf } from '../observed-world.js';
import type { DrpcRecord } from '../tracking/drpc-tracker.js';
import { policyClusters, readingSeqs, readingVrg, surelySaw, vrgNamespaceOf, viewReadings } from './pass-reads.js';

/** The last primary VRG the target's S3 profile holds, as the hub would read it now; undefined if none or unreadable. */
function lastPrimaryInS3(w: ObservedWorld, drpc: DrpcRecord, dc: DRCluster | undefined): VolumeReplicationGroup | 'unreadable' | undefined {
  const profile = dc ? s3ProfilesOf(w).get(dc.spec?.s3ProfileName ?? '') : undefined;
  const ep = profile ? w.world.s3.get(profile.url) : undefined;
  if (!profile || !ep) return 'unreadable';
  const key = vrgObjectKey(vrgNamespaceOf(drpc.object), drpc.name);
  const body = ep.peek(profile.bucket, key);
  if (!body) return undefined;
  try {
    const vrg = decodeObject<VolumeReplicationGroup>(body, key);
    return vrg.spec?.replicationState === 'primary' ? vrg : undefined;
  } catch {
    return 'unreadable';
  }
}

function describe(required: ReadonlyMap<string, RequiredActivation>): string {
  return [...required.values()].map((r) => `${r.storageProvisioner}/${r.targetID}`).join(', ');
}

export function regionalFailoverMaintenance(): Checker {
  const log = new ViolationLog();
  return {
    name: 'regional-failover-maintenance',
    kind: 'safety',
    source: 'hub spec §18 S8',
    explanation:
      'In a regional world, when the hub makes the failover target T primary, every provisioner and replication ID whose protected ' +
      'PVCs (in the last known primary VRG: a primary view of another cluster, else the VRG the primary uploaded to T\'s S3 profile) ' +
      "ask for the Failover maintenance mode has a FailoverActivated True entry in T's DRCluster status. Sound because every VRG " +
      'and DRCluster version current during the pass is tried: the promotion passes when any combination passes; an unreadable S3 ' +
      'object is not judged.',
    onEvent(o: Observed, w: ObservedWorld): void {
      if (w.isMetro()) return;
      const change = w.current.workChange;
      if (!change?.after || change.after.replicationState !== 'primary' || change.before?.replicationState === 'primary' || change.actor !== HUB_OPERATOR) return;
      const drpc = w.drpcs.get(change.drpc);
      const e = o.event;
      const t = change.cluster;
      const failingOverToT = (d: DRPlacementControl): boolean => d.spec?.action === 'Failover' && d.spec.failoverCluster === t && d.metadata.deletionTimestamp === undefined;
      if (!drpc || !surelySaw(w, drpc, e.t, failingOverToT)) return;
      const dcs = w.hubDuringPass<DRCluster>(HubKinds.drCluster.kind, undefined, t, e.t);
      const others = policyClusters(w, drpc.object)
        .filter((c) => c !== t)
        .map((c) => viewReadings(w, drpc, c, e.t));
      const sources: (VolumeReplicationGroup | undefined)[] = [];
      for (const rs of others) for (const r of rs) if (readingVrg(r)?.spec?.replicationState === 'primary') sources.push(readingVrg(r));
      // A pass that saw no primary view reads the last primary from T's S3 profile instead.
      if (others.every((rs) => rs.some((r) => readingVrg(r)?.spec?.replicationState !== 'primary'))) {
        const fromS3 = lastPrimaryInS3(w, drpc, dcs.at(-1)?.object);
        if (fromS3 === 'unreadable') return;
        sources.push(fromS3);
      }
      const requirements = sources.map((vrg) => requiredActivations(vrg));
      // Ramen lets a failover to a cluster without a DRCluster through (nothing to ask of it).
      if (requirements.some((req) => dcs.some((v) => v.object === undefined || allActivationsReported(v.object, req)))) return;
      const missing = requirements.find((req) => req.size > 0) ?? requirements[0]!;
      log.add(e.t, `failover of ${drpc.key} promoted ${t} while its DRCluster did not report FailoverActivated for ${describe(missing)}`, [e.seq, drpc.episode.startSeq, ...dcs.map((v) => v.seq), ...others.flatMap(readingSeqs)], String(e.seq));
    },
    finish: () => log.report('safety'),
  };
}
