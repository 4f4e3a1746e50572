// Goal: the replay screen at a fixed size shows what the state says: the hub's DRPCs with phase,
// progression and conditions, each cluster's VRGs, PVC lag and app, S3, the network, the log, the
// timeline and the help line; and it degrades to a readable screen without drpc.status events.
// Method: ink-testing-library frames of the pure ReplayScreen, as snapshots and as explicit checks.
import { renderToString } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ReplayScreen } from '../../reports/replay/components/ReplayScreen.js';
import { initialState, reduce } from '../../reports/replay/state.js';
import type { ReplayAction, ReplayState } from '../../reports/replay/state.js';
import { TraceIndex } from '../../reports/replay/trace-index.js';
import { syntheticTrace } from '../unit/reports/fixtures/synthetic-trace.js';

const index = TraceIndex.of(syntheticTrace({ events: 3000 }), 'demo.ndjson');

// ink-testing-library's terminal is 100 columns wide; wider screens go through renderToString.
function frame(state: ReplayState, width = 100, height = 42): string {
  if (width > 100) return renderToString(<ReplayScreen state={state} width={width} height={height} />, { columns: width });
  const { lastFrame, unmount } = render(<ReplayScreen state={state} width={width} height={height} />);
  const out = lastFrame() ?? '';
  unmount();
  return out;
}

function at(...actions: ReplayAction[]): ReplayState {
  return actions.reduce(reduce, initialState(index));
}

describe('ReplayScreen', () => {
  const failingOver = at({ type: 'jump', mark: 'fault', direction: 1 }, { type: 'jump', mark: 'phase', direction: 1 });

  it('matches the snapshot at 100 columns, wrapping what does not fit', () => {
    const out = frame(failingOver, 100, 42);
    expect(out).toMatchSnapshot();
    expect(out).toContain('│   FailingOver  ');
    expect(out).toContain('│     / WaitingForResourceResto… │');
  });

  it('shows the failover in progress after jumping to the first fault, then the next phase change', () => {
    const out = frame(failingOver, 160, 48);
    expect(out).toContain('SEED=7');
    expect(out).toContain('FailingOver / WaitingForResourceRestore');
    expect(out).toContain('✗Available ✗PeerReady ✓Protected');
    expect(out).toContain('dr1 ✗ down');
    expect(out).toContain('dr2 ● up');
    expect(out).toContain('app busybox unreachable (cluster down)');
    expect(out).toMatch(/PVC busybox\/data \d+w {2}lag \d+m\d\ds/);
    expect(out).toContain('dr1 down for');
    expect(out).toContain('busybox/busybox  1 object');
    expect(out).toContain('user.action failover busybox/busybox to dr2');
    expect(out).toContain('space play/pause');
  });

  it('keeps every line within the width it was given', () => {
    for (const width of [80, 120, 160]) {
      const out = frame(at({ type: 'seek', cursor: 2000 }), width, 40);
      for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(width);
      expect(out.split('\n').length).toBeLessThanOrEqual(40);
    }
  });

  it('shows only the selected app', () => {
    const out = frame(at({ type: 'seek', cursor: 2000 }, { type: 'selectApp', direction: 1 }, { type: 'selectApp', direction: 1 }));
    expect(out).toContain('app: db');
    expect(out).toContain('db/mysql');
    expect(out).not.toContain('busybox/busybox');
  });

  it('shows the filter being typed in the help line', () => {
    const out = frame(at({ type: 'filterStart' }, { type: 'filterInput', text: 'drpc' }));
    expect(out).toContain('filter: drpc█');
    expect(out).toContain('enter apply');
  });

  it('degrades without drpc.status/vrg.status events: phases from hub.drpc.phase, a note instead of conditions', () => {
    const old = syntheticTrace({ events: 1500, withoutStatus: true });
    old.splice(5, 0, { type: 'hub.drpc.phase', drpc: 'busybox/busybox', phase: 'Deployed', t: old[4]!.t, seq: 4.5 });
    const out = frame(initialState(TraceIndex.of(old, 'old.ndjson'), { cursor: 1000 }), 160);
    expect(out).toContain('busybox/busybox');
    expect(out).toContain('Deployed');
    expect(out).toContain('(no drpc.status: phase only)');
  });
});
