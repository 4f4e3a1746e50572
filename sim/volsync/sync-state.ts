// VolSync's replication state machine (controllers/statemachine), shared by sources and
// destinations, as pure functions of the object's status. The state lives in status only:
//   Initial       no lastSyncTime and no lastSyncStartTime: start a sync at once, whatever the trigger;
//   Synchronizing lastSyncStartTime set: the mover runs until the sync completes;
//   CleaningUp    otherwise: temporary objects are removed, then a new sync starts when due:
//                 manual trigger (wins over a schedule) when spec.trigger.manual != status.lastManualSync,
//                 schedule once now is strictly after nextSyncTime, no trigger at once (a tight loop).
// Completing a sync sets lastSyncTime, lastSyncDuration (since lastSyncStartTime), nextSyncTime
// (schedule: the first cron time after lastSyncTime), lastManualSync (the manual trigger in the spec
// at that moment, even if it changed during the sync) and clears lastSyncStartTime.

import type { Condition } from '../../engine/api/meta.js';
import { formatGoDuration } from '../../engine/api/storage/go-duration.js';
import { ConditionSynchronizing, SynchronizingReason, type ReplicationTrigger } from '../../engine/api/storage/volsync.js';
import { parseRfc3339, rfc3339 } from '../../engine/runtime/ports.js';
import { nextCronMs, parseCron } from './cron-schedule.js';

export interface SyncStatus {
  lastSyncTime?: string;
  lastSyncStartTime?: string;
  lastSyncDuration?: string;
  nextSyncTime?: string;
  lastManualSync?: string;
  conditions?: Condition[];
}

export type SyncPhase = 'Initial' | 'Synchronizing' | 'CleaningUp';
export type TriggerKind = 'manual' | 'schedule' | 'none';

export function currentPhase(status: SyncStatus | undefined): SyncPhase {
  if (!status?.lastSyncTime && !status?.lastSyncStartTime) return 'Initial';
  return status.lastSyncStartTime ? 'Synchronizing' : 'CleaningUp';
}

export function triggerKind(trigger: ReplicationTrigger | undefined): TriggerKind {
  if (trigger?.manual) return 'manual';
  if (trigger?.schedule) return 'schedule';
  return 'none';
}

/** apimeta.SetStatusCondition: the transition time moves only when the status changes. */
export function setCondition(conditions: Condition[] | undefined, next: Omit<Condition, 'lastTransitionTime'>, nowMs: number): Condition[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === next.type);
  const old = i >= 0 ? list[i]! : undefined;
  const merged: Condition = { ...next, lastTransitionTime: old && old.status === next.status ? old.lastTransitionTime : rfc3339(nowMs) };
  if (i >= 0) list[i] = merged;
  else list.push(merged);
  return list;
}

export const syncingCondition = { type: ConditionSynchronizing, status: 'True', reason: SynchronizingReason.SyncInProgress, message: 'Synchronization in-progress' } as const;
export const cleanupCondition = { type: ConditionSynchronizing, status: 'False', reason: SynchronizingReason.CleaningUp, message: 'Cleaning up' } as const;
export const scheduledCondition = { type: ConditionSynchronizing, status: 'False', reason: SynchronizingReason.WaitingForSchedule, message: 'Waiting for next scheduled synchronization' } as const;
export const manualCondition = { type: ConditionSynchronizing, status: 'False', reason: SynchronizingReason.WaitingForManual, message: 'Waiting for manual trigger' } as const;

export function errorCondition(message: string): Omit<Condition, 'lastTransitionTime'> {
  return { type: ConditionSynchronizing, status: 'False', reason: SynchronizingReason.Error, message };
}

export function startSync<S extends SyncStatus>(status: S, nowMs: number): S {
  return { ...status, lastSyncStartTime: rfc3339(nowMs), conditions: setCondition(status.conditions, syncingCondition, nowMs) };
}

/** Throws CronError when the schedule does not parse (VolSync reports it as an Error condition). */
export function nextSyncTimeOf(trigger: ReplicationTrigger | undefined, lastSyncMs: number | undefined): string | undefined {
  if (triggerKind(trigger) !== 'schedule' || lastSyncMs === undefined) return undefined;
  return rfc3339(nextCronMs(parseCron(trigger!.schedule!), lastSyncMs));
}

export function finishSync<S extends SyncStatus>(status: S, trigger: ReplicationTrigger | undefined, nowMs: number): S {
  const startMs = parseRfc3339(status.lastSyncStartTime) ?? nowMs;
  const out: S = {
    ...status,
    lastSyncTime: rfc3339(nowMs),
    lastSyncDuration: formatGoDuration(Math.max(0, nowMs - startMs)),
    lastManualSync: trigger?.manual ?? '',
    conditions: setCondition(status.conditions, cleanupCondition, nowMs),
  };
  delete out.lastSyncStartTime;
  const next = nextSyncTimeOf(trigger, nowMs);
  if (next === undefined) delete out.nextSyncTime;
  else out.nextSyncTime = next;
  return out;
}

export function shouldSync(trigger: ReplicationTrigger | undefined, status: SyncStatus, nowMs: number): boolean {
  switch (triggerKind(trigger)) {
    case 'manual':
      return trigger!.manual !== (status.lastManualSync ?? '');
    case 'schedule': {
      const next = parseRfc3339(status.nextSyncTime);
      return next === undefined || nowMs > next;
    }
    case 'none':
      return true;
  }
}

/** After cleanup: either start the next sync, or report idle and say when to look again. */
export function afterCleanup<S extends SyncStatus>(status: S, trigger: ReplicationTrigger | undefined, nowMs: number): { status: S; requeueAfterMs?: number } {
  const lastSyncMs = parseRfc3339(status.lastSyncTime);
  let refreshed: S = { ...status };
  const next = nextSyncTimeOf(trigger, lastSyncMs);
  if (next === undefined) delete refreshed.nextSyncTime;
  else refreshed.nextSyncTime = next;
  if (shouldSync(trigger, refreshed, nowMs)) return { status: startSync(refreshed, nowMs) };
  refreshed = { ...refreshed, conditions: setCondition(refreshed.conditions, triggerKind(trigger) === 'schedule' ? scheduledCondition : manualCondition, nowMs) };
  const nextMs = parseRfc3339(refreshed.nextSyncTime);
  // VolSync compares with time.After, so the sync starts on the first reconcile past the instant.
  return nextMs === undefined ? { status: refreshed } : { status: refreshed, requeueAfterMs: Math.max(0, nextMs - nowMs) + 1 };
}
