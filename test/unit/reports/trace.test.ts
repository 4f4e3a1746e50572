// Goal: traces read back with errors that name file and line, an interrupted last line is tolerated,
// diffs find the first differing event, and facts (seed, steps, faults, digest) match the recorder.
import { describe, expect, it } from 'vitest';
import { diffTraces, formatTraceDiff } from '../../../reports/trace/diff-trace.js';
import { eventLine } from '../../../reports/trace/event-line.js';
import { FaultBands } from '../../../reports/trace/fault-subject.js';
import { parseTrace, TraceReadError } from '../../../reports/trace/read-trace.js';
import { runFromTrace } from '../../../reports/trace/run-from-trace.js';
import { seedLine, traceFacts } from '../../../reports/trace/trace-facts.js';
import { TraceRecorder } from '../../../sim/trace/recorder.js';
import { syntheticTrace, toNdjson } from './fixtures/synthetic-trace.js';

const line = (o: object) => JSON.stringify(o);

describe('parseTrace', () => {
  it('reads events and names file and line on bad input', () => {
    expect(parseTrace(`${line({ type: 'a', t: 0, seq: 0 })}\n${line({ type: 'b', t: 5, seq: 1 })}\n`, 'x.ndjson').events.map((e) => e.type)).toEqual(['a', 'b']);
    expect(() => parseTrace(`${line({ type: 'a', t: 0, seq: 0 })}\n{oops\n`, 'x.ndjson')).toThrow(/^x\.ndjson:2: not valid JSON/);
    expect(() => parseTrace(`${line({ t: 0, seq: 0 })}\n`, 'x.ndjson')).toThrow('x.ndjson:1: a trace event needs a non-empty string "type"');
    expect(() => parseTrace(`${line({ type: 'a', seq: 0 })}\n`, 'x.ndjson')).toThrow('x.ndjson:1: event "a" needs a numeric "t"');
    expect(() => parseTrace(`${line({ type: 'a', t: 0, seq: 0 })}\n\n${line({ type: 'b', t: 5, seq: 0 })}\n`, 'x.ndjson')).toThrow('x.ndjson:3: seq 0 does not follow seq 0');
    expect(() => parseTrace(`${line({ type: 'a', t: 9, seq: 0 })}\n${line({ type: 'b', t: 5, seq: 1 })}\n`, 'x.ndjson')).toThrow('x.ndjson:2: virtual time goes backwards (t 5 after 9)');
  });

  it('throws a TraceReadError carrying the line', () => {
    try {
      parseTrace('[1]\n', 'f');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TraceReadError);
      expect((err as TraceReadError).line).toBe(1);
    }
  });

  it('drops a half-written last line with a warning (a run stopped by Ctrl-C)', () => {
    const t = parseTrace(`${line({ type: 'a', t: 0, seq: 0 })}\n{"type":"b","t":`, 'run.ndjson');
    expect(t.events).toHaveLength(1);
    expect(t.warnings).toEqual(['run.ndjson:2: the last line is incomplete (the run was probably interrupted); ignored']);
  });

  it('warns once about gaps in seq (a filtered trace)', () => {
    const t = parseTrace([0, 5, 9].map((seq) => line({ type: 'a', t: seq, seq })).join('\n'), 'f');
    expect(t.warnings).toHaveLength(1);
    expect(t.warnings[0]).toContain('f:2: seq jumps from 0 to 5');
  });
});

describe('diffTraces', () => {
  const events = syntheticTrace({ events: 200 });
  it('says identical traces are identical', () => {
    const d = diffTraces(events, structuredClone(events));
    expect(d.identical).toBe(true);
    expect(formatTraceDiff(d)).toBe('traces are identical (200 events)\n');
  });

  it('finds the first differing event and the fields that differ', () => {
    const other = structuredClone(events);
    other[120] = { ...other[120]!, cluster: 'dr9' };
    other[150] = { ...other[150]!, type: 'x' };
    const d = diffTraces(events, other);
    expect(d.identical).toBe(false);
    expect(d.index).toBe(120);
    expect(d.fields).toEqual(['cluster']);
    expect(d.context.map((e) => e.seq)).toEqual([117, 118, 119]);
    const text = formatTraceDiff(d, 'a.ndjson', 'b.ndjson');
    expect(text).toContain('traces differ at event 120 (fields: cluster)');
    expect(text).toContain(`  b.ndjson: ${eventLine(other[120]!)}`);
  });

  it('reports a trace that is a prefix of the other', () => {
    const d = diffTraces(events.slice(0, 50), events);
    expect(d.index).toBe(50);
    expect(formatTraceDiff(d, 'short', 'long')).toContain('short ends after 50 events; long goes on (50 vs 200 events)');
  });

  it('can ignore fields and event types', () => {
    const other = events.map((e) => (e.type === 'reconcile' ? { ...e, result: 'error' } : e));
    expect(diffTraces(events, other).identical).toBe(false);
    expect(diffTraces(events, other, { ignoreFields: ['result'] }).identical).toBe(true);
    expect(diffTraces(events, other, { ignoreTypes: ['reconcile'] }).identical).toBe(true);
  });
});

