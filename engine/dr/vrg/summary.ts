// The VRG summary conditions computed from the per-PVC ones (dr-cluster spec §8.4), in Ramen's order,
// with the exact reasons and messages, and the lastGroupSync counters. Every writer of status that
// "aggregates" calls updateVrgConditions before the status write.

import { parseGoDuration } from '../../api/storage/go-duration.js';
import { VRG_CONDITION as T, VRG_REASON as R } from '../../api/ramen/vrg.js';
import { findCondition, mergeConditions } from './conditions.js';
import type { NewCondition } from './conditions.js';
import type { VrgInstance } from './instance.js';

const cond = (type: string, status: NewCondition['status'], reason: string, message: string, gen: number): NewCondition => ({ type, status, reason, message, observedGeneration: gen });

// DataReady.

function volRepDataReady(v: VrgInstance): NewCondition {
  const gen = v.generation;
  if (v.volRepPVCs.length === 0) return readyStatus(v, R.Unused);
  let ready = v.status.protectedPVCs.length !== 0;
  let progressing = false;
  for (const entry of v.status.protectedPVCs) {
    if (entry.protectedByVolSync) continue;
    const c = findCondition(entry.conditions, T.DataReady);
    if (!c) {
      ready = false;
      break;
    }
    if (c.reason === R.Progressing) {
      ready = false;
      progressing = true;
      break;
    }
    if (c.reason === R.Error || c.reason === R.UnknownError) {
      ready = false;
      progressing = false;
      break;
    }
  }
  if (ready) return readyStatus(v, R.Ready);
  if (progressing) return cond(T.DataReady, 'False', R.Progressing, 'VolumeReplicationGroup is progressing', gen);
  return cond(T.DataReady, 'False', R.Error, 'All PVCs of the VolumeReplicationGroup are not ready', gen);
}

/** Ramen's vrgReadyStatus. */
function readyStatus(v: VrgInstance, reason: string): NewCondition {
  const gen = v.generation;
  if (v.isSecondary) {
    let msg = 'PVCs in the VolumeReplicationGroup group are replicating';
    let r = R.Replicating as string;
    if (reason === R.Unused) {
      r = R.Unused;
      msg = v.isSync
        ? 'PVC protection as secondary is complete, or no PVCs needed protection'
        : 'PVC protection as secondary is complete, or no PVCs needed protection using VolumeReplication scheme';
    }
    return cond(T.DataReady, 'True', r, msg, gen);
  }
  let msg = 'PVCs in the VolumeReplicationGroup are ready for use';
  if (reason === R.Unused) msg = v.isSync ? 'No PVCs are protected, no PVCs found matching the selector' : 'No PVCs are protected using VolumeReplication scheme';
  return cond(T.DataReady, 'True', reason, msg, gen);
}

function volSyncEntriesAll(v: VrgInstance, type: string): boolean {
  const entries = v.status.protectedPVCs;
  if (entries.length === 0) return false;
  return entries.filter((e) => e.protectedByVolSync).every((e) => findCondition(e.conditions, type)?.status === 'True');
}

function volSyncDataReady(v: VrgInstance): NewCondition {
  const gen = v.generation;
  if (v.volSyncPVCs.length === 0) return cond(T.DataReady, 'True', R.Unused, 'No PVCs are protected using Volsync scheme', gen);
  if (v.isSecondary) {
    if (v.volSyncWorkloadActive) return cond(T.DataReady, 'False', R.Progressing, 'Some of the VolSync PVCs are active', gen);
    return cond(T.DataReady, 'True', R.Unused, 'Volsync based PVC protection does not report DataReady condition as Secondary', gen);
  }
  if (volSyncEntriesAll(v, T.PVsRestored) || volSyncEntriesAll(v, T.ReplicationSourceSetup)) return cond(T.DataReady, 'True', R.Ready, 'All VolSync PVCs are ready', gen);
  return cond(T.DataReady, 'False', R.Progressing, 'Not all VolSync PVCs are ready', gen);
}

/** Ramen's updateVRGDataReadyCondition. */
export function updateDataReady(v: VrgInstance): void {
  mergeConditions(v.status.conditions, [v.isSync ? undefined : volSyncDataReady(v), volRepDataReady(v)], v.now());
}

// DataProtected.

