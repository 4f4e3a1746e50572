// Which storage maintenance modes a regional failover needs (hub spec §6.3 F9, §15.5): every protected
// PVC of the last-known primary VRG whose replicationID lists the `Failover` mode, keyed by provisioner
// plus replication ID; and whether a DRCluster reports each of them `FailoverActivated`.

import type { DRCluster } from '../api/ramen/drcluster.js';
import { MMODE_FAILOVER_ACTIVATED } from '../api/ramen/drcluster.js';
import type { VolumeReplicationGroup } from '../api/ramen/vrg.js';

export interface RequiredActivation {
  storageProvisioner: string;
  targetID: string;
}

export function requiredActivations(vrg: VolumeReplicationGroup | undefined): Map<string, RequiredActivation> {
  const out = new Map<string, RequiredActivation>();
  for (const pvc of vrg?.status?.protectedPVCs ?? []) {
    const modes = pvc.replicationID?.modes ?? [];
    if (!modes.includes('Failover')) continue;
    const provisioner = pvc.csiProvisioner ?? '';
    const id = pvc.replicationID?.id ?? '';
    const key = provisioner + id;
    if (!out.has(key)) out.set(key, { storageProvisioner: provisioner, targetID: id });
  }
  return out;
}

/** The first matching status entry decides: its FailoverActivated condition must be True. */
export function isActivationReported(drCluster: DRCluster, required: RequiredActivation): boolean {
  for (const mm of drCluster.status?.maintenanceModes ?? []) {
    if (mm.storageProvisioner !== required.storageProvisioner || mm.targetID !== required.targetID) continue;
    const c = (mm.conditions ?? []).find((x) => x.type === MMODE_FAILOVER_ACTIVATED);
    return c?.status === 'True';
  }
  return false;
}

export function allActivationsReported(drCluster: DRCluster, required: ReadonlyMap<string, RequiredActivation>): boolean {
  for (const r of required.values()) if (!isActivationReported(drCluster, r)) return false;
  return true;
}

/** A primary view on a cluster other than the target, in the given order. */
export function lastKnownPrimaryView(vrgs: ReadonlyMap<string, VolumeReplicationGroup>, target: string): VolumeReplicationGroup | undefined {
  for (const [cluster, vrg] of vrgs) if (cluster !== target && vrg.spec.replicationState === 'primary') return vrg;
  return undefined;
}
