// Finding F11, real Ramen behaviour: a VolSync failover to a cluster whose ReplicationDestination was
// never created waits for good. The new primary restores each VolSync PVC from its RD's latestImage
// (dr-cluster spec §6.2.3; Ramen's EnsurePVCfromRD fails "unable to find LatestImage" without one),
// so ClusterDataReady stays False; a primary VRG reconciles ReplicationSources only, so nothing will
// create the RD; and the hub's already-primary path (hub spec §6.3 F2) waits for readiness before it
// moves the decision, so the app stays on the old home. The failover start gate (F1) asks only that
// the target's VRG report Secondary, which a secondary VRG whose RD could not be set up (no rsync key
// yet, F2's chain) still does. Hub spec §19 L2 assumes a promoted VRG becomes ready, which this one
// cannot, so the case is reported as waiting, never as a violation.

import type { DRPlacementControl } from '../../../engine/api/ramen/drpc.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { ReplicationDestinationKind, type ReplicationDestination } from '../../../engine/api/storage/volsync.js';
import { RAMEN } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';

/**
 * Why the app waits, when it is in exactly this state: the DRPC fails over to C and waits for C's
 * readiness (progression WaitForReadiness), C's VRG is primary with VolSync rdSpec entries and no
 * ClusterDataReady, and C has no ReplicationDestination for one of those PVCs. An RD that exists but
 * has no image yet is not matched: the old primary's ReplicationSource may still fill it.
 */
export function volSyncRestoreWait(w: ObservedWorld, drpc: DRPlacementControl): string | undefined {
  if (drpc.spec.action !== 'Failover' || drpc.status?.progression !== 'WaitForReadiness') return undefined;
  const target = drpc.spec.failoverCluster ?? '';
  const ns = drpc.metadata.namespace ?? '';
  const vrg = w.peek<VolumeReplicationGroup>(target, RAMEN, 'VolumeReplicationGroup', drpc.metadata.name, ns);
  if (vrg?.spec.replicationState !== 'primary') return undefined;
  if ((vrg.status?.conditions ?? []).some((c) => c.type === 'ClusterDataReady' && c.status === 'True')) return undefined;
  const missing = (vrg.spec.volSync?.rdSpec ?? [])
    .map((rd) => rd.protectedPVC ?? {})
    .find((pvc) => !w.peek<ReplicationDestination>(target, ReplicationDestinationKind.apiVersion, ReplicationDestinationKind.kind, pvc.name ?? '', pvc.namespace ?? vrg.metadata.namespace ?? ''));
  if (missing === undefined) return undefined;
  return (
    `Failover to ${target}, requested before ${target} had a ReplicationDestination for PVC ${missing.name ?? ''}: the new primary restores ` +
    `VolSync PVCs only from an RD's latestImage (dr §6.2.3) and creates no RD, and the hub waits for its readiness before moving ` +
    `the app (§6.3 F2) (finding F11, real Ramen behaviour; outside §19 L2's assumption that a promoted VRG becomes ready)`
  );
}
