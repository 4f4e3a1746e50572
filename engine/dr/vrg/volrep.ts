// VolumeReplication (VolRep) protection of single PVCs (dr-cluster spec §5.2-§5.4, §6.1, §7.1-§7.3):
// preparing a PVC (owner labels, finalizer, PV retention), creating and driving its VR, reading the
// VR's status into per-PVC conditions, demotion gates as Secondary, and undoing all of it.

import type { Condition, KubeObject } from '../../api/meta.js';
import {
  ANN_DESTINATION_VOLUME_HANDLE,
  ANN_RETAINED_VALUE,
  ANN_TEST_FAILOVER_DRYRUN,
  ANN_VR_ARCHIVED,
  ANN_VR_PROTECTED,
  ANN_VR_PROTECTED_VALUE,
  ANN_VR_RETAINED,
  LABEL_CONSISTENCY_GROUP,
  LABEL_CREATED_BY_RAMEN,
  LABEL_MAINTENANCE_MODES,
  LABEL_OFFLOADED,
  LABEL_REPLICATION_ID,
  LABEL_STORAGE_ID,
  PVC_VR_PROTECTION_FINALIZER,
} from '../../api/ramen/dr-constants.js';
import { VRG_CONDITION as T, VRG_REASON as R } from '../../api/ramen/vrg.js';
import type { ProtectedPvc } from '../../api/ramen/vrg.js';
import { VolumeReplicationKind } from '../../api/storage/volume-replication.js';
import type { VolumeReplication, VolumeReplicationStatus } from '../../api/storage/volume-replication.js';
import { isNotFound } from '../../runtime/errors.js';
import { POD_KIND, VOLUME_ATTACHMENT_KIND } from '../core-kinds.js';
import type { Pod, Pv, Pvc, StorageClass, VolumeAttachment } from '../core-kinds.js';
import { findCondition, setPvcDataProtected, setPvcDataReady, setPvcDestinationInfoAvailable } from './conditions.js';
import { uploadPvAndPvcToS3Stores } from './cluster-data.js';
import type { VrgInstance } from './instance.js';
import { errorMessage } from './instance.js';
import { addAnnotationAndUpdate, addFinalizerTo, hasFinalizer, pvOfPvc, removeFinalizerFrom, updateInPlace } from './kube-updates.js';
import { ownerLabels, setOwnerIfNotAlready, unsetOwner } from './owner-labels.js';
import { consistencyGroupOf, loadReplicationClassLists, storageClassOfPvc } from './pvc-selector.js';
import { selectReplicationClass } from './replication-class.js';
import type { ReplicationClassLike } from './replication-class.js';
import { pvKey, pvcKey, legacyPvcKey } from './s3-layout.js';
import { deleteObjects } from './s3-objects.js';
import { s3StoresDo } from './s3-stores.js';
import { isAdminNamespaceVrg } from './admin-namespace.js';

type Outcome = { requeue: boolean; ready: boolean; error?: string };

const pvcNs = (pvc: Pvc): string => pvc.metadata.namespace ?? '';
const isDeletedObj = (o: KubeObject): boolean => o.metadata.deletionTimestamp !== undefined;

function dataReady(v: VrgInstance, pvc: Pvc, reason: string, message: string): void {
  setPvcDataReady(v.protectedPvcOrAdd(pvcNs(pvc), pvc.metadata.name), reason, message, v.generation, v.now());
}

function dataProtected(v: VrgInstance, pvc: Pvc, reason: string, message: string): void {
  setPvcDataProtected(v.protectedPvcOrAdd(pvcNs(pvc), pvc.metadata.name), reason, message, v.generation, v.now());
}

// Class selection.

export async function selectVrcForPvc(v: VrgInstance, pvc: Pvc, group: boolean): Promise<ReplicationClassLike> {
  await loadReplicationClassLists(v);
  if (v.replClassList.length === 0 && v.grpReplClassList.length === 0) throw new Error('no VolumeReplicationClass and VolumeGroupReplicationClass available');
  let sc: StorageClass;
  try {
    sc = await storageClassOfPvc(v, pvc);
  } catch (err) {
    throw new Error(`failed to get the storageclass of pvc ${pvc.metadata.name} (${errorMessage(err)})`);
  }
  const selection = selectReplicationClass(v.replClassList, v.grpReplClassList, sc, v.vrg.spec.async!, group);
  if (!selection.ok) throw new Error(selection.error);
  return selection.value;
}

