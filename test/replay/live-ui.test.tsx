// Goal: liveView on a terminal shows the run as it records, stop() ends the view without counting as
// the user quitting (a run must not be cut short by its own view), and q does count as quitting.
// Method: fake TTY streams (a PassThrough with columns, rows, isTTY and raw mode) and a TraceRecorder.
// The fake terminal cannot make the test process's own stdout a TTY, so the CI variables that the
// drsim entry point (cli/terminal-env.ts) drops on a terminal are dropped here, before Ink loads.
import { env } from 'node:process';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TraceRecorder } from '../../sim/trace/recorder.js';
import { syntheticTrace } from '../unit/reports/fixtures/synthetic-trace.js';

delete env['CI'];
delete env['CONTINUOUS_INTEGRATION'];
const { liveView } = await import('../../reports/replay/live-view.js');

function fakeTerminal() {
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 140, rows: 44 }) as unknown as NodeJS.WriteStream;
  let screen = '';
  (stdout as unknown as PassThrough).on('data', (d: Buffer) => (screen += d.toString()));
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin }) as unknown as NodeJS.ReadStream & PassThrough;
  return { stdout, stdin, screen: () => screen };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recorderWith(count: number) {
  let now = 0;
  const rec = new TraceRecorder({ nowMs: () => now } as never, 0);
  const events = syntheticTrace({ events: count });
  const play = (from: number, to: number) => {
    for (const e of events.slice(from, to)) {
      now = e.t;
      const { t: _t, seq: _s, ...fields } = e;
      rec.emit(fields);
    }
  };
  return { rec, play };
}

describe('liveView on a terminal', () => {
  it('follows the recorder and stops without calling onQuit', async () => {
    const term = fakeTerminal();
    const { rec, play } = recorderWith(2000);
    play(0, 50);
    let quits = 0;
    const view = liveView(rec, { stdout: term.stdout, stdin: term.stdin, label: 'demo', onQuit: () => quits++ });
    expect(view.mode).toBe('ui');
    play(50, 2000);
    for (let waited = 0; !term.screen().includes('event 2000/2000') && waited < 5000; waited += 20) await settle(20);
    expect(term.screen()).toContain('drsim live');
    expect(term.screen()).toContain('event 2000/2000');
    await view.stop();
    await view.quit;
    expect(quits).toBe(0);
  });

  it('counts q as the user quitting', async () => {
    const term = fakeTerminal();
    const { rec, play } = recorderWith(200);
    play(0, 200);
    let quits = 0;
    const view = liveView(rec, { stdout: term.stdout, stdin: term.stdin, onQuit: () => quits++ });
    // Ink listens to stdin from an effect after the first frame.
    for (let waited = 0; term.stdin.listenerCount('readable') === 0 && waited < 5000; waited += 10) await settle(10);
    term.stdin.write('q');
    await view.quit;
    expect(quits).toBe(1);
    await view.stop();
    expect(quits).toBe(1);
  });
});
