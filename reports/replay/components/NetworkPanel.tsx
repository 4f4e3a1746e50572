// The network and the faults in effect: links cut (one way or both), nodes down, and every injected
// fault that has not been healed yet, with how long it has lasted.

import { formatSpan } from '../../format-time.js';
import type { WorldView } from '../world-view.js';
import { Panel } from './Panel.js';
import type { Row } from './segments.js';
import { seg } from './segments.js';

export function networkRows(view: WorldView, nowMs: number): Row[] {
  const rows: Row[] = [];
  for (const name of view.clusterOrder) if (!view.clusters[name]!.up) rows.push([seg(`${name} down`, { color: 'red', bold: true })]);
  if (view.otherNodesDown.hub) rows.push([seg('hub down', { color: 'red', bold: true })]);
  for (const k of Object.keys(view.cuts).sort()) {
    const c = view.cuts[k]!;
    rows.push([seg(`${c.from} ${c.oneWay ? '-x->' : '<-x->'} ${c.to}`, { color: 'red' }), seg(' cut', { dim: true })]);
  }
  const faults = Object.values(view.faults);
  if (faults.length) {
    rows.push([seg('faults in effect:', { dim: true })]);
    for (const f of faults) rows.push([seg(`  ${f.label}`, { color: 'yellow' }), seg(` for ${formatSpan(Math.max(0, nowMs - f.sinceMs))}`, { dim: true })]);
  }
  return rows.length ? rows : [[seg('all links up, no faults', { color: 'green' })]];
}

export function NetworkPanel({ view, nowMs, width, height }: { view: WorldView; nowMs: number; width: number; height: number }) {
  return <Panel title="Network · faults" rows={networkRows(view, nowMs)} width={width} height={height} />;
}