function modesFromCsv(csv: string | undefined): string[] | undefined {
  if (csv === undefined) return undefined;
  return csv.split(',').filter((m) => m === 'Failover');
}

/** Ramen's updateProtectedPVCs: the async status entry with storage identifiers. */
export async function updateProtectedPvcEntry(v: VrgInstance, pvc: Pvc): Promise<void> {
  if (v.isSync) return;
  const sc = await storageClassOfPvc(v, pvc).catch((err: unknown) => {
    throw new Error(`failed to get the storageclass for pvc ${pvc.metadata.name} (${errorMessage(err)})`);
  });
  const group = consistencyGroupOf(v, pvc) !== undefined;
  await selectVrcForPvc(v, pvc, group).catch((err: unknown) => {
    throw new Error(`failed to find the appropriate VolumeReplicationClass (${v.vrg.metadata.name}) ${errorMessage(err)}`);
  });
  const entry = v.protectedPvcOrAdd(pvcNs(pvc), pvc.metadata.name);
  entry.protectedByVolSync = false;
  setOrDelete(entry, 'storageClassName', pvc.spec.storageClassName);
  setOrDelete(entry, 'labels', pvc.metadata.labels);
  setOrDelete(entry, 'accessModes', pvc.spec.accessModes);
  setOrDelete(entry, 'resources', pvc.spec.resources);
  setOrDelete(entry, 'volumeMode', pvc.spec.volumeMode);
  if (sc.metadata.labels?.[LABEL_OFFLOADED] !== undefined) return;
  const vrc = await selectVrcForPvc(v, pvc, false).catch((err: unknown) => {
    throw new Error(`failed to find the appropriate VolumeReplicationClass (${v.vrg.metadata.name}) ${errorMessage(err)}`);
  });
  entry.csiProvisioner = sc.provisioner;
  const sid = sc.metadata.labels?.[LABEL_STORAGE_ID];
  if (sid !== undefined) {
    entry.storageID = { id: sid };
    const modes = modesFromCsv(sc.metadata.labels?.[LABEL_MAINTENANCE_MODES]);
    if (modes) entry.storageID.modes = modes;
  }
  const rid = vrc.metadata.labels?.[LABEL_REPLICATION_ID];
  if (rid !== undefined) {
    entry.replicationID = { id: rid };
    const modes = modesFromCsv(vrc.metadata.labels?.[LABEL_MAINTENANCE_MODES]);
    if (modes) entry.replicationID.modes = modes;
  }
}

function setOrDelete<K extends keyof ProtectedPvc>(entry: ProtectedPvc, key: K, value: ProtectedPvc[K] | undefined): void {
  if (value === undefined) delete entry[key];
  else entry[key] = structuredClone(value);
}

// Preparation.

/** Ramen's skipPVC: unbound, or deleted without our finalizer. */
export function skipPvc(pvc: Pvc): { skip: boolean; msg: string } {
  if (pvc.status?.phase !== 'Bound') return { skip: true, msg: 'PVC not bound yet' };
  if (!hasFinalizer(pvc, PVC_VR_PROTECTION_FINALIZER) && isDeletedObj(pvc)) return { skip: true, msg: 'Skipping pvc marked for deletion' };
  return { skip: false, msg: '' };
}

async function retainPvForPvc(v: VrgInstance, pvc: Pvc): Promise<void> {
  let pv: Pv;
  try {
    pv = await pvOfPvc(v, pvc);
  } catch (err) {
    throw new Error(
      `failed to get PersistentVolume resource (${pvc.spec.volumeName ?? ''}) for PersistentVolumeClaim resource (${pvcNs(pvc)}/${pvc.metadata.name}) belonging to VolumeReplicationGroup (${v.namespacedName}), ${errorMessage(err)}`,
    );
  }
  if (pv.spec.persistentVolumeReclaimPolicy === 'Retain') return;
  pv.spec.persistentVolumeReclaimPolicy = 'Retain';
  await addAnnotationAndUpdate(v, pv, 'PersistentVolume', ANN_VR_RETAINED, ANN_RETAINED_VALUE);
}

