// Which PVCs a VRG protects and how (dr-cluster spec §4): the candidate list from the VRG's selector
// and namespaces, then the split into VolumeReplication (VolRep) and VolSync PVCs by StorageClass,
// replication classes and peer classes. Failures are errors the caller reports as "invalid".

import { matchesSelector } from '../../api/meta.js';
import type { KubeObject, LabelSelector } from '../../api/meta.js';
import {
  ANN_USE_VOLSYNC_FOR_PVC_PROTECTION,
  LABEL_APP_CREATED_BY,
  LABEL_APP_CREATED_BY_VOLSYNC,
  LABEL_CONSISTENCY_GROUP,
  LABEL_CREATED_BY_RAMEN,
  LABEL_GROUP_REPLICATION_ID,
  LABEL_OFFLOADED,
  LABEL_STORAGE_ID,
} from '../../api/ramen/dr-constants.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import type { PeerClass, VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { VRG_REASON } from '../../api/ramen/vrg.js';
import { VolumeGroupReplicationClassKind, VolumeGroupReplicationKind } from '../../api/storage/volume-group-replication.js';
import { VolumeReplicationClassKind } from '../../api/storage/volume-replication-class.js';
import { VolumeSnapshotClassKind } from '../../api/storage/volume-snapshot.js';
import { PVC_KIND, STORAGE_CLASS_KIND } from '../core-kinds.js';
import type { Pvc, StorageClass } from '../core-kinds.js';
import { setPvcDataReady } from './conditions.js';
import type { VrgInstance } from './instance.js';
import { errorMessage } from './instance.js';
import { findReplicationClassUsingPeerClass, peerClassForStorageClass } from './replication-class.js';
import type { ReplicationClassLike } from './replication-class.js';

export interface PvcSelection {
  labelSelector: LabelSelector;
  namespaces: string[];
}

/** The VRG's effective selector (no recipe): ops-namespace VRGs select in protectedNamespaces. */
export function pvcSelectionOf(vrg: VolumeReplicationGroup, config: RamenConfig): PvcSelection {
  const ns = vrg.metadata.namespace ?? '';
  const opsNamespace = config.ramenOpsNamespace ?? '';
  const namespaces = ns === opsNamespace && opsNamespace !== '' ? [...(vrg.spec.protectedNamespaces ?? [])] : [ns];
  return { labelSelector: vrg.spec.pvcSelector ?? {}, namespaces };
}

function excludedAsCreatedByTools(pvc: Pvc): boolean {
  const labels = pvc.metadata.labels ?? {};
  return labels[LABEL_APP_CREATED_BY] === LABEL_APP_CREATED_BY_VOLSYNC || labels[LABEL_CREATED_BY_RAMEN] === 'true';
}

/** Ramen's ListPVCsByPVCSelector over the selection's namespaces. */
export async function listPvcsBySelector(v: VrgInstance, selector: LabelSelector, namespaces: readonly string[]): Promise<Pvc[]> {
  const out: Pvc[] = [];
  for (const namespace of namespaces) {
    let items: Pvc[];
    try {
      items = (await v.client.list<Pvc>(PVC_KIND, { namespace, labelSelector: selector })).items;
    } catch (err) {
      throw new Error(`failed to list PersistentVolumeClaims, ${errorMessage(err)}`);
    }
    for (const pvc of items) {
      // The API server applied the selector; the extra check keeps this correct over any client.
      if (!matchesSelector(pvc.metadata.labels, selector)) continue;
      if (v.vrg.spec.volSync?.disabled !== true && excludedAsCreatedByTools(pvc)) continue;
      out.push(pvc);
    }
  }
  return out;
}

export async function storageClassNamed(v: VrgInstance, name: string): Promise<StorageClass> {
  const cached = v.storageClassCache.get(name);
  if (cached) return cached;
  try {
    const sc = await v.client.get<StorageClass>(STORAGE_CLASS_KIND, { name });
    v.storageClassCache.set(name, sc);
    return sc;
  } catch (err) {
    throw new Error(`failed to get the storageclass with name ${name} (${errorMessage(err)})`);
  }
}

/** Ramen's getStorageClass: the PVC must name one. */
export async function storageClassOfPvc(v: VrgInstance, pvc: Pvc): Promise<StorageClass> {
  const name = pvc.spec.storageClassName;
  if (name === undefined) throw new Error(`missing StorageClass name for pvc (${pvc.metadata.name})`);
  try {
    return await storageClassNamed(v, name);
  } catch (err) {
    throw new Error(`failed to get the storageclass of pvc ${pvc.metadata.name} (${errorMessage(err)})`);
  }
}

