// Typed accessors over built-in objects, so reconcilers and the storage model read the fields they
// need without repeating optional-chaining and defaulting rules.

import { keyString, type ObjectKey } from '../meta.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import type { ConfigMap } from './config-map.js';
import type { PersistentVolumeClaim } from './persistent-volume-claim.js';
import type { PersistentVolume } from './persistent-volume.js';
import type { Pod } from './pod.js';
import { compareQuantities, quantityToNumber } from './quantity.js';
import type { Secret } from './secret.js';
import { DEFAULT_STORAGE_CLASS_ANNOTATION, type StorageClass } from './storage-class.js';

/** The claim's storage class name; an empty string means "no class" (static binding only). */
export function pvcStorageClass(pvc: PersistentVolumeClaim): string | undefined {
  return pvc.spec.storageClassName;
}

/** The storage the claim requests, as written (`10Gi`). */
export function pvcRequestedStorage(pvc: PersistentVolumeClaim): string | undefined {
  return pvc.spec.resources?.requests?.storage;
}

/** The provisioned capacity recorded in the claim's status. */
export function pvcCapacity(pvc: PersistentVolumeClaim): string | undefined {
  return pvc.status?.capacity?.storage;
}

export function pvcIsBound(pvc: PersistentVolumeClaim): boolean {
  return pvc.status?.phase === 'Bound';
}

export function pvcVolumeMode(pvc: PersistentVolumeClaim): 'Block' | 'Filesystem' {
  return pvc.spec.volumeMode ?? 'Filesystem';
}

export function pvIsBound(pv: PersistentVolume): boolean {
  return pv.status?.phase === 'Bound';
}

/** The `namespace/name` of the claim a volume is bound or reserved to, if any. */
export function pvClaimKey(pv: PersistentVolume): string | undefined {
  const ref = pv.spec.claimRef;
  if (!ref?.name) return undefined;
  return keyString({ namespace: ref.namespace, name: ref.name });
}

/** The CSI driver behind a volume, if it is a CSI volume. */
export function pvCsiDriver(pv: PersistentVolume): string | undefined {
  return pv.spec.csi?.driver;
}

export function pvReclaimPolicy(pv: PersistentVolume): 'Retain' | 'Delete' | 'Recycle' {
  return pv.spec.persistentVolumeReclaimPolicy ?? 'Retain';
}

/** Whether a volume is large enough for a claim's request. */
export function pvSatisfiesRequest(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  return compareQuantities(pv.spec.capacity?.storage, pvcRequestedStorage(pvc)) >= 0;
}

/** A storage size in bytes, NaN when it does not parse. */
export function storageBytes(quantity: string): number {
  return quantityToNumber(quantity);
}

export function isDefaultStorageClass(sc: StorageClass): boolean {
  return sc.metadata.annotations?.[DEFAULT_STORAGE_CLASS_ANNOTATION] === 'true';
}

/** The claims a pod mounts, as keys in the pod's namespace. */
export function podClaimKeys(pod: Pod): ObjectKey[] {
  const namespace = pod.metadata.namespace;
  return (pod.spec.volumes ?? [])
    .map((v) => v.persistentVolumeClaim?.claimName)
    .filter((name): name is string => typeof name === 'string' && name !== '')
    .map((name) => (namespace ? { namespace, name } : { name }));
}

/** A Secret value decoded from base64 to text. */
export function secretValue(secret: Secret, key: string): string | undefined {
  const data = secret.data?.[key];
  return data === undefined ? undefined : decodeBase64(data);
}

/** Secret `data` from plain text values, base64-encoded as the API stores them. */
export function secretData(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, encodeBase64(v)]));
}

export function configMapValue(cm: ConfigMap, key: string): string | undefined {
  return cm.data?.[key];
}
