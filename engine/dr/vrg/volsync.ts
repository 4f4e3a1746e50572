// The VolSync data path seam (dr-cluster spec §6.2-§6.4). drsim models the VolumeReplication path in
// full; for VolSync it reproduces what Ramen does when there are no VolSync PVCs (the final-sync flags
// complete at once, status entries are dropped) and otherwise reports the PVCs as not yet protected,
// so a VolSync-only workload is visibly stuck rather than silently "protected". ReplicationSource and
// ReplicationDestination handling, the PSK secret and the final sync belong here.

import { VRG_CONDITION as T, VRG_REASON as R } from '../../api/ramen/vrg.js';
import { setStatusCondition } from './conditions.js';
import type { VrgInstance } from './instance.js';
import { isPvcInUse } from './volrep.js';

export const VOLSYNC_NOT_MODELED = 'VolSync data path is not modeled by drsim';

/** Ramen's reconcileVolSyncAsPrimary; returns whether to requeue and whether final sync is prepared. */
export function reconcileVolSyncAsPrimary(v: VrgInstance): { requeue: boolean; finalSyncPrepared: boolean } {
  if (v.volSyncPVCs.length === 0) {
    v.vrg.status.finalSyncComplete = v.vrg.spec.runFinalSync === true;
    return { requeue: false, finalSyncPrepared: true };
  }
  for (const pvc of v.volSyncPVCs) {
    const entry = v.protectedPvcOrAdd(pvc.metadata.namespace ?? '', pvc.metadata.name);
    entry.protectedByVolSync = true;
    entry.conditions ??= [];
    setStatusCondition(entry.conditions, { type: T.ReplicationSourceSetup, status: 'False', reason: R.Error, message: VOLSYNC_NOT_MODELED, observedGeneration: v.generation }, v.now());
  }
  return { requeue: true, finalSyncPrepared: false };
}

/** Ramen's reconcileVolSyncAsSecondary; returns whether to requeue. */
export async function reconcileVolSyncAsSecondary(v: VrgInstance): Promise<boolean> {
  const rdSpec = v.vrg.spec.volSync?.rdSpec;
  if (rdSpec === undefined || rdSpec === null) {
    v.status.protectedPVCs = v.status.protectedPVCs.filter((e) => !e.protectedByVolSync);
    // A VolSync PVC still mounted here means the workload has not left this cluster yet.
    v.volSyncWorkloadActive = false;
    for (const pvc of v.volSyncPVCs) {
      if (await isPvcInUse(v, pvc, 'VolSync secondary')) v.volSyncWorkloadActive = true;
    }
    if (v.volSyncWorkloadActive) return true;
  }
  v.vrg.status.prepareForFinalSyncComplete = false;
  v.vrg.status.finalSyncComplete = false;
  return (rdSpec ?? []).length > 0;
}

/** Ramen's restorePVsAndPVCsForVolSync: nothing to do without rdSpec entries. */
export function restorePvsAndPvcsForVolSync(v: VrgInstance): number {
  const rdSpec = v.vrg.spec.volSync?.rdSpec ?? [];
  if (rdSpec.length === 0) return 0;
  for (const rd of rdSpec) {
    const entry = v.protectedPvcOrAdd(rd.protectedPVC?.namespace ?? '', rd.protectedPVC?.name ?? '');
    entry.protectedByVolSync = true;
    entry.conditions ??= [];
    setStatusCondition(entry.conditions, { type: T.PVsRestored, status: 'False', reason: R.Error, message: VOLSYNC_NOT_MODELED, observedGeneration: v.generation }, v.now());
  }
  throw new Error(`failed to restore all PVCs. Restored 0 PVCs out of ${rdSpec.length} RDSpecs`);
}
