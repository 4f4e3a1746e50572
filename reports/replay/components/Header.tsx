// The top line: what is being replayed, its seed, the virtual clock, the position in the trace,
// play state and speed, the app selected and the scenario step under way.

import { formatClock } from '../../format-time.js';
import type { ReplayState } from '../state.js';
import { selectedApp, SPEEDS } from '../state.js';
import type { WorldView } from '../world-view.js';
import { Rows } from './Rows.js';
import type { Row } from './segments.js';
import { clipRow, seg } from './segments.js';

export function headerRow(s: ReplayState, view: WorldView, width: number): Row {
  const play = s.live ? (s.playing ? seg('● live', { color: 'red', bold: true }) : seg('❚❚ paused (live)', { color: 'yellow', bold: true })) : s.playing ? seg('▶ playing', { color: 'green', bold: true }) : seg('❚❚ paused', { color: 'yellow', bold: true });
  const row: Row = [
    seg(s.live ? ' drsim live ' : ' drsim replay ', { bold: true, inverse: true }),
    seg(` ${s.index.source}`),
    seg(view.seed !== undefined ? `  SEED=${view.seed}` : '', { bold: true }),
    seg(`  ${formatClock(s.clockMs)}`, { bold: true, color: 'cyan' }),
    seg(`  event ${s.cursor}/${s.index.length}  `, { dim: true }),
    play,
    // A live view runs at the run's own pace; the replay speed means nothing there.
    seg(s.live ? '' : `  ${SPEEDS[s.speedIndex]}×`),
    seg(`  app: ${selectedApp(s) ?? 'all'}`),
  ];
  if (view.step) row.push(seg(`  step ${view.step.index + 1}: ${view.step.label}${view.step.ok === false ? ' FAILED' : ''}`, { dim: view.step.ok !== false, ...(view.step.ok === false ? { color: 'red' } : {}) }));
  return clipRow(row, width);
}

export function Header({ state, view, width }: { state: ReplayState; view: WorldView; width: number }) {
  return <Rows rows={[headerRow(state, view, width)]} />;
}
