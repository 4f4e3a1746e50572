// Goal: the replay container turns keys into reducer actions, plays on a timer, follows a live feed,
// and quits on q. Method: ink-testing-library at its fixed 100 columns, writing key sequences to its
// stdin and reading frames.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplayApp } from '../../reports/replay/app.js';
import type { EventFeed } from '../../reports/replay/app.js';
import { initialState } from '../../reports/replay/state.js';
import { TraceIndex } from '../../reports/replay/trace-index.js';
import type { TraceEvent } from '../../reports/trace/read-trace.js';
import { syntheticTrace } from '../unit/reports/fixtures/synthetic-trace.js';

const events = syntheticTrace({ events: 3000 });
const KEYS = { right: '\u001b[C', left: '\u001b[D', tab: '\t', enter: '\r', escape: '\u001b' };

const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/** Polls until `test` holds (renders and effects run on timers, slower on a loaded machine). */
async function until(test: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await settle(10);
  }
}

/** Ink attaches its stdin listener in an effect after the first frame; keys written before are lost. */
async function listening(stdin: { listenerCount(event: string): number }): Promise<void> {
  await until(() => stdin.listenerCount('readable') > 0, 'ink to listen to stdin');
}

/** The header's `event N/M` count. */
function eventCount(frame: string | undefined): number {
  return Number(/event (\d+)\//.exec(frame ?? '')?.[1]);
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function mount(props: Partial<Parameters<typeof ReplayApp>[0]> = {}) {
  const index = TraceIndex.of(events, 'demo.ndjson');
  const r = render(<ReplayApp initial={initialState(index)} width={100} height={40} interactive {...props} />);
  cleanup = r.unmount;
  return r;
}

describe('ReplayApp keys', () => {
  it('steps with the arrows and jumps to faults with f', async () => {
    const { stdin, lastFrame } = mount();
    await listening(stdin);
    expect(eventCount(lastFrame())).toBe(0);
    stdin.write(KEYS.right);
    await until(() => eventCount(lastFrame()) === 1, 'one step');
    stdin.write('f');
    await until(() => lastFrame()!.includes('fault.inject clusterDown dr1'), 'the first fault');
    // The fault is in effect at once; the node goes down with the next event.
    expect(lastFrame()).toContain('dr1 down for 0ms');
    const atFault = eventCount(lastFrame());
    stdin.write(KEYS.left);
    await until(() => eventCount(lastFrame()) < atFault, 'a step back');
  });

  it('selects an app with tab and filters with /', async () => {
    const { stdin, lastFrame } = mount();
    await listening(stdin);
    stdin.write('G');
    await until(() => eventCount(lastFrame()) === events.length, 'the end');
    stdin.write(KEYS.tab);
    await until(() => lastFrame()!.includes('app: busybox'), 'app selection');
    stdin.write('/');
    await until(() => lastFrame()!.includes('filter: █'), 'the filter prompt');
    stdin.write('relocate');
    await until(() => lastFrame()!.includes('filter: relocate█'), 'the typed filter');
    stdin.write(KEYS.enter);
    await until(() => lastFrame()!.includes('Events matching "relocate"'), 'the filter applied');
    expect(lastFrame()).toContain('user.action relocate busybox/busybox to dr1');
    expect(lastFrame()).not.toContain('storage.mirror.synced');
  });

  it('plays on space at the chosen speed and pauses on space', async () => {
    const { stdin, lastFrame } = mount({ tickMs: 10 });
    await listening(stdin);
    stdin.write('+');
    stdin.write('+');
    await until(() => lastFrame()!.includes('1800×'), 'the speed change');
    stdin.write(' ');
    await until(() => lastFrame()!.includes('▶ playing') && eventCount(lastFrame()) > 0, 'playback to move');
    stdin.write(' ');
    await until(() => lastFrame()!.includes('❚❚ paused'), 'the pause');
    const paused = eventCount(lastFrame());
    await settle(100);
    expect(eventCount(lastFrame())).toBe(paused);
  });

  it('calls onQuit on q', async () => {
    let quit = 0;
    const { stdin } = mount({ onQuit: () => quit++ });
    await listening(stdin);
    stdin.write('q');
    await until(() => quit > 0, 'onQuit');
    expect(quit).toBe(1);
  });
});

describe('ReplayApp live', () => {
  it('shows events from the feed as they arrive', async () => {
    const listeners: ((e: TraceEvent) => void)[] = [];
    const feed: EventFeed = { subscribe: (l) => (listeners.push(l), () => undefined) };
    const r = render(<ReplayApp initial={initialState(TraceIndex.of(events.slice(0, 10), 'live'), { live: true })} width={100} height={40} interactive={false} feed={feed} tickMs={10} />);
    cleanup = r.unmount;
    await until(() => listeners.length > 0, 'the feed subscription');
    expect(r.lastFrame()).toContain('● live');
    expect(eventCount(r.lastFrame())).toBe(10);
    for (const e of events.slice(10, 1500)) listeners.forEach((l) => l(e));
    await until(() => eventCount(r.lastFrame()) === 1500, 'the new events');
    expect(r.lastFrame()).toContain('dr1 ✗ down');
  });
});
