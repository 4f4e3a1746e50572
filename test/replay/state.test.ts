// Goal: the replay reducer seeks, steps, filters, jumps and plays as the keys promise, and seeking a
// 10,000-event trace is instant and agrees with folding the trace from the start.
// Method: drive `reduce` with actions over synthetic traces; compare `viewAt` against a fresh fold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState, isVisible, logWindow, reduce, selectedApp } from '../../reports/replay/state.js';
import type { ReplayAction, ReplayState } from '../../reports/replay/state.js';
import { TraceIndex } from '../../reports/replay/trace-index.js';
import { applyEvent, emptyView } from '../../reports/replay/world-view.js';
import { WriteLog } from '../../reports/trace/write-log.js';
import { syntheticTrace } from '../unit/reports/fixtures/synthetic-trace.js';

const big = syntheticTrace({ events: 10_000 });
const bigIndex = TraceIndex.of(big, 'big.ndjson');

function run(s: ReplayState, ...actions: ReplayAction[]): ReplayState {
  return actions.reduce(reduce, s);
}

function current(s: ReplayState) {
  return s.index.event(s.cursor - 1);
}

describe('seeking', () => {
  it('gives the same world as folding the trace from the start, at any cursor', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: big.length }), (cursor) => {
        const fresh = emptyView();
        const writes = new WriteLog();
        for (const e of big) writes.add(e);
        for (let i = 0; i < cursor; i++) applyEvent(fresh, big[i]!, writes);
        expect(bigIndex.viewAt(cursor)).toEqual(fresh);
      }),
      { numRuns: 25 },
    );
  });

  it('is instant on a 10,000-event trace: 200 random seeks well under a millisecond each on average', () => {
    const cursors = Array.from({ length: 200 }, (_, i) => (i * 7919) % (big.length + 1));
    const t0 = performance.now();
    for (const c of cursors) bigIndex.viewAt(c);
    const perSeekMs = (performance.now() - t0) / cursors.length;
    // A fold from the start costs ~10,000 applications; a checkpoint bounds it to 256.
    expect(perSeekMs).toBeLessThan(5);
  });

  it('seeks by time and clamps out-of-range cursors', () => {
    const s = initialState(bigIndex);
    const at = run(s, { type: 'seekTime', ms: 30 * 60_000 });
    expect(current(at)!.t).toBeLessThanOrEqual(30 * 60_000);
    expect(at.index.event(at.cursor)!.t).toBeGreaterThan(30 * 60_000);
    expect(run(s, { type: 'seek', cursor: 1e9 }).cursor).toBe(big.length);
    expect(run(s, { type: 'seek', cursor: -5 }).cursor).toBe(0);
  });
});

describe('stepping', () => {
  const s0 = initialState(TraceIndex.of(syntheticTrace({ events: 600 })));

  it('steps over chatty events unless verbose', () => {
    // Event 1 is an api.write, which only verbose mode shows.
    const quiet = run(s0, { type: 'step', direction: 1 }, { type: 'step', direction: 1 });
    expect(quiet.cursor).toBe(3);
    expect(current(quiet)!.type).toBe('drpc.status');
    const s = run(s0, { type: 'seek', cursor: 40 });
    const next = run(s, { type: 'step', direction: 1 });
    expect(current(next)!.type).not.toBe('app.write');
    expect(next.cursor).toBeGreaterThan(41);
    const verbose = run(s, { type: 'toggleVerbose' }, { type: 'step', direction: 1 });
    expect(verbose.cursor).toBe(41);
  });

  it('steps back to the visible event before the one shown', () => {
    const s = run(s0, { type: 'seek', cursor: 300 });
    const shown = logWindow(s, 1)[0]!;
    const back = run(s, { type: 'step', direction: -1 });
    expect(back.cursor - 1).toBeLessThan(shown);
    expect(isVisible(back, back.cursor - 1)).toBe(true);
    expect(run(back, { type: 'step', direction: 1 }).cursor).toBe(shown + 1);
  });

  it('says so at either end', () => {
    expect(run(s0, { type: 'step', direction: -1 })).toMatchObject({ cursor: 0, notice: 'at the start' });
    expect(run(s0, { type: 'seek', cursor: 600 }, { type: 'step', direction: 1 })).toMatchObject({ cursor: 600, notice: 'no later event' });
  });
});

describe('jumps', () => {
  const s0 = initialState(bigIndex);

  it('goes to the next and previous fault', () => {
    const f1 = run(s0, { type: 'jump', mark: 'fault', direction: 1 });
    expect(current(f1)).toMatchObject({ type: 'fault.inject', fault: 'clusterDown' });
    const f2 = run(f1, { type: 'jump', mark: 'fault', direction: 1 });
    expect(current(f2)).toMatchObject({ type: 'fault.inject', fault: 'partition' });
    expect(current(run(f2, { type: 'jump', mark: 'fault', direction: -1 }))).toMatchObject({ fault: 'clusterDown' });
    const last = run(s0, { type: 'seek', cursor: big.length });
    expect(run(last, { type: 'jump', mark: 'fault', direction: 1 }).notice).toBe('no later fault');
  });

  it('goes to phase changes of the selected app only', () => {
    const phases: string[] = [];
    let s = run(s0, { type: 'selectApp', direction: 1 });
    expect(selectedApp(s)).toBe('busybox');
    for (;;) {
      const next = run(s, { type: 'jump', mark: 'phase', direction: 1 });
      if (next.notice) break;
      const e = current(next)!;
      expect(e.ns).toBe('busybox');
      phases.push(String(e.phase));
      s = next;
    }
    expect(phases).toEqual(['Deploying', 'Deployed', 'FailingOver', 'FailedOver', 'Relocating', 'Relocated']);
  });

  it('goes to user actions', () => {
    const a = run(s0, { type: 'jump', mark: 'action', direction: 1 }, { type: 'jump', mark: 'action', direction: 1 });
    expect(current(a)).toMatchObject({ type: 'user.action', action: 'failover' });
  });
});

