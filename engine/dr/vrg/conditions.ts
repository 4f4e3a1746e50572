// Condition bookkeeping exactly as Ramen does it (dr-cluster spec §8.1-§8.3): the upsert with its
// "none" defaults, the per-PVC setters with their reason mapping (including the quirk that an
// unexpected DataProtected/ClusterDataProtected reason writes the PVC's DataReady), and the merge of
// sub-conditions into one VRG summary condition.

import type { Condition } from '../../api/meta.js';
import type { ProtectedPvc } from '../../api/ramen/vrg.js';
import { VRG_CONDITION as T, VRG_REASON as R } from '../../api/ramen/vrg.js';

export type ConditionStatus = Condition['status'];

/** A condition before it is stored: the time is stamped by the setter. */
export interface NewCondition {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
  observedGeneration: number;
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/**
 * Ramen's util.SetStatusCondition: upsert by type; a status change or a generation change bumps the
 * transition time; reason and message are always overwritten, empty ones becoming "none".
 */
export function setStatusCondition(conditions: Condition[], c: NewCondition, now: string): Condition {
  const existing = findCondition(conditions, c.type);
  if (!existing) {
    const added: Condition = { type: c.type, status: c.status, reason: c.reason, message: c.message, observedGeneration: c.observedGeneration, lastTransitionTime: now };
    conditions.push(added);
    return added;
  }
  if (existing.status !== c.status) {
    existing.status = c.status;
    existing.lastTransitionTime = now;
  }
  existing.reason = c.reason === '' ? 'none' : c.reason;
  existing.message = c.message === '' ? 'none' : c.message;
  if (existing.observedGeneration !== c.observedGeneration) {
    existing.observedGeneration = c.observedGeneration;
    existing.lastTransitionTime = now;
  }
  return existing;
}

export function setStatusConditionIfNotFound(conditions: Condition[], c: NewCondition, now: string): void {
  if (!findCondition(conditions, c.type)) setStatusCondition(conditions, c, now);
}

/** The eight summary types every VRG gets on its first reconcile, in Ramen's order. */
export const INITIAL_CONDITION_TYPES: readonly string[] = [
  T.DataReady,
  T.DataProtected,
  T.ClusterDataReady,
  T.KubeObjectsReady,
  T.ClusterDataProtected,
  T.AutoCleanup,
  T.NoClusterDataConflict,
  T.HooksReady,
];

export const INITIAL_CONDITION_MESSAGE = 'Initializing VolumeReplicationGroup';

export function setInitialConditions(conditions: Condition[], generation: number, now: string): void {
  for (const type of INITIAL_CONDITION_TYPES) {
    setStatusConditionIfNotFound(conditions, { type, status: 'Unknown', reason: R.Initializing, message: INITIAL_CONDITION_MESSAGE, observedGeneration: generation }, now);
  }
}

// Merge (util.MergeConditions).

// Keeps the sub-conditions of the lowest observedGeneration seen so far: the oldest evaluation wins.
function oldest(list: NewCondition[], c: NewCondition): NewCondition[] {
  if (list.length === 0) return [c];
  const gen = list[0]!.observedGeneration;
  if (gen < c.observedGeneration) return list;
  if (gen === c.observedGeneration) return [...list, c];
  return [c];
}

function fold(list: NewCondition[], ignoreReasons: readonly string[]): NewCondition {
  let merged: NewCondition | undefined;
  for (const sub of list) {
    if (merged === undefined) {
      merged = { ...sub };
      continue;
    }
    if (sub.reason === merged.reason) {
      merged.message += '. ' + sub.message;
      continue;
    }
    if (ignoreReasons.includes(sub.reason)) continue;
    if (ignoreReasons.includes(merged.reason)) {
      merged = { ...sub };
      continue;
    }
    merged.message = merged.message + '. ' + sub.message;
  }
  return merged!;
}

/** The merged condition, or undefined when every input is absent (then nothing is written). */
export function mergedConditionOf(subs: readonly (NewCondition | undefined)[], ignoreReasons: readonly string[] = [R.Unused]): NewCondition | undefined {
  let f: NewCondition[] = [];
  let u: NewCondition[] = [];
  let t: NewCondition[] = [];
  for (const s of subs) {
    if (!s) continue;
    if (s.status === 'False') f = oldest(f, s);
    else if (s.status === 'Unknown') u = oldest(u, s);
    else t = oldest(t, s);
  }
  if (f.length > 0) return fold(f, ignoreReasons);
  if (u.length > 0) return fold(u, ignoreReasons);
  if (t.length > 0) return fold(t, ignoreReasons);
  return undefined;
}

/**
 * Merges and upserts under the merged condition's own type (Ramen's quirk: a sub-condition of another
 * type, as the sync-mode ClusterDataProtected one, writes that type).
 */
export function mergeConditions(conditions: Condition[], subs: readonly (NewCondition | undefined)[], now: string): Condition | undefined {
  const merged = mergedConditionOf(subs);
  return merged ? setStatusCondition(conditions, merged, now) : undefined;
}

// Per-PVC setters (vrg_volrep.go setPVC*Condition).

function upsertPvc(entry: ProtectedPvc, c: NewCondition, now: string): void {
  entry.conditions ??= [];
  setStatusCondition(entry.conditions, c, now);
}

export function setPvcDataReady(entry: ProtectedPvc, reason: string, message: string, gen: number, now: string): void {
  const c = (status: ConditionStatus, r: string, m = message): NewCondition => ({ type: T.DataReady, status, reason: r, message: m, observedGeneration: gen });
  switch (reason) {
    case R.Error:
      return upsertPvc(entry, c('False', R.Error), now);
    case R.Replicating:
      return upsertPvc(entry, c('True', R.Replicating), now);
    case R.Replicated:
      return upsertPvc(entry, c('True', R.Replicated), now);
    case R.Ready:
      return upsertPvc(entry, c('True', R.Ready), now);
    case R.Progressing:
      return upsertPvc(entry, c('False', R.Progressing), now);
    case R.UnknownError:
      return upsertPvc(entry, c('Unknown', R.UnknownError), now);
    case R.PeerClassNotFound:
      return upsertPvc(entry, c('Unknown', R.PeerClassNotFound), now);
    case R.StorageIDNotFound:
      return upsertPvc(entry, c('Unknown', R.StorageIDNotFound), now);
    default:
      return upsertPvc(entry, c('False', R.Error, 'Unknown reason: ' + reason), now);
  }
}

// Ramen's fallback for an unexpected reason writes DataReady Unknown/UnknownError, not the requested type.
function unknownReasonFallback(entry: ProtectedPvc, reason: string, gen: number, now: string): void {
  upsertPvc(entry, { type: T.DataReady, status: 'Unknown', reason: R.UnknownError, message: 'Unknown reason: ' + reason, observedGeneration: gen }, now);
}

export function setPvcDataProtected(entry: ProtectedPvc, reason: string, message: string, gen: number, now: string): void {
  const c = (status: ConditionStatus, r: string): NewCondition => ({ type: T.DataProtected, status, reason: r, message, observedGeneration: gen });
  switch (reason) {
    case R.Error:
    case R.Progressing:
      return upsertPvc(entry, c('False', R.Error), now);
    case R.Replicating:
    case R.Ready:
      return upsertPvc(entry, c('False', R.Replicating), now);
    case R.DataProtected:
      return upsertPvc(entry, c('True', R.DataProtected), now);
    case R.UnknownError:
      return upsertPvc(entry, { type: T.DataReady, status: 'Unknown', reason: R.UnknownError, message, observedGeneration: gen }, now);
    default:
      return unknownReasonFallback(entry, reason, gen, now);
  }
}

export function setPvcClusterDataProtected(entry: ProtectedPvc, reason: string, message: string, gen: number, now: string): void {
  const c = (status: ConditionStatus, r: string): NewCondition => ({ type: T.ClusterDataProtected, status, reason: r, message, observedGeneration: gen });
  switch (reason) {
    case R.Uploaded:
      return upsertPvc(entry, c('True', R.Uploaded), now);
    case R.Uploading:
      return upsertPvc(entry, c('False', R.Uploading), now);
    case R.UploadError:
    case R.AnnotationFailed:
      return upsertPvc(entry, c('False', reason), now);
    default:
      return unknownReasonFallback(entry, reason, gen, now);
  }
}

export function setPvcDestinationInfoAvailable(entry: ProtectedPvc, reason: string, message: string, gen: number, now: string): void {
  upsertPvc(entry, { type: T.DestinationInfoAvailable, status: reason === R.Ready ? 'True' : 'False', reason, message, observedGeneration: gen }, now);
}

/** A condition is "True at generation g": Ramen's usual readiness test. */
export function isTrueAt(conditions: readonly Condition[] | undefined, type: string, generation: number): boolean {
  const c = findCondition(conditions, type);
  return c !== undefined && c.status === 'True' && c.observedGeneration === generation;
}
