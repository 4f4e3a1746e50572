// One managed cluster: whether it is up, its VRGs (state and conditions), its PVCs (writes and the
// replication lag of their peer copy), and whether each app's workload runs there.

import { formatSpan } from '../../format-time.js';
import { appRunningOn } from '../world-view.js';
import type { WorldView } from '../world-view.js';
import { Panel } from './Panel.js';
import type { Row } from './segments.js';
import { conditionRow, seg } from './segments.js';

const STATE_COLORS: Record<string, string> = { Primary: 'green', Secondary: 'blue', Unknown: 'yellow' };

/** The cluster whose app wrote a PVC most recently: the side the peer copy lags behind. */
function writerOf(view: WorldView, pvcKey: string): string | undefined {
  let best: { cluster: string; at: number } | undefined;
  for (const p of Object.values(view.pvcs)) {
    if (`${p.ns}/${p.name}` !== pvcKey || p.lastWriteMs === undefined) continue;
    if (!best || p.lastWriteMs > best.at) best = { cluster: p.cluster, at: p.lastWriteMs };
  }
  return best?.cluster;
}

export function clusterRows(view: WorldView, name: string, nowMs: number, app: string | undefined): Row[] {
  const c = view.clusters[name];
  const rows: Row[] = [];
  if (!c) return [[seg('not in the trace yet', { dim: true })]];
  const mine = (ns: string) => app === undefined || ns === app;
  const vrgs = Object.values(view.vrgs).filter((v) => v.cluster === name && v.exists && mine(v.ns));
  vrgs.sort((a, b) => (a.ns + a.name < b.ns + b.name ? -1 : 1));
  for (const v of vrgs) {
    rows.push([seg('VRG ', { dim: true }), seg(`${v.ns}/${v.name} `), seg(v.state || '(no state)', { bold: true, color: STATE_COLORS[v.state] ?? 'white' }), seg(v.replicationState && v.replicationState.toLowerCase() !== v.state.toLowerCase() ? ` (spec ${v.replicationState})` : '', { dim: true })]);
    if (Object.keys(v.conditions).length) rows.push(conditionRow(v.conditions));
  }
  const pvcs = Object.values(view.pvcs).filter((p) => p.cluster === name && mine(p.ns));
  pvcs.sort((a, b) => (a.ns + a.name < b.ns + b.name ? -1 : 1));
  for (const p of pvcs) {
    const key = `${p.ns}/${p.name}`;
    const r = view.replicas[key];
    const row: Row = [seg('PVC ', { dim: true }), seg(`${key} `), seg(`${p.writes}w`, { dim: true })];
    if (r && writerOf(view, key) === name) {
      const lag = Math.max(0, nowMs - r.heldThroughMs);
      row.push(seg('  '), seg(`lag ${formatSpan(lag)}`, { bold: true, color: lag > 600_000 ? 'red' : lag > 120_000 ? 'yellow' : 'green' }));
      if (r.unsyncedWrites) row.push(seg(` (${r.unsyncedWrites} unsynced)`, { dim: true }));
    }
    rows.push(row);
  }
  const apps = new Set([...vrgs.map((v) => v.ns), ...pvcs.map((p) => p.ns), ...Object.keys(c.pods).map((k) => k.slice(0, k.indexOf('/')))]);
  for (const ns of [...apps].sort()) {
    if (!mine(ns)) continue;
    const here = appRunningOn(view, ns).filter((r) => r.cluster === name);
    if (here.length && here.every((r) => r.up)) rows.push([seg('app ', { dim: true }), seg(`${ns} `), seg('running', { color: 'green', bold: true }), seg(` on ${here.map((r) => r.node).join(', ')}`, { dim: true })]);
    else if (here.length) rows.push([seg('app ', { dim: true }), seg(`${ns} `), seg('unreachable', { color: 'red', bold: true }), seg(' (cluster down)', { dim: true })]);
    else rows.push([seg('app ', { dim: true }), seg(`${ns} `), seg('not running', { dim: true })]);
  }
  if (rows.length === 0) rows.push([seg('nothing protected here', { dim: true })]);
  return rows;
}

export function clusterTitle(view: WorldView, name: string): { title: string; color: string } {
  const c = view.clusters[name];
  if (!c) return { title: name, color: 'gray' };
  if (!c.up) return { title: `${name} ✗ down`, color: 'red' };
  if (!c.apiUp) return { title: `${name} ✗ API down`, color: 'red' };
  return { title: `${name} ● up`, color: 'green' };
}

export function ClusterPanel({ view, name, nowMs, app, width, height }: { view: WorldView; name: string; nowMs: number; app: string | undefined; width: number; height: number }) {
  const t = clusterTitle(view, name);
  return <Panel title={t.title} titleColor={t.color} rows={clusterRows(view, name, nowMs, app)} width={width} height={height} />;
}