describe('traceFacts', () => {
  it('computes the same digest as the recorder', () => {
    let now = 1_000;
    const rec = new TraceRecorder({ nowMs: () => now } as never, 1_000);
    rec.emit({ type: 'world.created', seed: 3, clusters: ['dr1'], storage: 'regional' });
    now = 1_500;
    rec.emit({ type: 'fault.inject', fault: 'clusterDown', detail: 'clusterDown dr1' });
    const parsed = parseTrace(rec.toNdjson(), 'r').events;
    expect(traceFacts(parsed).digest).toBe(rec.digest());
  });

  it('finds seed, faults, steps and duration, and prints SEED= first', () => {
    const events = syntheticTrace({ events: 600, seed: 31 });
    const f = traceFacts(events);
    expect(f.seed).toBe(31);
    expect(f.clusters).toEqual(['dr1', 'dr2']);
    expect(f.faultKinds).toEqual(['clusterDown', 'clusterUp', 'heal', 'partition']);
    expect(f.steps).toEqual([{ index: 3, label: 'failover busybox to dr2', line: 31, ok: true, atMs: f.steps[0]!.atMs }]);
    expect(f.virtualDurationMs).toBe(events[events.length - 1]!.t);
    expect(seedLine(f, 'runs/my trace.ndjson')).toMatch(/^SEED=31 clusters=dr1,dr2 events=600 virtual=\S+ digest=[0-9a-f]{12}\n {2}replay: drsim replay 'runs\/my trace.ndjson'\n$/);
  });
});

describe('FaultBands', () => {
  it('pairs faults with their ends, and healAll closes every cut', () => {
    const bands = new FaultBands();
    const ev = (t: number, fault: string, detail: string) => ({ type: 'fault.inject', fault, detail, t, seq: t });
    for (const e of [ev(1, 'clusterDown', 'clusterDown dr1'), ev(2, 'partition', 'hub <-> dr2 cut'), ev(3, 'partition', 'dr1 -> dr2 cut'), ev(4, 'clusterUp', 'clusterUp dr1'), ev(5, 'healAll', 'healAll'), ev(6, 's3Outage', 's3Outage minio')]) bands.add(e);
    expect(bands.bands.map((b) => [b.label, b.fromMs, b.toMs])).toEqual([
      ['dr1 down', 1, 4],
      ['hub <-> dr2 cut', 2, 5],
      ['dr1 <-> dr2 cut', 3, 5],
      ['S3 minio out', 6, undefined],
    ]);
    expect(bands.active()).toEqual(['S3 minio out']);
  });

  it('ends a controller crash at the matching fault.heal', () => {
    const bands = new FaultBands();
    bands.add({ type: 'fault.inject', fault: 'controllerCrash', detail: 'hub operator crashed for 30s', t: 1, seq: 1 });
    bands.add({ type: 'fault.heal', fault: 'controllerCrash', detail: 'hub operator restarted', t: 31, seq: 2 });
    expect(bands.bands[0]).toMatchObject({ fromMs: 1, toMs: 31 });
  });
});

describe('runFromTrace', () => {
  it('reports what a trace holds and leaves the invariants empty', () => {
    const events = syntheticTrace({ events: 2000 });
    const run = runFromTrace(events, 'out/demo-7.ndjson');
    expect(run).toMatchObject({ scenario: 'demo-7', seed: 7, passed: true, invariants: [], replayCommand: 'drsim replay out/demo-7.ndjson', faultKinds: ['clusterDown', 'clusterUp', 'heal', 'partition'] });
    const busybox = run.apps.find((a) => a.name === 'busybox/busybox')!;
    expect(busybox).toMatchObject({ phase: 'Relocated', progression: 'Completed', primary: 'dr1' });
    expect(busybox.failovers).toHaveLength(1);
    // The synthetic mirror syncs every 60 s with a 2-4 s lag, so the estimate lies within one interval.
    expect(busybox.failovers[0]!.rpoMs).toBeGreaterThan(0);
    expect(busybox.failovers[0]!.rpoMs).toBeLessThanOrEqual(64_000);
  });

  it('round-trips through NDJSON', () => {
    const events = syntheticTrace({ events: 300 });
    expect(parseTrace(toNdjson(events), 't').events).toEqual(events);
  });
});
