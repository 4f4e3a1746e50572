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
    await settle();
    expect(eventCount(lastFrame())).toBe(0);
    stdin.write(KEYS.right);
    await settle();
    expect(eventCount(lastFrame())).toBe(1);
    stdin.write('f');
    await settle();
    expect(lastFrame()).toContain('fault.inject clusterDown dr1');
    // The fault is in effect at once; the node goes down with the next event.
    expect(lastFrame()).toContain('dr1 down for 0ms');
    const atFault = eventCount(lastFrame());
    stdin.write(KEYS.left);
    await settle();
    expect(eventCount(lastFrame())).toBeLessThan(atFault);
  });

  it('selects an app with tab and filters with /', async () => {
    const { stdin, lastFrame } = mount();
    await settle();
    stdin.write('G');
    await settle();
    stdin.write(KEYS.tab);
    await settle();
    expect(lastFrame()).toContain('app: busybox');
    stdin.write('/');
    await settle();
    stdin.write('relocate');
    await settle();
    expect(lastFrame()).toContain('filter: relocate█');
    stdin.write(KEYS.enter);
    await settle();
    expect(lastFrame()).toContain('Events matching "relocate"');
    expect(lastFrame()).toContain('user.action relocate busybox/busybox to dr1');
    expect(lastFrame()).not.toContain('storage.mirror.synced');
  });

  it('plays on space at the chosen speed and pauses on space', async () => {
    const { stdin, lastFrame } = mount({ tickMs: 10 });
    await settle();
    stdin.write('+');
    stdin.write('+');
    await settle();
    expect(lastFrame()).toContain('1800×');
    stdin.write(' ');
    await settle(150);
    expect(lastFrame()).toContain('▶ playing');
    const moved = eventCount(lastFrame());
    expect(moved).toBeGreaterThan(0);
    stdin.write(' ');
    await settle();
    const paused = eventCount(lastFrame());
    await settle(100);
    expect(eventCount(lastFrame())).toBe(paused);
  });

  it('calls onQuit on q', async () => {
    let quit = 0;
    const { stdin } = mount({ onQuit: () => quit++ });
    await settle();
    stdin.write('q');
    await settle();
    expect(quit).toBe(1);
  });
});

describe('ReplayApp live', () => {
  it('shows events from the feed as they arrive', async () => {
    const listeners: ((e: TraceEvent) => void)[] = [];
    const feed: EventFeed = { subscribe: (l) => (listeners.push(l), () => undefined) };
    const r = render(<ReplayApp initial={initialState(TraceIndex.of(events.slice(0, 10), 'live'), { live: true })} width={100} height={40} interactive={false} feed={feed} tickMs={10} />);
    cleanup = r.unmount;
    await settle();
    expect(r.lastFrame()).toContain('● live');
    expect(eventCount(r.lastFrame())).toBe(10);
    for (const e of events.slice(10, 1500)) listeners.forEach((l) => l(e));
    await settle(80);
    expect(eventCount(r.lastFrame())).toBe(1500);
    expect(r.lastFrame()).toContain('dr1 ✗ down');
  });
});
