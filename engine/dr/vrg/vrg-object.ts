// The VRG object upload (dr-cluster spec §5.8): the in-memory VRG, with the status computed so far in
// this reconcile, goes to every S3 accessor when its resourceVersion differs from the last upload this
// process made. The hub reads these copies when a cluster is unreachable.

import { VRG_CONDITION as T, VRG_REASON as R } from '../../api/ramen/vrg.js';
import type { VrgInstance } from './instance.js';
import { errorMessage } from './instance.js';
import { vrgObjectKey } from './s3-layout.js';
import { uploadObject } from './s3-objects.js';

/** Uploads to every accessor; returns false (with the sub-condition set) on the first failure. */
export async function uploadVrgObject(v: VrgInstance): Promise<boolean> {
  const key = vrgObjectKey(v.vrg.metadata.namespace ?? '', v.vrg.metadata.name);
  for (const accessor of v.s3Accessors) {
    try {
      await uploadObject(accessor.store, key, v.vrg);
    } catch (err) {
      v.event('Warning', 'VrgUploadFailed', errorMessage(err));
      v.vrgObjectProtected = { type: T.ClusterDataProtected, status: 'False', reason: R.VolumeReplicationGroupObjectCaptureError, message: 'VRG Kube object protect error', observedGeneration: v.generation };
      v.requeue();
      return false;
    }
    v.deps.memory.vrgLastUploadVersion.set(v.namespacedName, v.vrg.metadata.resourceVersion ?? '');
    v.vrgObjectProtected = { type: T.ClusterDataProtected, status: 'True', reason: R.Uploaded, message: 'VRG object protected', observedGeneration: v.generation };
  }
  return true;
}

/** Ramen's vrgObjectProtect: skipped in dry run and when this resourceVersion was already uploaded. */
export async function vrgObjectProtect(v: VrgInstance): Promise<void> {
  if (v.vrg.spec.dryRun) return;
  const last = v.deps.memory.vrgLastUploadVersion.get(v.namespacedName);
  if (last !== undefined && last === v.vrg.metadata.resourceVersion) return;
  await uploadVrgObject(v);
}
