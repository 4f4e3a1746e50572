// How VolSync's movers reach volume data in the simulator: a claim resolves, through its bound PV's
// CSI driver and volume handle, to an image of the storage model; a sync reads a point-in-time
// prefix of the source image and makes the destination image hold exactly that prefix.

import type { ClusterClient } from '../../engine/runtime/client.js';
import { isNotFound } from '../../engine/runtime/errors.js';
import { PV_KIND, PVC_KIND, type PersistentVolume, type PersistentVolumeClaim } from '../storage/core-shapes.js';
import type { StorageBackend } from '../storage/storage-backend.js';
import { imageKey, type ImageKey, type VolumeDataModel, type WriteRef } from '../storage/volume-data.js';

export type ClaimImage =
  | { ok: true; key: ImageKey; storageId: string; claim: PersistentVolumeClaim; volume: PersistentVolume }
  | { ok: false; message: string; claim?: PersistentVolumeClaim };

export async function resolveClaimImage(client: ClusterClient, storage: StorageBackend, cluster: string, namespace: string, name: string): Promise<ClaimImage> {
  let claim: PersistentVolumeClaim;
  try {
    claim = await client.get<PersistentVolumeClaim>(PVC_KIND, { namespace, name });
  } catch (err) {
    if (isNotFound(err)) return { ok: false, message: `persistentvolumeclaims "${name}" not found` };
    return { ok: false, message: (err as Error).message };
  }
  const pvName = claim.spec.volumeName;
  if (claim.status?.phase !== 'Bound' || !pvName) return { ok: false, message: `PVC ${namespace}/${name} is not bound`, claim };
  let volume: PersistentVolume;
  try {
    volume = await client.get<PersistentVolume>(PV_KIND, { name: pvName });
  } catch (err) {
    return { ok: false, message: isNotFound(err) ? `persistentvolumes "${pvName}" not found` : (err as Error).message, claim };
  }
  const csi = volume.spec.csi;
  if (!csi) return { ok: false, message: `PV ${pvName} is not a CSI volume`, claim };
  const system = storage.systemFor(cluster, csi.driver);
  if (!system) return { ok: false, message: `no storage system of driver ${csi.driver} on ${cluster}`, claim };
  if (!storage.hasVolume(system.storageId, csi.volumeHandle)) return { ok: false, message: `volume ${csi.volumeHandle} not found on ${system.storageId}`, claim };
  return { ok: true, key: imageKey(system.storageId, csi.volumeHandle), storageId: system.storageId, claim, volume };
}

/** A source image's content as of one instant: its first `length` writes. */
export interface PointInTime {
  image: ImageKey;
  length: number;
  /** The last write included, compared by ref to detect a source rewritten since. */
  last: WriteRef | undefined;
}

export function pointInTime(data: VolumeDataModel, image: ImageKey): PointInTime {
  const length = data.length(image);
  return { image, length, last: data.refAt(image, length - 1) };
}

/** How many writes a sync must move: only the missing tail when the target is a prefix, else all. */
export function deltaWrites(data: VolumeDataModel, source: PointInTime, target: ImageKey | undefined): number {
  if (target === undefined || !data.has(target)) return source.length;
  return data.isPrefixOf(target, source.image, source.length) ? source.length - data.length(target) : source.length;
}

/**
 * Makes `target` hold exactly the point-in-time content, as rsync with --delete does. A target that is
 * a prefix only receives the tail; a diverged target is overwritten, and what it alone held is
 * recorded as discarded. Returns an error when the source no longer holds that content.
 */
export function applyPointInTime(data: VolumeDataModel, source: PointInTime, target: ImageKey, atMs: number): string | undefined {
  const now = source.length > 0 ? data.refAt(source.image, source.length - 1) : undefined;
  if (!data.has(source.image) || data.length(source.image) < source.length || (source.length > 0 && (now?.table !== source.last?.table || now?.id !== source.last?.id))) {
    return `source image ${source.image} changed during the transfer`;
  }
  if (!data.has(target)) return `target image ${target} does not exist`;
  if (data.isPrefixOf(target, source.image, source.length)) data.applySnapshot(source.image, target, source.length);
  else data.resyncFrom(source.image, target, source.length, atMs);
  return undefined;
}