describe('filter', () => {
  const s0 = run(initialState(bigIndex), { type: 'seek', cursor: big.length });

  it('is typed, committed, and keeps the log and stepping to matching events', () => {
    const typing = run(s0, { type: 'filterStart' }, { type: 'filterInput', text: 'fault' }, { type: 'filterInput', text: 'x' }, { type: 'filterBackspace' });
    expect(typing.filterDraft).toBe('fault');
    // While typing, keys are text: a step does nothing.
    expect(run(typing, { type: 'step', direction: -1 }).cursor).toBe(typing.cursor);
    const s = run(typing, { type: 'filterCommit' });
    expect(s.filter).toBe('fault');
    expect(logWindow(s, 50).map((i) => s.index.event(i)!.type)).toEqual(['fault.inject', 'fault.inject', 'fault.inject', 'fault.inject']);
    const back = run(s, { type: 'seek', cursor: 0 }, { type: 'step', direction: 1 });
    expect(current(back)).toMatchObject({ type: 'fault.inject', fault: 'clusterDown' });
  });

  it('is case-insensitive and cancellable', () => {
    expect(logWindow(run(s0, { type: 'filterStart' }, { type: 'filterInput', text: 'CLUSTERDOWN' }, { type: 'filterCommit' }), 10)).toHaveLength(1);
    expect(run(s0, { type: 'filterStart' }, { type: 'filterInput', text: 'zzz' }, { type: 'filterCancel' })).toMatchObject({ filter: '' });
  });

  it('hides other apps when one is selected', () => {
    const s = run(s0, { type: 'selectApp', direction: 1 }, { type: 'selectApp', direction: 1 });
    expect(selectedApp(s)).toBe('db');
    expect(logWindow(s, 200).some((i) => JSON.stringify(s.index.event(i)).includes('"busybox'))).toBe(false);
    // Wrapping past the last app comes back to "all".
    expect(selectedApp(run(s, { type: 'selectApp', direction: 1 }))).toBeUndefined();
  });
});

describe('playing', () => {
  it('advances virtual time by wall time × speed and stops at the end', () => {
    let s = run(initialState(bigIndex), { type: 'togglePlay' });
    s = run(s, { type: 'tick', wallMs: 1000 });
    expect(s.clockMs).toBe(60_000);
    expect(current(s)!.t).toBeLessThanOrEqual(60_000);
    s = run(s, { type: 'speed', direction: 1 }, { type: 'tick', wallMs: 1000 });
    expect(s.clockMs).toBe(360_000);
    s = run(s, { type: 'speed', direction: 1 }, { type: 'speed', direction: 1 }, { type: 'speed', direction: 1 }, { type: 'tick', wallMs: 10_000 });
    expect(s).toMatchObject({ cursor: big.length, playing: false, notice: 'end of trace' });
    // Play again from the end starts over.
    expect(run(s, { type: 'togglePlay' })).toMatchObject({ cursor: 0, playing: true });
  });

  it('ignores ticks while paused, and any step pauses', () => {
    const s = initialState(bigIndex);
    expect(run(s, { type: 'tick', wallMs: 1000 })).toBe(s);
    expect(run(s, { type: 'togglePlay' }, { type: 'step', direction: 1 }).playing).toBe(false);
  });
});

describe('live', () => {
  it('follows new events while playing and holds still when paused', () => {
    const events = syntheticTrace({ events: 1000 });
    let s = initialState(TraceIndex.of(events.slice(0, 100), 'live'), { live: true });
    expect(s).toMatchObject({ cursor: 100, playing: true });
    s = run(s, { type: 'append', events: events.slice(100, 400) });
    expect(s.cursor).toBe(400);
    s = run(s, { type: 'togglePlay' }, { type: 'append', events: events.slice(400, 700) });
    expect(s).toMatchObject({ cursor: 400, playing: false });
    expect(s.index.length).toBe(700);
    s = run(s, { type: 'togglePlay' });
    expect(s.cursor).toBe(700);
  });

  it('keeps older index objects valid as the trace grows', () => {
    const events = syntheticTrace({ events: 1000 });
    const a = TraceIndex.of(events.slice(0, 500));
    const viewBefore = structuredClone(a.viewAt(500));
    const b = a.append(events.slice(500));
    expect(a.length).toBe(500);
    expect(a.viewAt(10_000)).toEqual(viewBefore);
    expect(b.viewAt(1000).applied).toBe(1000);
    expect(() => a.append(events.slice(0, 1))).toThrow('only the newest index');
    // The same append again (a reducer run twice by React) gives the same longer index.
    expect(a.append(events.slice(500, 700)).length).toBe(700);
  });
});