async function protectPvc(v: VrgInstance, pvc: Pvc): Promise<boolean> {
  const owner = ownerLabels(v.vrg.metadata.namespace ?? '', v.vrg.metadata.name);
  const cmp = setOwnerIfNotAlready(pvc.metadata, owner);
  if (cmp === 'Different') {
    dataReady(v, pvc, R.Error, 'PVC owned by another resource');
    return false;
  }
  const finalizerAdded = addFinalizerTo(pvc, PVC_VR_PROTECTION_FINALIZER);
  if (finalizerAdded || cmp === 'Absent') {
    try {
      await updateInPlace(v, pvc);
    } catch {
      dataReady(v, pvc, R.Error, 'Failed to update PVC to add owner and/or Protected Finalizer');
      return true;
    }
  }
  try {
    await retainPvForPvc(v, pvc);
  } catch {
    dataReady(v, pvc, R.Error, 'Failed to retain PV for PVC');
    return true;
  }
  if (!isDeletedObj(pvc)) {
    try {
      await addAnnotationAndUpdate(v, pvc, 'PersistentVolumeClaim', ANN_VR_PROTECTED, ANN_VR_PROTECTED_VALUE);
    } catch {
      dataReady(v, pvc, R.Error, 'Failed to add protected annotatation to PVC');
      return true;
    }
  }
  return false;
}

/** Ramen's preparePVCForVRProtection. */
export async function preparePvcForVrProtection(v: VrgInstance, pvc: Pvc): Promise<{ requeue: boolean; skip: boolean }> {
  if (pvc.metadata.annotations?.[ANN_VR_PROTECTED] === ANN_VR_PROTECTED_VALUE) return { requeue: false, skip: false };
  const s = skipPvc(pvc);
  if (s.skip) {
    dataReady(v, pvc, R.Progressing, s.msg || 'PVC not ready');
    return { requeue: false, skip: true };
  }
  return { requeue: await protectPvc(v, pvc), skip: false };
}

// The VolumeReplication.

function autoResync(v: VrgInstance, state: 'primary' | 'secondary'): boolean {
  if (state !== 'secondary') return false;
  if (v.vrg.metadata.annotations?.[ANN_TEST_FAILOVER_DRYRUN] === 'true') return true;
  return v.vrg.spec.action === 'Failover';
}

