// VRG deletion (dr-cluster spec §7.5): undo protection of every PVC listed in status, drive each VR to
// the desired state and delete it, delete the S3 prefix only when primary, then drop the finalizer.
// No status is written on this path; any incomplete step requeues.

import { VRG_FINALIZER } from '../../api/ramen/dr-constants.js';
import type { Result } from '../../runtime/reconcile.js';
import { pvcsDeselectedUnprotect } from './deselection.js';
import type { VrgInstance } from './instance.js';
import { errorMessage } from './instance.js';
import { hasFinalizer, removeFinalizerFrom } from './kube-updates.js';
import { kubeObjectsProtectionDelete } from './kube-objects.js';
import { deleteObjectsWithKeyPrefix } from './s3-objects.js';
import { s3StoresDo } from './s3-stores.js';
import { pvcsUnprotectVolRep } from './volrep.js';
import { cleanupVolSyncResources, pvcUnprotectVolSync, undoPvRetentionForVolSyncPvcs } from './volsync.js';

export async function processForDeletion(v: VrgInstance): Promise<Result> {
  try {
    await undoPvRetentionForVolSyncPvcs(v);
  } catch {
    return { requeue: true };
  }
  try {
    await pvcsDeselectedUnprotect(v);
  } catch {
    return { requeue: true };
  }
  try {
    await cleanupVolSyncResources(v);
  } catch (err) {
    v.log('Cleanup owned resources failed', { error: errorMessage(err) });
    return { requeue: true };
  }
  if (!hasFinalizer(v.vrg, VRG_FINALIZER)) return {};
  await pvcsUnprotectVolRep(v, v.volRepPVCs);
  for (const pvc of v.volSyncPVCs) await pvcUnprotectVolSync(v, pvc);
  if (v.requeueRequested) return { requeue: true };
  try {
    await kubeObjectsProtectionDelete(v);
  } catch (err) {
    v.log('Kube objects protection deletion failed', { error: errorMessage(err) });
    return { requeue: true };
  }
  if (v.isPrimary) {
    const prefix = v.s3KeyPrefix;
    try {
      await s3StoresDo(v, (store) => deleteObjectsWithKeyPrefix(store, prefix), `delete objects with key prefix ${prefix}`);
    } catch (err) {
      v.log('Requeuing due to failure in deleting cluster data from S3 stores', { error: errorMessage(err) });
      return { requeue: true };
    }
  }
  const status = v.vrg.status;
  removeFinalizerFrom(v.vrg, VRG_FINALIZER);
  try {
    const updated = await v.client.update(v.vrg);
    v.vrg = { ...updated, status };
  } catch {
    return { requeue: true };
  }
  v.event('Normal', 'VRGDeleteSuccess', 'Deletion Success');
  return {};
}
