// Condition bookkeeping as apimachinery's meta.SetStatusCondition does it: the transition time only
// moves when the status changes, so an agent that rewrites the same verdict every resync leaves the
// object untouched and the API server skips the no-op write.

import type { Condition } from '../../engine/api/meta.js';

export type ConditionInput = Omit<Condition, 'lastTransitionTime'>;

/** Returns the conditions with `next` set; `nowIso` is used only when the status changes. */
export function setCondition(conditions: readonly Condition[] | undefined, next: ConditionInput, nowIso: string): Condition[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === next.type);
  if (i < 0) {
    list.push({ ...next, lastTransitionTime: nowIso });
    return list;
  }
  const old = list[i]!;
  const merged: Condition = {
    type: next.type,
    status: next.status,
    reason: next.reason,
    message: next.message,
    lastTransitionTime: old.status === next.status ? old.lastTransitionTime : nowIso,
  };
  if (next.observedGeneration !== undefined) merged.observedGeneration = next.observedGeneration;
  list[i] = merged;
  return list;
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

export function isConditionTrue(conditions: readonly Condition[] | undefined, type: string): boolean {
  return findCondition(conditions, type)?.status === 'True';
}