/** Loads the class lists once per reconcile, matching only the selector's matchLabels (§4.3). */
export async function loadReplicationClassLists(v: VrgInstance): Promise<void> {
  if (v.classListsLoaded) return;
  const matchLabels = v.vrg.spec.async?.replicationClassSelector?.matchLabels;
  const options = matchLabels && Object.keys(matchLabels).length > 0 ? { labelSelector: { matchLabels } } : {};
  try {
    v.replClassList = (await v.client.list<ReplicationClassLike & KubeObject>(VolumeReplicationClassKind, options)).items;
  } catch (err) {
    throw new Error(`failed to list Replication Classes, ${errorMessage(err)}`);
  }
  v.vgrServed = await v.client.serves(VolumeGroupReplicationKind).catch(() => false);
  if (v.vgrServed) {
    try {
      v.grpReplClassList = (await v.client.list<ReplicationClassLike & KubeObject>(VolumeGroupReplicationClassKind, options)).items;
    } catch (err) {
      throw new Error(`failed to list Group Replication Classes, ${errorMessage(err)}`);
    }
  }
  v.classListsLoaded = true;
}

/** The consistency-group id of a PVC when group replication applies (label present, VGR served). */
export function consistencyGroupOf(v: VrgInstance, pvc: Pvc): string | undefined {
  const cg = pvc.metadata.labels?.[LABEL_CONSISTENCY_GROUP];
  return cg !== undefined && v.vgrServed ? cg : undefined;
}

async function validateAndGetStorageClass(v: VrgInstance, pvc: Pvc): Promise<StorageClass> {
  const name = pvc.spec.storageClassName;
  if (!name) throw new Error(`missing storage class name for PVC ${pvc.metadata.namespace}/${pvc.metadata.name}`);
  return storageClassNamed(v, name);
}

function findPeerClassMatchingSc(v: VrgInstance, sc: StorageClass, peerClasses: readonly PeerClass[], pvc: Pvc): PeerClass {
  const sid = sc.metadata.labels?.[LABEL_STORAGE_ID];
  if (sid === undefined) throw new Error(`label (${LABEL_STORAGE_ID}) not found in storageClass for PVC ${pvc.metadata.name}`);
  const pc = peerClassForStorageClass(peerClasses, sc.metadata.name);
  if (!pc) {
    const msg = `peerClass matching storageClass ${sc.metadata.name} not found for PVC`;
    setPvcDataReady(v.protectedPvcOrAdd(pvc.metadata.namespace ?? '', pvc.metadata.name), VRG_REASON.PeerClassNotFound, msg, v.generation, v.now());
    throw new Error(msg);
  }
  if (!(pc.storageID ?? []).includes(sid)) throw new Error(`storageID mismatch between peerClass (${pc.storageID?.[0] ?? ''}) and StorageClass (${sid})`);
  return pc;
}

async function addLabel(v: VrgInstance, pvc: Pvc, key: string, value: string): Promise<void> {
  if (pvc.metadata.labels?.[key] === value) return;
  pvc.metadata.labels = { ...(pvc.metadata.labels ?? {}), [key]: value };
  const updated = await v.client.update(pvc);
  pvc.metadata = updated.metadata;
}

// The VolRep consistency-group label comes from the StorageClass' groupreplicationid label.
async function addVolRepConsistencyGroupLabel(v: VrgInstance, pvc: Pvc, sc: StorageClass): Promise<void> {
  if (pvc.metadata.labels?.[LABEL_CONSISTENCY_GROUP] !== undefined && pvc.metadata.deletionTimestamp !== undefined) return;
  const grid = sc.metadata.labels?.[LABEL_GROUP_REPLICATION_ID];
  if (grid === undefined) throw new Error(`missing ${LABEL_GROUP_REPLICATION_ID} label in StorageClass (${sc.metadata.name})`);
  await addLabel(v, pvc, LABEL_CONSISTENCY_GROUP, grid);
}

async function processOffloadedPvcs(v: VrgInstance, pvcs: Pvc[]): Promise<boolean> {
  const peerClasses = v.vrg.spec.async?.peerClasses ?? [];
  if (peerClasses.length === 0) return false;
  let offloaded = false;
  for (const [idx, pvc] of pvcs.entries()) {
    const sc = await validateAndGetStorageClass(v, pvc);
    const bySc = sc.metadata.labels?.[LABEL_OFFLOADED] !== undefined;
    const sid = sc.metadata.labels?.[LABEL_STORAGE_ID];
    if (sid === undefined) throw new Error(`missing ${LABEL_STORAGE_ID} label in StorageClass (${sc.metadata.name})`);
    const byPeer = peerClasses.some((pc) => pc.storageClassName === sc.metadata.name && (pc.storageID ?? []).includes(sid) && pc.offloaded === true);
    if (byPeer !== bySc) {
      throw new Error(
        `mismatched peerClass offload support (${byPeer}) with current StorageClass (${pvc.spec.storageClassName ?? ''}) offload support (${bySc}) for PVC (${pvc.metadata.name}/${pvc.metadata.namespace ?? ''})`,
      );
    }
    if (idx === 0) {
      offloaded = bySc;
      continue;
    }
    if (bySc !== offloaded) throw new Error('invalid list of PVCs to protect, found a mix of offloaded and non-offloaded PVCs');
  }
  if (!offloaded) return false;
  for (const pvc of pvcs) {
    const sc = await validateAndGetStorageClass(v, pvc);
    try {
      await addVolRepConsistencyGroupLabel(v, pvc, sc);
    } catch (err) {
      throw new Error(`failed to label offloaded PVC ${pvc.metadata.namespace ?? ''}/${pvc.metadata.name} for consistency group (${errorMessage(err)})`);
    }
  }
  v.volRepPVCs = [...pvcs];
  return true;
}

