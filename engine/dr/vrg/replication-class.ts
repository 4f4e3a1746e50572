// Replication class selection for one PVC (dr-cluster spec §4.3, §4.4): the pure rules Ramen applies to
// the VolumeReplicationClasses (or group classes) it listed, the PVC's StorageClass and the VRG's async
// spec. Kept free of I/O so the quirks can be tested directly.

import { ANN_VR_IS_DEFAULT_CLASS, LABEL_GROUP_REPLICATION_ID, LABEL_REPLICATION_ID, LABEL_STORAGE_ID } from '../../api/ramen/dr-constants.js';
import type { PeerClass, VrgAsyncSpec } from '../../api/ramen/vrg.js';

/** The fields of a VolumeReplicationClass or VolumeGroupReplicationClass that selection reads. */
export interface ReplicationClassLike {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { provisioner: string; parameters?: Record<string, string> };
}

export interface StorageClassLike {
  metadata: { name: string; labels?: Record<string, string> };
  provisioner: string;
}

export type ClassSelection<T> = { ok: true; value: T } | { ok: false; error: string };

/** Ramen's selectVolumeReplicationClass, given the class lists already loaded. */
export function selectReplicationClass<T extends ReplicationClassLike>(
  vrcs: readonly T[],
  vgrcs: readonly T[],
  sc: StorageClassLike,
  async: VrgAsyncSpec,
  group: boolean,
): ClassSelection<T> {
  if (vrcs.length === 0 && vgrcs.length === 0) return { ok: false, error: 'no VolumeReplicationClass and VolumeGroupReplicationClass available' };
  const objType = group ? 'VolumeGroupReplicationClass' : 'VolumeReplicationClass';
  const idLabel = group ? LABEL_GROUP_REPLICATION_ID : LABEL_REPLICATION_ID;
  const scLabels = sc.metadata.labels ?? {};
  const peerClassesSet = (async.peerClasses ?? []).length !== 0;
  const matching = (group ? vgrcs : vrcs).filter((c) => {
    const interval = c.spec.parameters?.['schedulingInterval'];
    if (c.spec.provisioner !== sc.provisioner || interval === undefined) return false;
    if (interval !== async.schedulingInterval) return false;
    if (peerClassesSet) {
      const labels = c.metadata.labels ?? {};
      // Quirk: the class id label is compared with the same label on the StorageClass.
      if (labels[LABEL_STORAGE_ID] === undefined || labels[LABEL_STORAGE_ID] !== scLabels[LABEL_STORAGE_ID]) return false;
      if (labels[idLabel] === undefined || labels[idLabel] !== scLabels[idLabel]) return false;
    }
    return true;
  });
  if (matching.length === 0) return { ok: false, error: `no ${objType} found to match provisioner and schedule` };
  if (matching.length === 1) return { ok: true, value: matching[0]! };
  const defaults = matching.filter((c) => c.metadata.annotations?.[ANN_VR_IS_DEFAULT_CLASS] === 'true');
  if (defaults.length === 0) return { ok: false, error: `multiple ${objType} found, with no default annotation, ${ANN_VR_IS_DEFAULT_CLASS}` };
  if (defaults.length === 1) return { ok: true, value: defaults[0]! };
  return { ok: false, error: `multiple ${objType} found with default annotation, ${ANN_VR_IS_DEFAULT_CLASS}` };
}

/**
 * Ramen's findReplicationClassUsingPeerClass: first class in list order whose storage id and
 * provisioner match the StorageClass and whose replicationid equals the peer class' replicationID or
 * whose groupreplicationid equals its groupreplicationID (a missing label reads as "").
 */
export function findReplicationClassUsingPeerClass<T extends ReplicationClassLike>(
  vrcs: readonly T[],
  vgrcs: readonly T[],
  peerClass: PeerClass,
  sc: StorageClassLike,
): T | undefined {
  const scId = sc.metadata.labels?.[LABEL_STORAGE_ID] ?? '';
  const list = peerClass.grouping ? vgrcs : vrcs;
  return list.find((c) => {
    const labels = c.metadata.labels ?? {};
    const sid = labels[LABEL_STORAGE_ID] ?? '';
    if (sid !== scId || c.spec.provisioner !== sc.provisioner) return false;
    return (labels[LABEL_REPLICATION_ID] ?? '') === (peerClass.replicationID ?? '') || (labels[LABEL_GROUP_REPLICATION_ID] ?? '') === (peerClass.groupreplicationID ?? '');
  });
}

/** The last peer class naming this StorageClass (Ramen keeps overwriting while it scans). */
export function peerClassForStorageClass(peerClasses: readonly PeerClass[], scName: string): PeerClass | undefined {
  let found: PeerClass | undefined;
  for (const pc of peerClasses) if (pc.storageClassName === scName) found = pc;
  return found;
}