function volRepDataProtected(v: VrgInstance): NewCondition {
  const gen = v.generation;
  if (v.volRepPVCs.length === 0) {
    if (v.isSecondary) {
      return cond(
        T.DataProtected,
        'True',
        R.Unused,
        v.isSync ? 'PVC protection as secondary is complete, or no PVCs needed protection' : 'PVC protection as secondary is complete, or no PVCs needed protection using VolumeReplication scheme',
        gen,
      );
    }
    return cond(T.DataProtected, 'True', R.Unused, v.isSync ? 'No PVCs are protected, no PVCs found matching the selector' : 'No PVCs are protected using VolumeReplication scheme', gen);
  }
  let isProtected = true;
  let replicating = false;
  for (const entry of v.status.protectedPVCs) {
    if (entry.protectedByVolSync) continue;
    const c = findCondition(entry.conditions, T.DataProtected);
    if (!c) {
      isProtected = false;
      replicating = false;
      break;
    }
    if (c.reason === R.Replicating || c.reason === R.Ready) {
      isProtected = false;
      replicating = true;
      continue;
    }
    if (c.reason === R.Error || c.reason === R.UnknownError) {
      isProtected = false;
      replicating = false;
      break;
    }
  }
  if (isProtected) return cond(T.DataProtected, 'True', R.DataProtected, 'PVCs in the VolumeReplicationGroup are data protected ', gen);
  if (replicating) return cond(T.DataProtected, 'False', R.Replicating, 'VolumeReplicationGroup is replicating', gen);
  return cond(T.DataProtected, 'False', R.Error, 'All PVCs of the VolumeReplicationGroup are not ready', gen);
}

function volSyncDataProtected(v: VrgInstance): NewCondition {
  const gen = v.generation;
  if (v.volSyncPVCs.length === 0 && (v.vrg.spec.volSync?.rdSpec ?? []).length === 0) return cond(T.DataProtected, 'True', R.Unused, 'No PVCs are protected using Volsync scheme', gen);
  if (v.isSecondary) return cond(T.DataProtected, 'True', R.Unused, 'Volsync based PVC protection does not report DataProtected/ClusterDataProtected conditions as Secondary', gen);
  let ready = true;
  let count = 0;
  for (const entry of v.status.protectedPVCs) {
    if (!entry.protectedByVolSync) continue;
    count++;
    if (findCondition(entry.conditions, T.ReplicationSourceSetup)?.status !== 'True') {
      ready = false;
      break;
    }
    const fs = findCondition(entry.conditions, T.FinalSyncInProgress);
    if (fs && fs.status !== 'True') {
      ready = false;
      break;
    }
    if (!v.volSyncRsSynced.has(`${entry.namespace ?? ''}/${entry.name ?? ''}`)) {
      ready = false;
      break;
    }
  }
  const actual = v.volSyncPVCs.filter((p) => p.metadata.deletionTimestamp === undefined).length;
  if (ready && actual > count) ready = false;
  return ready ? cond(T.DataProtected, 'True', R.DataProtected, 'All VolSync PVCs are protected', gen) : cond(T.DataProtected, 'False', R.Progressing, 'Not all VolSync PVCs are protected', gen);
}

// ClusterDataProtected.

function volRepClusterDataProtected(v: VrgInstance): NewCondition {
  const gen = v.generation;
  if (v.isSecondary) return cond(T.ClusterDataProtected, 'True', R.Unused, 'Cluster data is not protected as Secondary', gen);
  if (v.volRepPVCs.length === 0) {
    // Quirk kept from Ramen: in sync mode this sub-condition carries the DataProtected type.
    if (v.isSync) return cond(T.DataProtected, 'True', R.Unused, 'No PVCs are protected, no PVCs found matching the selector', gen);
    return cond(T.ClusterDataProtected, 'True', R.Unused, 'No PVCs are protected using VolumeReplication scheme', gen);
  }
  let protecting = false;
  for (const entry of v.status.protectedPVCs) {
    if (entry.protectedByVolSync) continue;
    const c = findCondition(entry.conditions, T.ClusterDataProtected);
    if (!c || c.reason === R.Uploading) {
      protecting = true;
      continue;
    }
    if (c.reason !== R.Uploaded) return cond(T.ClusterDataProtected, 'False', c.reason, 'Cluster data of one or more PVs are unprotected', gen);
  }
  if (protecting) return cond(T.ClusterDataProtected, 'False', R.Uploading, 'Cluster data of one or more PVs are in the process of being protected', gen);
  return cond(T.ClusterDataProtected, 'True', R.Uploaded, 'Cluster data of all PVs are protected', gen);
}

// NoClusterDataConflict.

/** Ramen's IsDRActionInProgress, on the status of the previous write. */
export function isDrActionInProgress(v: VrgInstance): boolean {
  const state = v.vrg.status.state;
  const action = v.vrg.spec.action ?? '';
  if (action === '' && state === 'Unknown') return false;
  if (v.isSecondary && state !== 'Secondary') return true;
  if (v.isPrimary && state !== 'Primary') return true;
  return v.generation !== (v.vrg.status.observedGeneration ?? 0);
}

function volSyncConflict(v: VrgInstance): NewCondition {
  const gen = v.generation;
  const settledSecondary = v.isSecondary && v.vrg.status.state === 'Secondary';
  if (settledSecondary) {
    const rdNames = new Set((v.vrg.spec.volSync?.rdSpec ?? []).map((rd) => `${rd.protectedPVC?.namespace ?? ''}/${rd.protectedPVC?.name ?? ''}`));
    if (v.volSyncPVCs.some((p) => !rdNames.has(`${p.metadata.namespace ?? ''}/${p.metadata.name}`))) {
      return cond(T.NoClusterDataConflict, 'False', R.ClusterDataConflictSecondary, 'A PVC that is not a replication destination should not match the label selector.', gen);
    }
  }
  return cond(T.NoClusterDataConflict, 'True', R.NoConflictDetected, 'No PVC conflict detected for VolumeSync scheme', gen);
}

