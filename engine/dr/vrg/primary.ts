// The VRG as Primary (dr-cluster spec §5.1, §5.6): restore cluster data from S3 before anything else
// when this cluster has just become primary, then protect PVCs, then (once DataReady) restore kube
// objects, capture them, and upload the VRG object. The ordering is the contract with the hub: the
// application is placed only after ClusterDataReady, so restored PVs/PVCs are there when it starts.

import { VRG_CONDITION as T, VRG_REASON as R } from '../../api/ramen/vrg.js';
import type { Result } from '../../runtime/reconcile.js';
import { findCondition, isTrueAt, setStatusCondition } from './conditions.js';
import { restorePvsAndPvcsForVolRep } from './cluster-data.js';
import { pvcsDeselectedUnprotect } from './deselection.js';
import type { VrgInstance } from './instance.js';
import { errorMessage } from './instance.js';
import { kubeObjectsProtectPrimary, kubeObjectsRecover, resetKubeObjectsCaptureStatus } from './kube-objects.js';
import { clusterDataError, dataError, resultOf, updateVrgConditionsAndStatus } from './status.js';
import { updateDataReady } from './summary.js';
import { processPvcsAsPrimary } from './volrep.js';
import { reconcileVolSyncAsPrimary, restorePvsAndPvcsForVolSync } from './volsync.js';
import { vrgObjectProtect } from './vrg-object.js';

function setTrue(v: VrgInstance, type: string, reason: string, message: string): void {
  setStatusCondition(v.status.conditions, { type, status: 'True', reason, message, observedGeneration: v.generation }, v.now());
}

/** Ramen's shouldRestoreClusterData (§5.6 table). */
export function shouldRestoreClusterData(v: VrgInstance): boolean {
  if (v.finalSyncInProgress) {
    setTrue(v, T.ClusterDataReady, R.Restored, 'PV and PVC restore skipped, as VRG is orchestrating final sync');
    return false;
  }
  const c = findCondition(v.status.conditions, T.ClusterDataReady);
  if (!c) return true;
  if (c.status === 'True') {
    if (c.observedGeneration === v.generation) return false;
    if (c.reason === R.Restored) {
      setTrue(v, T.ClusterDataReady, R.Restored, 'PV and PVC restore skipped, an older generation as Primary has already applied the restore');
      return false;
    }
  }
  return true;
}

/** Ramen's shouldRestoreKubeObjects, which mirrors the cluster-data gate. */
export function shouldRestoreKubeObjects(v: VrgInstance): boolean {
  if (v.finalSyncInProgress) {
    setTrue(v, T.KubeObjectsReady, R.KubeObjectsRestored, 'k8s resource restore skipped, as VRG is orchestrating final sync');
    return false;
  }
  const c = findCondition(v.status.conditions, T.KubeObjectsReady);
  if (!c) return true;
  if (c.status === 'True') {
    if (c.observedGeneration === v.generation) return false;
    if (c.reason === R.KubeObjectsRestored) {
      setTrue(v, T.KubeObjectsReady, R.KubeObjectsRestored, 'k8s resource restore skipped, an older generation as Primary has already applied the restore');
      return false;
    }
  }
  return true;
}

/** Ramen's clusterDataRestore: VolSync PVCs, then VolRep PVs/PVCs (then groups, not modeled). */
async function clusterDataRestore(v: VrgInstance): Promise<number> {
  let forVolSync: number;
  try {
    forVolSync = await restorePvsAndPvcsForVolSync(v);
  } catch (err) {
    throw new Error(`failed to restore PV/PVC for VolSync (${errorMessage(err)})`);
  }
  let forVolRep: number;
  try {
    forVolRep = await restorePvsAndPvcsForVolRep(v);
  } catch (err) {
    throw new Error(`failed to restore PV/PVC for VolRep (${errorMessage(err)})`);
  }
  const total = forVolSync + forVolRep;
  const msg = total === 0 ? 'Nothing to restore' : `Restored ${forVolSync} volsync PVs/PVCs and ${forVolRep} volrep PVs/PVCs`;
  setTrue(v, T.ClusterDataReady, R.Restored, msg);
  v.deps.trace.emit({ type: 'dr.vrg.restore', cluster: v.deps.clusterName, vrg: v.namespacedName, volsync: forVolSync, volrep: forVolRep });
  return total;
}

export async function processAsPrimary(v: VrgInstance): Promise<Result> {
  resetKubeObjectsCaptureStatus(v);
  if (shouldRestoreClusterData(v)) {
    v.requeue();
    let restored: number;
    try {
      restored = await clusterDataRestore(v);
    } catch (err) {
      return clusterDataError(v, err, 'Failed to restore PVs/PVCs', resultOf(v));
    }
    if (restored !== 0) return updateVrgConditionsAndStatus(v, resultOf(v));
  }
  try {
    await pvcsDeselectedUnprotect(v);
  } catch (err) {
    return dataError(v, err, 'PVCs deselected unprotect failed', v.requeueRequested);
  }
  // Ramen assigns (not ORs) the VolSync result here, which also clears the restore's requeue.
  const volSync = await reconcileVolSyncAsPrimary(v);
  v.requeueRequested = volSync.requeue;
  await processPvcsAsPrimary(v);
  if (v.vrg.spec.prepareForFinalSync) v.vrg.status.prepareForFinalSyncComplete = volSync.finalSyncPrepared;
  updateDataReady(v);
  if (!isTrueAt(v.status.conditions, T.DataReady, v.generation)) return updateVrgConditionsAndStatus(v, resultOf(v));
  if (shouldRestoreKubeObjects(v)) {
    try {
      await kubeObjectsRecover(v);
    } catch (err) {
      setStatusCondition(v.status.conditions, { type: T.KubeObjectsReady, status: 'False', reason: R.Error, message: `Failed to restore kube objects: ${errorMessage(err)}`, observedGeneration: v.generation }, v.now());
      return updateVrgConditionsAndStatus(v, resultOf(v));
    }
    setTrue(v, T.KubeObjectsReady, R.KubeObjectsRestored, 'Kube objects restored');
    v.requeue();
    return updateVrgConditionsAndStatus(v, resultOf(v));
  }
  await kubeObjectsProtectPrimary(v);
  if (v.requeueRequested) return updateVrgConditionsAndStatus(v, resultOf(v));
  await vrgObjectProtect(v);
  if (v.requeueRequested) return updateVrgConditionsAndStatus(v, resultOf(v));
  v.event('Normal', 'PrimaryVRGProcessSuccess', 'Primary Success');
  return updateVrgConditionsAndStatus(v, resultOf(v));
}
