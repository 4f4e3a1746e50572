// Finding F2, real Ramen behaviour: a VolSync app given a Failover or Relocate to the cluster it
// already runs on, before the hub ever ran its VolSync replication setup (hub spec §6.6 step 4), waits
// for readiness for good. The hub's already-primary path (§6.3 F2, §6.4 R2) completes only once the
// primary reports DataReady (§6.1); a VolSync primary reports DataReady only once every PVC's
// ReplicationSource is set up (dr-cluster spec §6.2), which needs the rsync-TLS key `<drpc>-vs-secret`;
// and the hub propagates that key only in the secondary setup that completion runs after readiness.
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
 * Why the app waits, when it is in exactly this state: the DRPC waits for readiness of `home`, whose
 * VRG is primary in spec with VolSync PVCs and not DataReady, whose cluster lacks the key, and the hub
 * has no propagation Policy for it (with one, the key is on its way and the app is merely pending).
 */
export function volSyncReadinessWait(w: ObservedWorld, drpc: DRPlacementControl, home: string): string | undefined {
  if (drpc.status?.progression !== 'WaitForReadiness' || home === '') return undefined;
  const ns = drpc.metadata.namespace ?? '';
  const vrg = w.peek<VolumeReplicationGroup>(home, RAMEN, 'VolumeReplicationGroup', drpc.metadata.name, ns);
  if (vrg?.spec.replicationState !== 'primary') return undefined;
  if (!(vrg.status?.protectedPVCs ?? []).some((p) => p.protectedByVolSync)) return undefined;
  if ((vrg.status?.conditions ?? []).some((c) => c.type === 'DataReady' && c.status === 'True')) return undefined;
  const secret = volSyncClusterSecretName(drpc.metadata.name);
  if (w.peek<KubeObject>(home, 'v1', 'Secret', secret, vrg.metadata.namespace)) return undefined;
  if (w.peek<KubeObject>('hub', PolicyKind.apiVersion, PolicyKind.kind, propagationPolicyName(drpc), ns)) return undefined;
  return (
    `${drpc.spec.action ?? ''} to ${home}, where the app already runs, before the hub set up VolSync replication: the primary's ` +
    `DataReady needs ReplicationSources, which need the key ${secret}, which the hub propagates only after that readiness ` +
    '(finding F2, real Ramen behaviour; hub spec §6.3 F2/§6.4 R2, §6.6 step 4; outside §19\'s assumption that a promoted VRG becomes ready)'
  );
}
