// The hub: each DRPC with its phase and progression, the action asked for, how long the phase has
// lasted, and its conditions (Available, PeerReady, Protected). The selected app's DRPC is
// highlighted; with an app selected, only its DRPC is listed.

import { formatSpan } from '../../format-time.js';
import type { WorldView } from '../world-view.js';
import { Panel } from './Panel.js';
import type { Row } from './segments.js';
import { conditionRow, seg } from './segments.js';

const PHASE_COLORS: Record<string, string> = { Deployed: 'green', FailedOver: 'blue', Relocated: 'green', FailingOver: 'yellow', Relocating: 'magenta', Initiating: 'gray', WaitForUser: 'yellow', Deleting: 'red' };

export function hubRows(view: WorldView, nowMs: number, app: string | undefined): Row[] {
  const keys = Object.keys(view.drpcs)
    .sort()
    .filter((k) => app === undefined || view.drpcs[k]!.ns === app);
  if (keys.length === 0) return [[seg(view.applied === 0 ? '(start of trace)' : 'no DRPC yet', { dim: true })]];
  const rows: Row[] = [];
  for (const key of keys) {
    const d = view.drpcs[key]!;
    rows.push([seg(key, { bold: true, ...(app !== undefined ? { inverse: true } : {}) }), ...(d.exists ? [] : [seg(' (deleted)', { color: 'red' })])]);
    rows.push([
      seg('  '),
      seg(d.phase || '(no phase)', { bold: true, color: PHASE_COLORS[d.phase] ?? 'white' }),
      seg(d.progression ? ` / ${d.progression}` : ''),
      seg(`  ${formatSpan(Math.max(0, nowMs - d.phaseSinceMs))}`, { dim: true }),
    ]);
    if (d.action) rows.push([seg('  action ', { dim: true }), seg(d.action)]);
    if (d.fromStatus) rows.push(conditionRow(d.conditions));
    else rows.push([seg('  (no drpc.status: phase only)', { dim: true })]);
  }
  return rows;
}

export function HubPanel({ view, nowMs, app, width, height }: { view: WorldView; nowMs: number; app: string | undefined; width: number; height: number }) {
  return <Panel title="Hub · DRPCs" rows={hubRows(view, nowMs, app)} width={width} height={height} />;
}
