// Goal: without a terminal, replay prints the seed line first and a readable log of what matters
// (steps, actions, faults, network, phase changes, VRG states, where apps run), then a summary; a live
// view in plain mode prints the same lines as events arrive. Bad options name the option.
import { PassThrough } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveView } from '../../reports/replay/live-view.js';
import { plainLogOf } from '../../reports/replay/plain-log.js';
import { cursorForAt, runReplay } from '../../reports/replay/run-replay.js';
import { TraceIndex } from '../../reports/replay/trace-index.js';
import type { TraceEvent } from '../../reports/trace/read-trace.js';
import { syntheticTrace, toNdjson } from '../unit/reports/fixtures/synthetic-trace.js';

const events = syntheticTrace({ events: 2000 });

function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  let text = '';
  (stream as unknown as PassThrough).on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
}

describe('plainLogOf', () => {
  it('tells the story in order, one line per thing that matters', () => {
    const lines = plainLogOf(events);
    const story = lines.map((l) => l.slice(14).trimEnd());
    const find = (needle: string) => story.findIndex((l) => l.includes(needle));
    const order = ['world    seed 7', 'fault    clusterDown dr1', 'network  dr1 down', 'step     4. failover busybox to dr2', 'action   failover busybox/busybox to dr2', 'drpc     busybox/busybox FailingOver', 'drpc     busybox/busybox FailedOver / Completed', 'fault    hub <-> dr2 cut', 'fault    clusterUp dr1', 'drpc     busybox/busybox Relocated / Completed'];
    const positions = order.map(find);
    expect(positions.every((p) => p >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(lines.some((l) => l.includes('app.write'))).toBe(false);
    expect(lines.at(-3)).toMatch(/^-- 2000 events, \S+ of virtual time, seed 7$/);
    expect(lines.at(-2)).toBe('   drpc busybox/busybox: Relocated / Completed; app running on dr1');
  });

  it('reports a repeated status only once', () => {
    const k = events.findIndex((e) => e.type === 'drpc.status');
    const dup = [...events.slice(0, k + 1), { ...events[k]!, seq: k + 1 }];
    expect(plainLogOf(dup).filter((l) => l.includes('drpc     busybox/busybox Deploying')).length).toBe(1);
    // And a change that is not a repeat is reported.
    const changed = [...dup, { ...events[k]!, seq: k + 2, progression: 'EnsuringVolSyncSetup' }];
    expect(plainLogOf(changed).filter((l) => l.includes('drpc     busybox/busybox Deploying')).length).toBe(2);
  });
});

describe('runReplay without a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drsim-replay-'));
  const file = join(dir, 'run.ndjson');
  writeFileSync(file, toNdjson(events));

  it('prints SEED= first, then the log', async () => {
    const out = capture();
    const err = capture();
    expect(await runReplay(file, { stdout: out.stream, stderr: err.stream })).toBe(0);
    const text = out.text();
    expect(text.startsWith('SEED=7 clusters=dr1,dr2 events=2000')).toBe(true);
    expect(text).toContain(`replay: drsim replay ${file}`);
    expect(text).toContain('fault    clusterDown dr1');
  });

  it('rejects bad options and unreadable traces with exit code 2', async () => {
    const err = capture();
    expect(await runReplay(file, { speed: 7, stdout: capture().stream, stderr: err.stream })).toBe(2);
    expect(err.text()).toContain('--speed: expected one of 1, 10, 60, 300, 1800, 7200, got 7');
    const err2 = capture();
    expect(await runReplay(file, { at: 'soon', stdout: capture().stream, stderr: err2.stream })).toBe(2);
    expect(err2.text()).toContain('--at: expected #SEQ');
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, '{"type":"a","t":0,"seq":0}\nnope\n{"type":"b","t":1,"seq":1}\n');
    const err3 = capture();
    expect(await runReplay(bad, { stdout: capture().stream, stderr: err3.stream })).toBe(2);
    expect(err3.text()).toContain(`${bad}:2: not valid JSON`);
  });

  it('understands --at as an event or a virtual time', () => {
    const index = TraceIndex.of(events);
    expect(cursorForAt(index, '#0')).toBe(1);
    expect(cursorForAt(index, '#1500')).toBe(1501);
    expect(index.event(cursorForAt(index, '5m') - 1)!.t).toBeLessThanOrEqual(300_000);
    expect(index.event(cursorForAt(index, '5m'))!.t).toBeGreaterThan(300_000);
  });
});

describe('liveView without a terminal', () => {
  it('prints earlier events, then new ones as they come, then the summary on stop', async () => {
    const listeners: ((e: TraceEvent) => void)[] = [];
    const recorded = events.slice(0, 5);
    const source = { all: () => recorded, subscribe: (l: (e: TraceEvent) => void) => (listeners.push(l), () => listeners.splice(listeners.indexOf(l), 1)) };
    const out = capture();
    const view = liveView(source, { stdout: out.stream, interactive: false });
    expect(view.mode).toBe('plain');
    expect(out.text()).toContain('world    seed 7');
    for (const e of events.slice(5)) listeners.forEach((l) => l(e));
    expect(out.text()).toContain('fault    clusterDown dr1');
    await view.stop();
    expect(listeners).toHaveLength(0);
    expect(out.text()).toContain('-- 2000 events');
  });
});
