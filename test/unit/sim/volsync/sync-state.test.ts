// Goal: the replication state machine matches VolSync's: the first sync runs at once whatever the
// trigger, a manual trigger wins over a schedule, completion records times and the manual tag of
// the spec at completion, and cleanup either restarts or reports idle with the wait. Method: pure
// functions on status objects.
import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../../../engine/runtime/ports.js';
import { afterCleanup, currentPhase, finishSync, shouldSync, startSync, triggerKind, type SyncStatus } from '../../../../sim/volsync/sync-state.js';

const T0 = Date.parse('2026-01-01T10:03:20Z');

describe('VolSync state machine', () => {
  it('derives the phase from status alone', () => {
    expect(currentPhase(undefined)).toBe('Initial');
    expect(currentPhase({ lastSyncStartTime: rfc3339(T0) })).toBe('Synchronizing');
    expect(currentPhase({ lastSyncTime: rfc3339(T0) })).toBe('CleaningUp');
  });

  it('prefers a manual trigger over a schedule', () => {
    expect(triggerKind({ manual: 'x', schedule: '*/5 * * * *' })).toBe('manual');
    expect(triggerKind({ schedule: '*/5 * * * *' })).toBe('schedule');
    expect(triggerKind(undefined)).toBe('none');
    expect(shouldSync({ manual: 'a' }, { lastManualSync: 'a' }, T0)).toBe(false);
    expect(shouldSync({ manual: 'b' }, { lastManualSync: 'a' }, T0)).toBe(true);
    expect(shouldSync(undefined, {}, T0)).toBe(true);
  });

  it('completes a sync with duration, next time and the manual tag', () => {
    const started = startSync<SyncStatus>({}, T0);
    const done = finishSync(started, { schedule: '*/5 * * * *', manual: '' }, T0 + 65_500);
    expect(done.lastSyncStartTime).toBeUndefined();
    expect(done.lastSyncTime).toBe('2026-01-01T10:04:25Z');
    expect(done.lastSyncDuration).toBe('1m5.5s');
    expect(done.nextSyncTime).toBe('2026-01-01T10:05:00Z');
    expect(done.lastManualSync).toBe('');
    expect(finishSync(started, { manual: 'vrg-final-sync' }, T0 + 1000).lastManualSync).toBe('vrg-final-sync');
  });

  it('after cleanup waits for the schedule, then starts strictly after the scheduled instant', () => {
    const done = finishSync(startSync<SyncStatus>({}, T0), { schedule: '*/5 * * * *' }, T0 + 10_000);
    const idle = afterCleanup(done, { schedule: '*/5 * * * *' }, T0 + 20_000);
    expect(idle.status.lastSyncStartTime).toBeUndefined();
    expect(idle.status.conditions!.find((c) => c.type === 'Synchronizing')!.reason).toBe('WaitingForSchedule');
    expect(idle.requeueAfterMs).toBe(Date.parse('2026-01-01T10:05:00Z') - (T0 + 20_000) + 1);
    expect(afterCleanup(done, { schedule: '*/5 * * * *' }, Date.parse('2026-01-01T10:05:00Z')).status.lastSyncStartTime).toBeUndefined();
    expect(afterCleanup(done, { schedule: '*/5 * * * *' }, Date.parse('2026-01-01T10:05:00Z') + 1).status.lastSyncStartTime).toBeDefined();
  });
});
