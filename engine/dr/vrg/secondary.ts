// The VRG as Secondary (dr-cluster spec §6.1): demote each protected PVC's VR once the PVC is no longer
// in use (and, unless failing over, deleted), then remove the VR and Ramen's marks from the PVC. The
// restore conditions are forced to Unused so a later promotion restores again.

import { VRG_CONDITION as T, VRG_REASON as R } from '../../api/ramen/vrg.js';
import type { Result } from '../../runtime/reconcile.js';
import { findCondition, setStatusCondition } from './conditions.js';
import type { VrgInstance } from './instance.js';
import { resultOf, updateVrgConditionsAndStatus, updateVrgStatus } from './status.js';
import { reconcileVolRepsAsSecondary } from './volrep.js';
import { reconcileVolSyncAsSecondary } from './volsync.js';

/** Ramen's resetInitialStatusAsSecondary: true when a write (and an immediate requeue) was needed. */
async function resetInitialStatusAsSecondary(v: VrgInstance): Promise<boolean> {
  const cdr = findCondition(v.status.conditions, T.ClusterDataReady);
  const kor = findCondition(v.status.conditions, T.KubeObjectsReady);
  let update = !cdr || cdr.reason !== R.Unused || !kor || kor.reason !== R.Unused;
  if (v.vrg.status.staticIPDiscovery !== undefined) {
    delete v.vrg.status.staticIPDiscovery;
    update = true;
  }
  const now = v.now();
  setStatusCondition(v.status.conditions, { type: T.ClusterDataReady, status: 'True', reason: R.Unused, message: 'PV and PVC restore skipped as Secondary', observedGeneration: v.generation }, now);
  setStatusCondition(v.status.conditions, { type: T.KubeObjectsReady, status: 'True', reason: R.Unused, message: 'k8s resource restore skipped as Secondary', observedGeneration: v.generation }, now);
  if (update) await updateVrgStatus(v, resultOf(v));
  return update;
}

export async function processAsSecondary(v: VrgInstance): Promise<Result> {
  delete v.vrg.status.lastGroupSyncTime;
  // VM recipes are not modeled; Ramen then stamps AutoCleanup with the previous observedGeneration.
  setStatusCondition(
    v.status.conditions,
    { type: T.AutoCleanup, status: 'False', reason: R.Unused, message: 'AutoCleanup is not applicable for protection schemes other than vm-recipe.', observedGeneration: v.vrg.status.observedGeneration ?? 0 },
    v.now(),
  );
  let requeue = await reconcileVolSyncAsSecondary(v);
  if (await reconcileVolRepsAsSecondary(v)) requeue = true;
  if (!requeue) v.event('Normal', 'SecondaryVRGProcessSuccess', 'Secondary Success');
  if (await resetInitialStatusAsSecondary(v)) return { requeue: true };
  return updateVrgConditionsAndStatus(v, requeue ? { requeue: true } : {});
}
