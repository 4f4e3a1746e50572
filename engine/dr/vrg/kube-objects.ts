// The kube-object protection seam (dr-cluster spec §9): Velero capture and recovery. drsim does not
// model Velero yet; this file holds Ramen's gates that do not need it (disabled protection, the
// initial-deployment shortcut, NoS3) and reports a capture that never starts otherwise, which is the
// condition Ramen shows while a capture is pending.

import { NO_S3_STORE_AVAILABLE } from '../../api/ramen/dr-constants.js';
import { VRG_CONDITION as T, VRG_REASON as R } from '../../api/ramen/vrg.js';
import type { VrgInstance } from './instance.js';

export function kubeObjectProtectionDisabled(v: VrgInstance): boolean {
  return v.vrg.spec.kubeObjectProtection === undefined || v.vrg.spec.kubeObjectProtection === null || v.ramenConfig.kubeObjectProtection?.disabled === true;
}

/** Ramen's resetKubeObjectsCaptureStatusIfRequired, at the start of every primary reconcile. */
export function resetKubeObjectsCaptureStatus(v: VrgInstance): void {
  if (kubeObjectProtectionDisabled(v)) {
    v.kubeObjectsProtected = undefined;
    return;
  }
  if (v.finalSyncInProgress) return;
  v.kubeObjectsProtected = { type: T.ClusterDataProtected, status: 'False', reason: R.KubeObjectsCaptureNotStarted, message: 'Kube objects capture has not started', observedGeneration: v.generation };
}

/** Ramen's kubeObjectsProtectPrimary: capture is skipped in dry run and during final sync. */
export function kubeObjectsProtectPrimary(v: VrgInstance): void {
  if (kubeObjectProtectionDisabled(v) || v.vrg.spec.dryRun || v.finalSyncInProgress) return;
  if (v.s3Accessors.length === 0) {
    v.requeue();
    return;
  }
  // Velero capture is not modeled: the capture stays "not started" and is retried.
  v.requeue();
}

/** Ramen's kubeObjectsRecover; throws when recovery is needed and cannot be done. */
export function kubeObjectsRecover(v: VrgInstance): void {
  if (kubeObjectProtectionDisabled(v)) return;
  if ((v.vrg.spec.action ?? '') === '') return;
  if (v.s3Accessors.length === 0) throw new Error('no S3Profiles configured');
  if ((v.vrg.spec.s3Profiles ?? []).includes(NO_S3_STORE_AVAILABLE)) return;
  throw new Error('kube objects restore error, will retry');
}