async function findVolSnapClass(v: VrgInstance, sc: StorageClass): Promise<boolean> {
  const selector = v.vrg.spec.async?.volumeSnapshotClassSelector;
  const classes = (await v.client.list<{ apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; driver?: string }>(VolumeSnapshotClassKind, selector ? { labelSelector: selector } : {})).items;
  const sid = sc.metadata.labels?.[LABEL_STORAGE_ID] ?? '';
  return classes.some((c) => (c.metadata.labels?.[LABEL_STORAGE_ID] ?? '') === sid && c.driver === sc.provisioner);
}

async function separateAsyncPvcs(v: VrgInstance, pvcs: Pvc[]): Promise<void> {
  const peerClasses = v.vrg.spec.async?.peerClasses ?? [];
  const forceVolSync = v.vrg.metadata.annotations?.[ANN_USE_VOLSYNC_FOR_PVC_PROTECTION] === 'true';
  for (const pvc of pvcs) {
    const sc = await validateAndGetStorageClass(v, pvc);
    if (peerClasses.length === 0) {
      // Without peer classes a VolumeReplicationClass of the same provisioner decides VolRep.
      if (!forceVolSync && v.replClassList.some((c) => c.spec.provisioner === sc.provisioner)) v.volRepPVCs.push(pvc);
      else v.volSyncPVCs.push(pvc);
      continue;
    }
    const pc = findPeerClassMatchingSc(v, sc, peerClasses, pvc);
    if (!forceVolSync && (pc.replicationID ?? '') !== '') {
      const rc = findReplicationClassUsingPeerClass(v.replClassList, v.grpReplClassList, pc, sc);
      if (!rc) throw new Error(`failed to find replicationClass matching peerClass for PVC ${pvc.metadata.namespace ?? ''}/${pvc.metadata.name}`);
      if (pc.grouping) {
        try {
          await addVolRepConsistencyGroupLabel(v, pvc, sc);
        } catch (err) {
          throw new Error(`failed to label PVC ${pvc.metadata.namespace ?? ''}/${pvc.metadata.name} for consistency group (${errorMessage(err)})`);
        }
      }
      v.volRepPVCs.push(pvc);
      continue;
    }
    if (v.vrg.spec.volSync?.disabled) throw new Error('failed to find matching peerClass for PVC and VolSync is disabled');
    if (!(await findVolSnapClass(v, sc))) throw new Error(`failed to find snapshotClass for PVC ${pvc.metadata.namespace ?? ''}/${pvc.metadata.name}`);
    v.volSyncPVCs.push(pvc);
  }
  if (pvcs.length !== v.volRepPVCs.length + v.volSyncPVCs.length) throw new Error('no PVCs are procted');
}

function separatePvcsUsingVrgStatus(v: VrgInstance, pvcs: Pvc[]): void {
  for (const pvc of pvcs) {
    for (const entry of v.status.protectedPVCs) {
      if (entry.name !== pvc.metadata.name || entry.namespace !== pvc.metadata.namespace) continue;
      if (entry.protectedByVolSync) v.volSyncPVCs.push(pvc);
      else v.volRepPVCs.push(pvc);
    }
  }
}

async function validateSyncPvcs(v: VrgInstance, pvcs: Pvc[]): Promise<void> {
  const peerClasses = v.vrg.spec.sync?.peerClasses ?? [];
  if (peerClasses.length === 0) return;
  for (const pvc of pvcs) {
    const sc = await validateAndGetStorageClass(v, pvc);
    findPeerClassMatchingSc(v, sc, peerClasses, pvc);
  }
}

/** Ramen's updatePVCList: fills v.volRepPVCs and v.volSyncPVCs or throws. */
export async function updatePvcList(v: VrgInstance): Promise<void> {
  const sel = pvcSelectionOf(v.vrg, v.ramenConfig);
  const pvcs = await listPvcsBySelector(v, sel.labelSelector, sel.namespaces);
  if (!v.isAsync) {
    await validateSyncPvcs(v, pvcs);
    v.volRepPVCs = [...pvcs];
    return;
  }
  await loadReplicationClassLists(v);
  if (v.isDeleted) {
    separatePvcsUsingVrgStatus(v, pvcs);
    return;
  }
  if (await processOffloadedPvcs(v, pvcs)) return;
  await separateAsyncPvcs(v, pvcs);
}
