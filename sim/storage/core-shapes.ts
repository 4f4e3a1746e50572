// The core Kubernetes kinds the storage and workload agents read and write, gathered from
// engine/api/core so the agents import them from one place, plus the one helper they share.

export { PVC_KIND } from '../../engine/api/core/persistent-volume-claim.js';
export type { PersistentVolumeClaim } from '../../engine/api/core/persistent-volume-claim.js';
export { PV_KIND } from '../../engine/api/core/persistent-volume.js';
export type { PersistentVolume, PersistentVolumeStatus as PvStatus } from '../../engine/api/core/persistent-volume.js';
export { POD_KIND } from '../../engine/api/core/pod.js';
export type { Pod } from '../../engine/api/core/pod.js';
export { STORAGE_CLASS_KIND } from '../../engine/api/core/storage-class.js';
export type { StorageClass } from '../../engine/api/core/storage-class.js';
export { VOLUME_ATTACHMENT_KIND } from '../../engine/api/core/volume-attachment.js';
export type { VolumeAttachment } from '../../engine/api/core/volume-attachment.js';

import type { Pod } from '../../engine/api/core/pod.js';

/** The PVC names a Pod mounts. */
export function claimNamesOf(pod: Pod): string[] {
  return (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
}
