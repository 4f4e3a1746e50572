// The VRG status write (dr-cluster spec §3.3, §8.7): pvcgroups, state, observedGeneration, and a
// write only when something differs from the status read at the start of the reconcile. Also the
// "invalid" and error exits that set one condition and write without aggregation.

import { VRG_CONDITION as T, VRG_REASON as R } from '../../api/ramen/vrg.js';
import type { VrgState, VrgStatus } from '../../api/ramen/vrg.js';
import { VolumeGroupReplicationKind } from '../../api/storage/volume-group-replication.js';
import type { Result } from '../../runtime/reconcile.js';
import { findCondition, setStatusCondition } from './conditions.js';
import type { VrgInstance } from './instance.js';
import { errorMessage } from './instance.js';
import { ownerLabels } from './owner-labels.js';
import { updateVrgConditions } from './summary.js';
import { observeVolSyncRsProtection } from './volsync.js';

/** Structural equality that treats absent and undefined fields alike, as JSON does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!jsonEqual(ao[k], bo[k])) return false;
  return true;
}

/** Ramen's updateStatusState: the observed state from DataReady (and DataProtected on relocate). */
export function computeState(v: VrgInstance): VrgState {
  const dataReady = findCondition(v.status.conditions, T.DataReady);
  if (!dataReady || dataReady.status !== 'True' || dataReady.observedGeneration !== v.generation) return 'Unknown';
  if (v.isPrimary) return 'Primary';
  if (!v.isSecondary) return 'Unknown';
  if (v.vrg.spec.action !== 'Relocate') return 'Secondary';
  const dataProtected = findCondition(v.status.conditions, T.DataProtected);
  if (!dataProtected) return v.volRepPVCs.length === 0 ? 'Secondary' : 'Unknown';
  return dataProtected.status === 'True' && dataProtected.observedGeneration === v.generation ? 'Secondary' : 'Unknown';
}

async function pvcGroups(v: VrgInstance): Promise<VrgStatus['pvcgroups'] | undefined> {
  if (!v.vgrServed) return undefined;
  const list = await v.client.list<{ apiVersion: string; kind: string; metadata: { name: string }; status?: { persistentVolumeClaimsRefList?: { name?: string }[] } }>(VolumeGroupReplicationKind, {
    labelSelector: { matchLabels: ownerLabels(v.vrg.metadata.namespace ?? '', v.vrg.metadata.name) },
  });
  const groups: { grouped: string[] }[] = [];
  for (const vgr of list.items) {
    const grouped = (vgr.status?.persistentVolumeClaimsRefList ?? []).map((r) => r.name ?? '').filter((n) => n !== '');
    if (grouped.length > 0) groups.push({ grouped });
  }
  return groups.length > 0 ? groups : undefined;
}

/** Ramen's updateVRGStatus; returns the result, forcing a requeue when the write fails. */
export async function updateVrgStatus(v: VrgInstance, result: Result): Promise<Result> {
  let groups: VrgStatus['pvcgroups'] | undefined;
  try {
    groups = await pvcGroups(v);
  } catch (err) {
    v.log('Failed to update protected by VolRep PVC groups', { error: errorMessage(err) });
    return { ...result, requeue: true };
  }
  if (groups) v.vrg.status.pvcgroups = groups;
  else delete v.vrg.status.pvcgroups;
  v.vrg.status.state = computeState(v);
  v.vrg.status.observedGeneration = v.generation;
  if (jsonEqual(v.savedStatus, v.vrg.status)) return result;
  v.vrg.status.lastUpdateTime = v.now();
  try {
    const written = await v.client.updateStatus(v.vrg);
    v.vrg.metadata = written.metadata;
  } catch (err) {
    v.log('Failed to update VRG status', { error: errorMessage(err) });
    return { ...result, requeue: true };
  }
  v.deps.trace.emit({
    type: 'dr.vrg.status',
    cluster: v.deps.clusterName,
    vrg: v.namespacedName,
    state: v.vrg.status.state,
    generation: v.generation,
    conditions: v.status.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`).join(','),
  });
  return result;
}

export async function updateVrgConditionsAndStatus(v: VrgInstance, result: Result): Promise<Result> {
  await observeVolSyncRsProtection(v);
  updateVrgConditions(v);
  return updateVrgStatus(v, result);
}

function setError(v: VrgInstance, type: string, message: string): void {
  setStatusCondition(v.status.conditions, { type, status: 'False', reason: R.Error, message, observedGeneration: v.generation }, v.now());
}

/** Ramen's dataError: DataReady False/Error "<msg>: <err>", status write without aggregation. */
export async function dataError(v: VrgInstance, err: unknown, msg: string, requeue: boolean): Promise<Result> {
  setError(v, T.DataReady, `${msg}: ${errorMessage(err)}`);
  return updateVrgStatus(v, requeue ? { requeue: true } : {});
}

/** Ramen's invalid: a FailedValidation warning event, then dataError. */
export async function invalid(v: VrgInstance, err: unknown, msg: string, requeue: boolean): Promise<Result> {
  v.event('Warning', 'FailedValidation', errorMessage(err));
  return dataError(v, err, msg, requeue);
}

/** Ramen's clusterDataError: ClusterDataReady False/Error, status write without aggregation. */
export async function clusterDataError(v: VrgInstance, err: unknown, msg: string, result: Result): Promise<Result> {
  setError(v, T.ClusterDataReady, `${msg}: ${errorMessage(err)}`);
  return updateVrgStatus(v, result);
}

/** The reconcile result from the accumulated requeue flag. */
export function resultOf(v: VrgInstance): Result {
  if (v.requeueRequested) return { requeue: true };
  if (v.requeueAfterMs !== undefined) return { requeueAfterMs: v.requeueAfterMs };
  return {};
}
