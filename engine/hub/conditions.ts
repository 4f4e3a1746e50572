// Condition helpers with the exact update semantics of Ramen's util/conditions.go and the DRPC's
// `addOrUpdateCondition` (hub spec §9.1): a condition is rewritten when status, reason, message or
// observedGeneration differ; its lastTransitionTime moves only when the status flips or the generation
// changes; an empty reason or message on an existing condition is stored as `none`.

import type { Condition } from '../api/meta.js';

export type ConditionStatus = Condition['status'];

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** True at the given generation, the test every gate in Ramen applies to a viewed condition. */
export function isTrueAtGeneration(conditions: readonly Condition[] | undefined, type: string, generation: number | undefined): boolean {
  const c = findCondition(conditions, type);
  return c !== undefined && c.status === 'True' && (c.observedGeneration ?? 0) === (generation ?? 0);
}

/** Ramen's `SetStatusCondition`: append, or merge into the existing entry in place. */
export function setStatusCondition(conditions: Condition[], next: Omit<Condition, 'lastTransitionTime'>, nowIso: string): void {
  const existing = findCondition(conditions, next.type);
  if (!existing) {
    conditions.push({ ...next, lastTransitionTime: nowIso });
    return;
  }
  if (existing.status !== next.status) {
    existing.status = next.status;
    existing.lastTransitionTime = nowIso;
  }
  existing.reason = next.reason === '' ? 'none' : next.reason;
  existing.message = next.message === '' ? 'none' : next.message;
  if ((existing.observedGeneration ?? 0) !== (next.observedGeneration ?? 0)) {
    existing.observedGeneration = next.observedGeneration ?? 0;
    existing.lastTransitionTime = nowIso;
  }
}

/** The DRPC helper: writes only when something differs; returns whether it wrote. */
export function addOrUpdateCondition(
  conditions: Condition[],
  type: string,
  observedGeneration: number,
  status: ConditionStatus,
  reason: string,
  message: string,
  nowIso: string,
): boolean {
  const existing = findCondition(conditions, type);
  if (
    existing &&
    existing.status === status &&
    (existing.observedGeneration ?? 0) === observedGeneration &&
    existing.reason === reason &&
    existing.message === message
  ) {
    return false;
  }
  setStatusCondition(conditions, { type, status, reason, message, observedGeneration }, nowIso);
  return true;
}

/** Adds a condition only when no condition of its type exists (`SetStatusConditionIfNotFound`). */
export function setConditionIfNotFound(conditions: Condition[], next: Omit<Condition, 'lastTransitionTime'>, nowIso: string): void {
  if (!findCondition(conditions, next.type)) conditions.push({ ...next, lastTransitionTime: nowIso });
}

/**
 * Ramen's `GenericStatusConditionSet` used by the DRCluster and DRPolicy controllers: unchanged when
 * status, reason, message and generation all match; otherwise every field including the transition
 * time is rewritten.
 */
export function genericConditionSet(
  conditions: Condition[],
  type: string,
  generation: number,
  status: ConditionStatus,
  reason: string,
  message: string,
  nowIso: string,
): boolean {
  const existing = findCondition(conditions, type);
  if (existing) {
    if (existing.status === status && existing.reason === reason && existing.message === message && (existing.observedGeneration ?? 0) === generation) return false;
    existing.status = status;
    existing.observedGeneration = generation;
    existing.lastTransitionTime = nowIso;
    existing.reason = reason;
    existing.message = message;
    return true;
  }
  conditions.push({ type, status, observedGeneration: generation, lastTransitionTime: nowIso, reason, message });
  return true;
}

export function removeCondition(conditions: Condition[], type: string): boolean {
  const i = conditions.findIndex((c) => c.type === type);
  if (i < 0) return false;
  conditions.splice(i, 1);
  return true;
}
