// Finding F2, real Ramen behaviour: a VolSync app given a Failover or Relocate before the hub ever ran
// its VolSync replication setup (hub spec §6.6 step 4) waits for good. A VolSync primary reports
// DataReady only once every PVC's ReplicationSource is set up (dr-cluster spec §6.2), which needs the
// rsync-TLS key `<drpc>-vs-secret`, and the hub propagates that key only in the secondary setup that
// completes an action; but the hub's already-primary path (§6.3 F2, §6.4 R2) completes only once the
// primary reports DataReady (§6.1), and a relocate elsewhere starts only once it does (R5).
// Hub spec §19 assumes VRGs eventually become "Primary+ready after promotion"; here the VRG cannot,
// so no liveness property covers the case and it is reported as waiting, never as a violation.

import type { KubeObject } from '../../../engine/api/meta.js';
import { PolicyKind } from '../../../engine/api/ocm/policy.js';
import type { DRPlacementControl } from '../../../engine/api/ramen/drpc.js';
import { volSyncClusterSecretName } from '../../../engine/api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { propagationPolicyName } from '../../../engine/hub/drpc/volsync-secret.js';
import { RAMEN } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';

/**
 * Why the app waits, when it is in exactly this state: a cluster C has the app's primary VRG with
 * VolSync PVCs and no DataReady, C lacks the key, the hub has no propagation Policy for it (with one,
 * the key is on its way and the app is merely pending), and the hub waits on C's readiness: in the
 * already-primary path of an action to C (progression WaitForReadiness), or at a relocate's start gate
 * (R5: "current cluster (C) has not completed protection actions").
 */
export function volSyncReadinessWait(w: ObservedWorld, drpc: DRPlacementControl, home: string): string | undefined {
  const ns = drpc.metadata.namespace ?? '';
  const secret = volSyncClusterSecretName(drpc.metadata.name);
  if (w.peek<KubeObject>('hub', PolicyKind.apiVersion, PolicyKind.kind, propagationPolicyName(drpc), ns)) return undefined;
  const available = (drpc.status?.conditions ?? []).find((c) => c.type === 'Available')?.message ?? '';
  for (const c of w.world.clusterNames()) {
    const vrg = w.peek<VolumeReplicationGroup>(c, RAMEN, 'VolumeReplicationGroup', drpc.metadata.name, ns);
    if (vrg?.spec.replicationState !== 'primary') continue;
    if (!(vrg.status?.protectedPVCs ?? []).some((p) => p.protectedByVolSync)) continue;
    if ((vrg.status?.conditions ?? []).some((x) => x.type === 'DataReady' && x.status === 'True')) continue;
    if (w.peek<KubeObject>(c, 'v1', 'Secret', secret, vrg.metadata.namespace)) continue;
    const alreadyThere = drpc.status?.progression === 'WaitForReadiness' && c === home;
    const gate = drpc.spec.action === 'Relocate' && available.includes(`current cluster (${c}) has not completed protection actions`);
    if (!alreadyThere && !gate) continue;
    const waitsFor = alreadyThere ? `${drpc.spec.action ?? ''} to ${c}, where the app already runs (§6.3 F2, §6.4 R2)` : `Relocate from ${c} (start gate R5, §6.4)`;
    return (
      `${waitsFor}, requested before the hub set up VolSync replication: ${c}'s primary reports DataReady only with ReplicationSources, ` +
      `which need the key ${secret}, which the hub propagates only in the secondary setup that completes an action (§6.6 step 4) ` +
      `(finding ${alreadyThere ? 'F2' : 'F2b'}, real Ramen behaviour; outside §19's assumption that a promoted VRG becomes ready)`
    );
  }
  return undefined;
}