function vmConflict(v: VrgInstance): NewCondition | undefined {
  const gen = v.generation;
  if (v.isPrimary) return cond(T.NoClusterDataConflict, 'True', R.ClusterDataConflictPrimary, 'No resource conflict', gen);
  if (v.isSecondary) return cond(T.NoClusterDataConflict, 'True', R.ClusterDataConflictSecondary, 'No resource conflict', gen);
  return undefined;
}

function volRepConflict(v: VrgInstance): NewCondition {
  const gen = v.generation;
  if (!isDrActionInProgress(v) && v.isSecondary && v.vrg.status.state === 'Secondary' && v.volRepPVCs.length > 0) {
    return cond(T.NoClusterDataConflict, 'False', R.ClusterDataConflictSecondary, 'No PVC on the secondary should match the label selector', gen);
  }
  return cond(T.NoClusterDataConflict, 'True', R.NoConflictDetected, 'No PVC conflict detected for VolumeReplication scheme', gen);
}

function noClusterDataConflict(v: VrgInstance): NewCondition | undefined {
  // VM recipes are not modeled, so the VM part never reports a conflict.
  const vm = vmConflict(v);
  const pvc = volRepConflict(v);
  if (pvc.status !== 'False') return vm;
  return pvc;
}

// DestinationInfoAvailable.

function destinationInfoAvailable(v: VrgInstance): NewCondition | undefined {
  let found = false;
  let allReady = true;
  for (const entry of v.status.protectedPVCs) {
    if (entry.protectedByVolSync) continue;
    const c = findCondition(entry.conditions, T.DestinationInfoAvailable);
    if (!c) continue;
    found = true;
    if (c.status !== 'True') {
      allReady = false;
      break;
    }
  }
  if (!found) return undefined;
  return allReady
    ? cond(T.DestinationInfoAvailable, 'True', R.Ready, 'Destination info is available for all VolumeReplication resources', v.generation)
    : cond(T.DestinationInfoAvailable, 'False', R.Progressing, 'Destination info is not yet available for one or more VolumeReplication resources', v.generation);
}

// Last group sync counters.

function updateLastGroupSync(v: VrgInstance): void {
  const entries = v.status.protectedPVCs;
  let least: string | undefined;
  for (const e of entries) {
    if (e.lastSyncTime === undefined) {
      least = undefined;
      break;
    }
    if (least === undefined || Date.parse(e.lastSyncTime) < Date.parse(least)) least = e.lastSyncTime;
  }
  setOrDelete(v, 'lastGroupSyncTime', least);
  let maxDuration: string | undefined;
  for (const e of entries) {
    if (e.lastSyncDuration === undefined) continue;
    if (maxDuration === undefined || (parseGoDuration(e.lastSyncDuration) ?? 0) > (parseGoDuration(maxDuration) ?? 0)) maxDuration = e.lastSyncDuration;
  }
  setOrDelete(v, 'lastGroupSyncDuration', maxDuration);
  let bytes: number | undefined;
  for (const e of entries) if (e.lastSyncBytes !== undefined) bytes = (bytes ?? 0) + e.lastSyncBytes;
  setOrDelete(v, 'lastGroupSyncBytes', bytes);
}

function setOrDelete<K extends 'lastGroupSyncTime' | 'lastGroupSyncDuration' | 'lastGroupSyncBytes'>(v: VrgInstance, key: K, value: NonNullable<VrgInstance['vrg']['status'][K]> | undefined): void {
  if (value === undefined) delete v.vrg.status[key];
  else v.vrg.status[key] = value;
}

/** Ramen's updateVRGConditions. */
export function updateVrgConditions(v: VrgInstance): void {
  const now = v.now();
  const conditions = v.status.conditions;
  let vsDataProtected: NewCondition | undefined;
  let vsClusterDataProtected: NewCondition | undefined;
  let vsConflict: NewCondition | undefined;
  if (!v.isSync) {
    vsDataProtected = volSyncDataProtected(v);
    vsClusterDataProtected = { ...vsDataProtected, type: T.ClusterDataProtected };
    vsConflict = volSyncConflict(v);
  }
  updateDataReady(v);
  mergeConditions(conditions, [vsDataProtected, volRepDataProtected(v)], now);
  mergeConditions(conditions, [vsClusterDataProtected, volRepClusterDataProtected(v), v.vrgObjectProtected, v.kubeObjectsProtected], now);
  mergeConditions(conditions, [vsConflict, noClusterDataConflict(v)], now);
  // AutoCleanup is only recomputed for VM recipes, which are not modeled: the current one is kept.
  const destInfo = destinationInfoAvailable(v);
  if (destInfo) mergeConditions(conditions, [destInfo], now);
  updateLastGroupSync(v);
}