async function createVr(v: VrgInstance, pvc: Pvc, state: 'primary' | 'secondary'): Promise<void> {
  const vrc = await selectVrcForPvc(v, pvc, false).catch((err: unknown) => {
    throw new Error(`failed to find the appropriate VolumeReplicationClass (${v.vrg.metadata.name}) ${errorMessage(err)}`);
  });
  const vr: VolumeReplication = {
    apiVersion: VolumeReplicationKind.apiVersion,
    kind: VolumeReplicationKind.kind,
    metadata: {
      name: pvc.metadata.name,
      namespace: pvcNs(pvc),
      labels: { ...ownerLabels(v.vrg.metadata.namespace ?? '', v.vrg.metadata.name), [LABEL_CREATED_BY_RAMEN]: 'true' },
    },
    spec: {
      dataSource: { apiGroup: '', kind: 'PersistentVolumeClaim', name: pvc.metadata.name },
      replicationState: state,
      volumeReplicationClass: vrc.metadata.name,
      autoResync: autoResync(v, state),
    },
  };
  // A VRG in an admin namespace protects PVCs of other namespaces, where an owner reference cannot point.
  if (!isAdminNamespaceVrg(v)) {
    vr.metadata.ownerReferences = [
      { apiVersion: v.vrg.apiVersion, kind: v.vrg.kind, name: v.vrg.metadata.name, uid: v.vrg.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
    ];
  }
  try {
    await v.client.create(vr);
  } catch (err) {
    throw new Error(`failed to create VolumeReplication resource (${pvc.metadata.name}/${pvcNs(pvc)}), ${errorMessage(err)}`);
  }
}

/** Ramen's createOrUpdateVR. */
async function createOrUpdateVr(v: VrgInstance, pvc: Pvc, state: 'primary' | 'secondary'): Promise<Outcome> {
  let vr: VolumeReplication;
  try {
    vr = await v.client.get<VolumeReplication>(VolumeReplicationKind, { namespace: pvcNs(pvc), name: pvc.metadata.name });
  } catch (err) {
    if (!isNotFound(err)) {
      dataReady(v, pvc, R.UnknownError, 'Failed to get VolumeReplication resource');
      return { requeue: true, ready: false, error: `failed to get VolumeReplication resource (${pvcNs(pvc)}/${pvc.metadata.name}) belonging to VolumeReplicationGroup (${v.namespacedName}), ${errorMessage(err)}` };
    }
    try {
      await createVr(v, pvc, state);
    } catch (createErr) {
      v.event('Warning', 'VRCreateFailed', errorMessage(createErr));
      dataReady(v, pvc, R.Error, 'Failed to create VolumeReplication resource');
      return { requeue: true, ready: false, error: errorMessage(createErr) };
    }
    dataReady(v, pvc, R.Progressing, 'Created VolumeReplication resource for PVC');
    return { requeue: false, ready: false };
  }
  const desiredResync = autoResync(v, state);
  if (vr.spec.replicationState === state && vr.spec.autoResync === desiredResync) {
    return { requeue: false, ready: checkVrStatus(v, [pvc], vr) };
  }
  vr.spec.replicationState = state;
  vr.spec.autoResync = desiredResync;
  try {
    await v.client.update(vr);
  } catch (err) {
    v.event('Warning', 'VRUpdateFailed', errorMessage(err));
    dataReady(v, pvc, R.Error, 'Failed to update VolumeReplication resource');
    return { requeue: true, ready: false, error: errorMessage(err) };
  }
  dataReady(v, pvc, R.Progressing, 'Updated VolumeReplication resource for PVC');
  return { requeue: false, ready: false };
}

// VR status evaluation.

type CondState = 'missing' | 'stale' | 'unknown' | 'known';

function vrConditionMet(vr: VolumeReplication, type: string, desired: Condition['status']): { met: boolean; state: CondState; msg: string } {
  const c = findCondition(vr.status?.conditions, type);
  if (!c) return { met: false, state: 'missing', msg: `Failed to get the ${type} condition from status of VolumeReplication resource.` };
  if ((vr.metadata.generation ?? 0) !== (c.observedGeneration ?? 0)) return { met: false, state: 'stale', msg: `Stale generation for condition ${type} from status of VolumeReplication resource.` };
  if (c.status === 'Unknown') return { met: false, state: 'unknown', msg: `Unknown status for condition ${type} from status of VolumeReplication resource.` };
  if (c.status !== desired) return { met: false, state: 'known', msg: c.message };
  return { met: true, state: 'known', msg: '' };
}

function setBoth(v: VrgInstance, pvcs: readonly Pvc[], reason: string, msg: string): void {
  for (const pvc of pvcs) {
    dataReady(v, pvc, reason, msg);
    dataProtected(v, pvc, reason, msg);
  }
}

function updateLastSyncCounters(v: VrgInstance, pvc: Pvc, status: VolumeReplicationStatus | undefined): void {
  const entry = v.findProtectedPvc(pvcNs(pvc), pvc.metadata.name);
  if (!entry) return;
  const assign = <K extends 'lastSyncTime' | 'lastSyncDuration' | 'lastSyncBytes'>(k: K, val: ProtectedPvc[K] | undefined): void => {
    if (val === undefined) delete entry[k];
    else entry[k] = val;
  };
  assign('lastSyncTime', status?.lastSyncTime);
  assign('lastSyncDuration', status?.lastSyncDuration);
  if (!entry.protectedByVolSync) assign('lastSyncBytes', status?.lastSyncBytes);
}

function checkAndUpdateDestinationInfo(v: VrgInstance, pvcs: readonly Pvc[], vr: VolumeReplication): void {
  const c = findCondition(vr.status?.conditions, T.DestinationInfoAvailable);
  if (!c) return;
  for (const pvc of pvcs) {
    const entry = v.protectedPvcOrAdd(pvcNs(pvc), pvc.metadata.name);
    if (c.status === 'True') setPvcDestinationInfoAvailable(entry, R.Ready, 'VolumeReplication destination info is available', v.generation, v.now());
    else setPvcDestinationInfoAvailable(entry, R.Progressing, 'VolumeReplication destination info not yet available', v.generation, v.now());
  }
}

/** Ramen's checkVRStatus / validateVRStatus. */
export function checkVrStatus(v: VrgInstance, pvcs: readonly Pvc[], vr: VolumeReplication): boolean {
  if ((vr.metadata.generation ?? 0) !== (vr.status?.observedGeneration ?? 0)) {
    for (const pvc of pvcs) dataReady(v, pvc, R.Progressing, 'VolumeReplication generation not updated in status');
    return false;
  }
  const state = v.vrg.spec.replicationState;
  if (state !== 'primary' && state !== 'secondary') {
    for (const pvc of pvcs) dataReady(v, pvc, R.Error, 'VolumeReplicationGroup state invalid');
    return false;
  }
  if (state === 'primary') {
    const validated = vrConditionMet(vr, 'Validated', 'True');
    if (!validated.met && validated.state !== 'missing') {
      setBoth(v, pvcs, R.Error, validated.msg || 'VolumeReplication resource not validated');
      // A VR that failed validation never completes; it is "done" only when the VRG is being deleted.
      if (validated.state === 'known') return v.isDeleted;
      return false;
    }
  }
  const completed = vrConditionMet(vr, 'Completed', 'True');
  if (!completed.met) {
    const msg = completed.msg || (state === 'primary' ? 'VolumeReplication resource for pvc not promoted to primary' : 'VolumeReplication resource for pvc not demoted to secondary');
    setBoth(v, pvcs, R.Error, msg);
    return false;
  }
  if (state === 'secondary') return validateSecondaryStatus(v, pvcs, vr);
  const msg = 'PVC in the VolumeReplicationGroup is ready for use';
  for (const pvc of pvcs) {
    dataReady(v, pvc, R.Ready, msg);
    dataProtected(v, pvc, R.Ready, msg);
    updateLastSyncCounters(v, pvc, vr.status);
  }
  checkAndUpdateDestinationInfo(v, pvcs, vr);
  return true;
}

function validateSecondaryStatus(v: VrgInstance, pvcs: readonly Pvc[], vr: VolumeReplication): boolean {
  for (const pvc of pvcs) updateLastSyncCounters(v, pvc, undefined);
  const resyncing = vrConditionMet(vr, 'Resyncing', 'True');
  if (resyncing.met) {
    const degraded = vrConditionMet(vr, 'Degraded', 'True');
    if (!degraded.met) {
      setBoth(v, pvcs, R.Error, degraded.msg || 'VolumeReplication resource for pvc is not in Degraded condition while resyncing');
      return false;
    }
    const msg = 'VolumeReplication resource for the pvc is syncing as Secondary';
    for (const pvc of pvcs) {
      dataReady(v, pvc, R.Replicating, msg);
      dataProtected(v, pvc, R.Replicating, msg);
    }
    checkAndUpdateDestinationInfo(v, pvcs, vr);
    return true;
  }
  const notResyncing = vrConditionMet(vr, 'Resyncing', 'False');
  if (!notResyncing.met) {
    setBoth(v, pvcs, R.Error, notResyncing.msg || 'VolumeReplication resource for pvc not syncing as Secondary');
    return false;
  }
  const notDegraded = vrConditionMet(vr, 'Degraded', 'False');
  if (!notDegraded.met) {
    setBoth(v, pvcs, R.Error, notDegraded.msg || 'VolumeReplication resource for pvc is not syncing and is degraded as Secondary');
    return false;
  }
  if (vr.status?.state !== 'Secondary') {
    setBoth(v, pvcs, R.Error, 'VolumeReplication resource is not syncing and is not degraded, but still not in Secondary state');
    return false;
  }
  const msg = 'VolumeReplication resource for the pvc as Secondary is in sync with Primary';
  for (const pvc of pvcs) {
    dataReady(v, pvc, R.Replicated, msg);
    dataProtected(v, pvc, R.DataProtected, msg);
  }
  checkAndUpdateDestinationInfo(v, pvcs, vr);
  return true;
}

/** Ramen's processVRAsPrimary. */
export async function processVrAsPrimary(v: VrgInstance, pvc: Pvc): Promise<Outcome> {
  if (v.isAsync) return createOrUpdateVr(v, pvc, 'primary');
  if (v.isSync) {
    const msg = 'PVC in the VolumeReplicationGroup is ready for use';
    dataReady(v, pvc, R.Ready, msg);
    dataProtected(v, pvc, R.Ready, msg);
    updateLastSyncCounters(v, pvc, undefined);
    return { requeue: false, ready: true };
  }
  return { requeue: true, ready: true };
}

/** Ramen's processVRAsSecondary. */
export async function processVrAsSecondary(v: VrgInstance, pvc: Pvc): Promise<Outcome> {
  if (v.isAsync) return createOrUpdateVr(v, pvc, 'secondary');
  if (v.isSync) {
    const msg = 'VolumeReplication resource for the pvc as Secondary is in sync with Primary';
    dataReady(v, pvc, R.Replicated, msg);
    dataProtected(v, pvc, R.DataProtected, msg);
    updateLastSyncCounters(v, pvc, undefined);
    return { requeue: false, ready: true };
  }
  return { requeue: true, ready: true };
}

// Destination volume handle (async).

async function annotateWithDestinationVolumeHandle(v: VrgInstance, pvc: Pvc): Promise<void> {
  if (v.isSync) return;
  const pv = await pvOfPvc(v, pvc);
  const vr = await v.client.get<VolumeReplication>(VolumeReplicationKind, { namespace: pvcNs(pvc), name: pvc.metadata.name });
  const c = findCondition(vr.status?.conditions, T.DestinationInfoAvailable);
  if (!c) return;
  if (c.status !== 'True') throw new Error(`destination info is not available for VR ${vr.metadata.name}`);
  const dest = vr.status?.destinationVolumeID ?? '';
  if (dest === '') throw new Error(`destination volume ID is empty for VR ${vr.metadata.name}`);
  if (pv.metadata.annotations?.[ANN_DESTINATION_VOLUME_HANDLE] === dest) return;
  const annotations: Record<string, string> = { ...(pv.metadata.annotations ?? {}), [ANN_DESTINATION_VOLUME_HANDLE]: dest };
  // Dropping vr-archived forces a re-upload: an annotation change does not bump the PV generation.
  delete annotations[ANN_VR_ARCHIVED];
  pv.metadata.annotations = annotations;
  try {
    await v.client.update(pv);
  } catch (err) {
    throw new Error(`failed to update PersistentVolume ${pv.metadata.name} with destination volume handle annotation: ${errorMessage(err)}`);
  }
}

// Primary.

/** Ramen's processPVCsAsPrimary (consistency-group PVCs are returned for the group path). */
export async function processPvcsAsPrimary(v: VrgInstance): Promise<Pvc[]> {
  const grouped: Pvc[] = [];
  for (const pvc of v.volRepPVCs) {
    if (await pvcUnprotectVolRepIfDeleted(v, pvc)) continue;
    try {
      await updateProtectedPvcEntry(v, pvc);
    } catch (err) {
      v.log('protected PVC entry refresh failed', { pvc: pvc.metadata.name, error: errorMessage(err) });
      v.requeue();
      continue;
    }
    const prep = await preparePvcForVrProtection(v, pvc);
    if (prep.requeue) {
      v.requeue();
      continue;
    }
    if (prep.skip) continue;
    if (consistencyGroupOf(v, pvc) !== undefined) {
      grouped.push(pvc);
      continue;
    }
    const out = await processVrAsPrimary(v, pvc);
    if (out.requeue) v.requeue();
    if (out.error !== undefined) continue;
    try {
      await annotateWithDestinationVolumeHandle(v, pvc);
    } catch {
      v.requeue();
      continue;
    }
    try {
      await uploadPvAndPvcToS3Stores(v, pvc);
    } catch (err) {
      v.log('Requeuing due to failure to upload PV object to S3 store(s)', { pvc: pvc.metadata.name, error: errorMessage(err) });
      v.requeue();
    }
  }
  return grouped;
}

// Secondary.

/** Ramen's isPVCInUse: any pod referencing the PVC, or any VolumeAttachment of its PV. */
export async function isPvcInUse(v: VrgInstance, pvc: Pvc, operation: string): Promise<boolean> {
  let byPod = false;
  let podErr = false;
  try {
    const pods = (await v.client.list<Pod>(POD_KIND, { namespace: pvcNs(pvc) })).items;
    byPod = pods.some((p) => (p.spec?.volumes ?? []).some((vol) => vol.persistentVolumeClaim?.claimName === pvc.metadata.name));
  } catch {
    podErr = true;
  }
  if (podErr || byPod) {
    dataReady(v, pvc, R.Progressing, `${operation} failed as PVC is potentially in use by a pod`);
    return true;
  }
  if (await isPvAttached(v, pvc)) {
    dataReady(v, pvc, R.Progressing, `${operation} failed as PersistentVolume for PVC is still attached to node(s)`);
    return true;
  }
  return false;
}

/** Ramen's IsPVAttachedToNode: a failing lookup counts as "not attached". */
export async function isPvAttached(v: VrgInstance, pvc: Pvc): Promise<boolean> {
  const pvName = pvc.spec.volumeName ?? '';
  if (pvName === '') return false;
  try {
    const vas = (await v.client.list<VolumeAttachment>(VOLUME_ATTACHMENT_KIND)).items;
    return vas.some((va) => va.spec?.source?.persistentVolumeName === pvName);
  } catch {
    return false;
  }
}

async function isPvcReadyForSecondary(v: VrgInstance, pvc: Pvc): Promise<boolean> {
  if (v.vrg.spec.action !== 'Failover' && !isDeletedObj(pvc)) {
    dataReady(v, pvc, R.Progressing, 'unable to transition to Secondary as PVC is not deleted');
    return false;
  }
  return !(await isPvcInUse(v, pvc, 'Secondary transition'));
}

async function reconcileVrAsSecondary(v: VrgInstance, pvc: Pvc): Promise<{ requeue: boolean; ready: boolean; skip: boolean }> {
  if (!(await isPvcReadyForSecondary(v, pvc))) return { requeue: true, ready: false, skip: true };
  const out = await processVrAsSecondary(v, pvc);
  return { requeue: out.requeue, ready: out.ready, skip: false };
}

/** Ramen's reconcileMissingVR (async only). */
async function reconcileMissingVr(v: VrgInstance, pvc: Pvc): Promise<{ missing: boolean; requeue: boolean }> {
  if (!v.isAsync) return { missing: false, requeue: false };
  try {
    const vr = await v.client.get<VolumeReplication>(VolumeReplicationKind, { namespace: pvcNs(pvc), name: pvc.metadata.name });
    return { missing: false, requeue: isDeletedObj(vr) };
  } catch (err) {
    if (!isNotFound(err)) return { missing: false, requeue: true };
  }
  try {
    await preparePvcForVrDeletion(v, pvc);
  } catch {
    return { missing: true, requeue: true };
  }
  return { missing: true, requeue: false };
}

async function deleteVr(v: VrgInstance, pvc: Pvc): Promise<void> {
  const key = { namespace: pvcNs(pvc), name: pvc.metadata.name };
  try {
    await v.client.delete(VolumeReplicationKind, key);
  } catch (err) {
    if (isNotFound(err)) return;
    throw new Error(`failed to delete VolumeReplication resource (${key.namespace}/${key.name}), ${errorMessage(err)}`);
  }
  // Wait until the API server no longer returns it, so the finalizer never outlives the VR's removal.
  try {
    await v.client.get(VolumeReplicationKind, key);
  } catch (err) {
    if (isNotFound(err)) return;
    throw new Error(`failed to get VolumeReplication resource (${key.namespace}/${key.name}), ${errorMessage(err)}`);
  }
  throw new Error(`waiting for deletion of VolumeReplication resource (${key.namespace}/${key.name})`);
}

/** Ramen's preparePVCForVRDeletion (§7.3). */
export async function preparePvcForVrDeletion(v: VrgInstance, pvc: Pvc): Promise<void> {
  const pv = await pvOfPvc(v, pvc);
  if (v.isAsync || v.isPrimary) {
    if (pv.metadata.annotations?.[ANN_VR_RETAINED] === ANN_RETAINED_VALUE) {
      pv.spec.persistentVolumeReclaimPolicy = 'Delete';
      delete pv.metadata.annotations[ANN_VR_RETAINED];
    }
  }
  if (pv.metadata.annotations) delete pv.metadata.annotations[ANN_VR_ARCHIVED];
  try {
    await v.client.update(pv);
  } catch (err) {
    throw new Error(`failed to update PersistentVolume ${pvc.spec.volumeName ?? ''} claimed by ${pvcNs(pvc)}/${pvc.metadata.name}for deletion of VR owned by VolumeReplicationGroup ${v.namespacedName}, ${errorMessage(err)}`);
  }
  unsetOwner(pvc.metadata, ownerLabels(v.vrg.metadata.namespace ?? '', v.vrg.metadata.name));
  removeFinalizerFrom(pvc, PVC_VR_PROTECTION_FINALIZER);
  if (pvc.metadata.annotations) {
    delete pvc.metadata.annotations[ANN_VR_PROTECTED];
    delete pvc.metadata.annotations[ANN_VR_ARCHIVED];
  }
  if (pvc.metadata.labels) delete pvc.metadata.labels[LABEL_CONSISTENCY_GROUP];
  try {
    await updateInPlace(v, pvc);
  } catch (err) {
    throw new Error(`failed to update PersistentVolumeClaim ${pvcNs(pvc)}/${pvc.metadata.name}for deletion of VR owned by VolumeReplicationGroup ${v.namespacedName}, ${errorMessage(err)}`);
  }
  v.deleteProtectedPvc(pvcNs(pvc), pvc.metadata.name);
}

async function undoPvcFinalizersAndPvRetention(v: VrgInstance, pvc: Pvc): Promise<boolean> {
  try {
    await deleteVr(v, pvc);
    await preparePvcForVrDeletion(v, pvc);
  } catch (err) {
    v.log('Requeuing due to failure in finalizing VolumeReplication resource for PersistentVolumeClaim', { pvc: pvc.metadata.name, error: errorMessage(err) });
    return true;
  }
  return false;
}

async function processPvcAsSecondary(v: VrgInstance, pvc: Pvc, grouped: Pvc[]): Promise<boolean> {
  if (!hasFinalizer(pvc, PVC_VR_PROTECTION_FINALIZER)) {
    v.deleteProtectedPvc(pvcNs(pvc), pvc.metadata.name);
    return false;
  }
  try {
    await updateProtectedPvcEntry(v, pvc);
  } catch {
    return true;
  }
  const prep = await preparePvcForVrProtection(v, pvc);
  if (prep.requeue || prep.skip) return prep.requeue;
  if (consistencyGroupOf(v, pvc) !== undefined) {
    grouped.push(pvc);
    return false;
  }
  const missing = await reconcileMissingVr(v, pvc);
  if (missing.missing || missing.requeue) return true;
  const out = await reconcileVrAsSecondary(v, pvc);
  if (out.requeue || out.skip || !out.ready) return out.requeue;
  return undoPvcFinalizersAndPvRetention(v, pvc);
}

/** Ramen's reconcileVolRepsAsSecondary; returns whether to requeue. */
export async function reconcileVolRepsAsSecondary(v: VrgInstance): Promise<boolean> {
  let requeue = false;
  const grouped: Pvc[] = [];
  for (const pvc of v.volRepPVCs) if (await processPvcAsSecondary(v, pvc, grouped)) requeue = true;
  // Consistency groups (VolumeGroupReplication) are not modeled: their PVCs wait.
  if (grouped.length > 0) requeue = true;
  return requeue;
}

// Unprotection and deletion.

async function reconcileVrForDeletion(v: VrgInstance, pvc: Pvc): Promise<boolean> {
  if (v.isSecondary) {
    const out = await reconcileVrAsSecondary(v, pvc);
    if (out.requeue) return true;
    if (out.skip || !out.ready) return false;
  } else {
    const out = await processVrAsPrimary(v, pvc);
    if (out.error !== undefined || out.requeue || !out.ready) return true;
  }
  return undoPvcFinalizersAndPvRetention(v, pvc);
}

/** Ramen's pvcsUnprotectVolRep. */
export async function pvcsUnprotectVolRep(v: VrgInstance, pvcs: readonly Pvc[]): Promise<void> {
  for (const pvc of pvcs) {
    if (!hasFinalizer(pvc, PVC_VR_PROTECTION_FINALIZER)) continue;
    const prep = await preparePvcForVrProtection(v, pvc);
    if (prep.requeue || prep.skip) {
      v.requeue();
      continue;
    }
    if (consistencyGroupOf(v, pvc) !== undefined) {
      v.requeue();
      continue;
    }
    const missing = await reconcileMissingVr(v, pvc);
    if (missing.requeue) {
      v.requeue();
      continue;
    }
    if (missing.missing) continue;
    if (await reconcileVrForDeletion(v, pvc)) v.requeue();
  }
}

async function pvAndPvcObjectReplicasDelete(v: VrgInstance, pvc: Pvc): Promise<void> {
  const prefix = v.s3KeyPrefix;
  const keys = [pvKey(prefix, pvc.spec.volumeName ?? ''), pvcKey(prefix, pvcNs(pvc), pvc.metadata.name)];
  if (pvcNs(pvc) === v.vrg.metadata.namespace) keys.push(legacyPvcKey(prefix, pvc.metadata.name));
  await s3StoresDo(v, (store) => deleteObjects(store, keys), `delete object replicas [${keys.join(' ')}]`);
}

/** Ramen's pvcUnprotectVolRep (§7.1), gated by volumeUnprotectionEnabled. */
export async function pvcUnprotectVolRep(v: VrgInstance, pvc: Pvc): Promise<void> {
  if (!v.ramenConfig.volumeUnprotectionEnabled) return;
  try {
    await pvAndPvcObjectReplicasDelete(v, pvc);
  } catch (err) {
    v.log('PersistentVolume and PersistentVolumeClaim replicas deletion failed', { error: errorMessage(err) });
    v.requeue();
    return;
  }
  await pvcsUnprotectVolRep(v, [pvc]);
}

/** Ramen's pvcUnprotectVolRepIfDeleted: deleted PVCs are skipped, and unprotected as primary. */
export async function pvcUnprotectVolRepIfDeleted(v: VrgInstance, pvc: Pvc): Promise<boolean> {
  if (!isDeletedObj(pvc)) return false;
  if (!v.isPrimary || v.finalSyncInProgress) return true;
  await pvcUnprotectVolRep(v, pvc);
  return true;
}
