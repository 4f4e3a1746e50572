// The bottom timeline: the whole run as one strip of virtual time with faults (F), healing (h),
// user actions (A) and DRPC phase changes (P) where they happened, a caret under the
// current position, and the clock.

import { formatClock } from '../../format-time.js';
import type { ReplayState } from '../state.js';
import { selectedApp } from '../state.js';
import { Rows } from './Rows.js';
import type { Row } from './segments.js';
import { seg } from './segments.js';

const LABEL = 'timeline ';

export function timelineRows(s: ReplayState, width: number): Row[] {
  const stripW = Math.max(10, width - LABEL.length - 1);
  const last = s.index.event(s.index.length - 1);
  const endMs = Math.max(1, last?.t ?? 0, s.clockMs);
  const col = (ms: number) => Math.min(stripW - 1, Math.max(0, Math.floor((ms / endMs) * (stripW - 1))));
  const cells: { ch: string; color?: string }[] = Array.from({ length: stripW }, () => ({ ch: '─', color: 'gray' }));
  const app = selectedApp(s);
  // Later kinds overwrite earlier ones in a shared cell: faults matter most, so they go last.
  for (const i of s.index.marks('phase', app)) cells[col(s.index.event(i)!.t)] = { ch: 'P', color: 'magenta' };
  // Scenario steps are too many to mark; the user's actions are what the strip shows.
  for (const i of s.index.userActions(app)) cells[col(s.index.event(i)!.t)] = { ch: 'A', color: 'cyan' };
  for (const i of s.index.marks('fault')) {
    const e = s.index.event(i)!;
    const heal = e.type === 'fault.heal' || /^(clusterUp|hubUp|heal|healAll|s3Restore|replicationResume)$/.test(String(e.fault));
    cells[col(e.t)] = heal ? { ch: 'h', color: 'green' } : { ch: 'F', color: 'red' };
  }
  const strip: Row = [seg(LABEL, { dim: true }), ...cells.map((c) => seg(c.ch, c.color ? { color: c.color } : {}))];
  const caretCol = col(s.clockMs);
  const caret: Row = [seg(' '.repeat(LABEL.length + caretCol)), seg('▲', { bold: true, color: 'white' })];
  const end = formatClock(endMs);
  const clock = `${formatClock(s.clockMs)} / ${end}`;
  const legend = 'F fault  h heal  A action  P phase';
  const pad = Math.max(1, width - LABEL.length - clock.length - legend.length - 1);
  const info: Row = [seg(' '.repeat(LABEL.length)), seg(clock, { bold: true }), seg(' '.repeat(pad)), seg(legend, { dim: true })];
  return [strip, caret, info];
}

export function Timeline({ state, width }: { state: ReplayState; width: number }) {
  return <Rows rows={timelineRows(state, width)} />;
}
