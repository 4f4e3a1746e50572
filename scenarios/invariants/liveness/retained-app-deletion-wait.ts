// Finding F12, real Ramen behaviour: a DRPC deleted during a failover's cleanup, before Ramen dropped
// the old home's RetainedForFailover decision, is never removed. The retained entry keeps OCM's app
// on the old home until cleanup sees that cluster's VRG secondary (hub spec §5.3 "Drop retained",
// S10); deletion (§12) never drops it, so the app stays. The deletion removes the old home's VRG work,
// but that VRG, secondary, cannot finish deleting while a pod uses its PVC (dr-cluster spec: a
// secondary transition waits for the PVC to be unused, Ramen's isPVCReadyForSecondary/isPVCInUse),
// and the hub keeps the DRPC until no view shows a VRG. Hub spec §19 L8 assumes VRGs do what the
// hub asks, which this one cannot, so clean-disable reports the case as waiting, never as a violation.

import type { PlacementDecision } from '../../../engine/api/ocm/placement-decision.js';
import { PlacementDecisionKind, placementDecisionName, RETAINED_FOR_FAILOVER } from '../../../engine/api/ocm/placement-decision.js';
import type { DRPlacementControl } from '../../../engine/api/ramen/drpc.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import type { AppDecl } from '../../../sim/world/world-decl.js';
import { RAMEN } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';

/**
 * Why a deleted DRPC is still there, when it is in exactly this state: it is being deleted, its
 * PlacementDecision still retains a cluster C for failover, C's VRG is secondary and being deleted,
 * and the app still runs on C.
 */
export function retainedAppDeletionWait(w: ObservedWorld, app: AppDecl): string | undefined {
  const drpc = w.peek<DRPlacementControl>('hub', RAMEN, 'DRPlacementControl', app.name, app.namespace);
  if (!drpc?.metadata.deletionTimestamp) return undefined;
  const placement = drpc.spec.placementRef?.name ?? '';
  const decision = w.peek<PlacementDecision>('hub', PlacementDecisionKind.apiVersion, PlacementDecisionKind.kind, placementDecisionName(placement, 1), app.namespace);
  const running = w.env.appRunningOn(app.name);
  for (const d of decision?.status?.decisions ?? []) {
    if (d.reason !== RETAINED_FOR_FAILOVER || !running.includes(d.clusterName)) continue;
    const vrg = w.peek<VolumeReplicationGroup>(d.clusterName, RAMEN, 'VolumeReplicationGroup', app.name, app.namespace);
    if (vrg?.spec.replicationState !== 'secondary' || !vrg.metadata.deletionTimestamp) continue;
    return (
      `the DRPC was deleted during a failover's cleanup, before Ramen dropped ${d.clusterName}'s RetainedForFailover decision (§5.3, S10); ` +
      `deletion (§12) never drops it, so the app keeps running on ${d.clusterName}, whose secondary VRG cannot finish deleting while the ` +
      `app's pod uses its PVC; the user must remove the app or that decision (finding F12, real Ramen behaviour; outside §19 L8's ` +
      `assumption that VRGs do what the hub asks)`
    );
  }
  return undefined;
}
