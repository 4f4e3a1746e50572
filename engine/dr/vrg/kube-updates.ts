// Small read-modify-write helpers Ramen uses on PVCs and PVs, kept in one place so each caller states
// only the change. Updates write back into the in-memory object, as controller-runtime's Update does.

import type { KubeObject } from '../../api/meta.js';
import { PV_KIND } from '../core-kinds.js';
import type { Pv, Pvc } from '../core-kinds.js';
import type { VrgInstance } from './instance.js';
import { errorMessage } from './instance.js';

/** Updates the object and copies the server's answer into it. */
export async function updateInPlace<T extends KubeObject>(v: VrgInstance, obj: T): Promise<void> {
  const updated = await v.client.update(obj);
  Object.assign(obj, updated);
}

/** Ramen's addAnnotationForResource: no write when the value is already there. */
export async function addAnnotationAndUpdate(v: VrgInstance, obj: KubeObject, resourceType: string, key: string, value: string): Promise<void> {
  const annotations = obj.metadata.annotations ?? {};
  if (annotations[key] === value) return;
  obj.metadata.annotations = { ...annotations, [key]: value };
  try {
    await updateInPlace(v, obj);
  } catch (err) {
    throw new Error(
      `failed to update ${resourceType} (${obj.metadata.namespace ?? ''}/${obj.metadata.name}) annotation (${key}) belonging to VolumeReplicationGroup (${v.vrg.metadata.namespace ?? ''}/${v.vrg.metadata.name}), ${errorMessage(err)}`,
    );
  }
}

/** Ramen's getPVFromPVC: a direct read of the bound PV. */
export async function pvOfPvc(v: VrgInstance, pvc: Pvc): Promise<Pv> {
  const name = pvc.spec.volumeName ?? '';
  try {
    return await v.client.get<Pv>(PV_KIND, { name });
  } catch (err) {
    throw new Error(`failed to get PV {${name}} from PVC ${pvc.metadata.namespace ?? ''}/${pvc.metadata.name}, ${errorMessage(err)}`);
  }
}

export function hasFinalizer(obj: KubeObject, finalizer: string): boolean {
  return (obj.metadata.finalizers ?? []).includes(finalizer);
}

export function addFinalizerTo(obj: KubeObject, finalizer: string): boolean {
  if (hasFinalizer(obj, finalizer)) return false;
  obj.metadata.finalizers = [...(obj.metadata.finalizers ?? []), finalizer];
  return true;
}

export function removeFinalizerFrom(obj: KubeObject, finalizer: string): boolean {
  if (!hasFinalizer(obj, finalizer)) return false;
  obj.metadata.finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  return true;
}
