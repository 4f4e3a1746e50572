// The keys, always on screen; while a filter is typed, how to finish it. The last key's notice ("no
// later fault") shows at the right.

import type { ReplayState } from '../state.js';
import { Rows } from './Rows.js';
import type { Row } from './segments.js';
import { clipRow, seg } from './segments.js';

export const HELP_KEYS: [string, string][] = [
  ['space', 'play/pause'],
  ['←/→', 'step'],
  ['f/F', 'fault'],
  ['p/P', 'phase'],
  ['a/A', 'action'],
  ['+/-', 'speed'],
  ['tab', 'app'],
  ['/', 'filter'],
  ['v', 'verbose'],
  ['g/G', 'start/end'],
  ['q', 'quit'],
];

export function helpRow(s: ReplayState, width: number): Row {
  if (s.filterDraft !== undefined) return clipRow([seg(' filter: ', { bold: true }), seg(`${s.filterDraft}█`, { color: 'cyan' }), seg('   enter apply · esc cancel · empty shows all', { dim: true })], width);
  const row: Row = [];
  for (const [k, what] of HELP_KEYS) row.push(seg(` ${k}`, { bold: true, color: 'cyan' }), seg(` ${what}`, { dim: true }));
  if (s.notice) row.push(seg(`   ${s.notice}`, { color: 'yellow' }));
  return clipRow(row, width);
}

export function HelpLine({ state, width }: { state: ReplayState; width: number }) {
  return <Rows rows={[helpRow(state, width)]} />;
}
