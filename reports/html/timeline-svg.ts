// One application's run drawn as an inline SVG: a virtual-time axis, the faults in effect as red
// bands (each in its own lane, and faintly across the whole picture so everything under a fault is
// visibly "during" it), the DRPC's phases as colored blocks, the user's actions as markers, each
// PVC's replication lag as a line, and a dashed RPO mark at each failover. Plain SVG with <title>
// tooltips; no script, so it shows in any browser and in a mail client.

import type { AppTimeline, RunTimeline } from '../app-timeline.js';
import { escapeHtml } from '../escape.js';
import { formatClock, formatSpan } from '../format-time.js';
import { FAULT_COLOR, phaseColor, phaseTextColor, RPO_COLOR, seriesColor } from './palette.js';
import { niceCeilMs, tickLabel, timeTicks } from './time-axis.js';

export interface TimelineSvgOptions {
  /** Width of the picture in px. Default 960. */
  widthPx?: number;
}

const LABEL_W = 150;
const RIGHT_PAD = 16;
const AXIS_H = 22;
const LANE_H = 16;
const PHASE_H = 26;
const ACTION_H = 22;
const LAG_H = 96;
const GAP = 8;
const CHAR_W = 6.4;

function n(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

function clipText(text: string, widthPx: number): string | undefined {
  const max = Math.floor((widthPx - 6) / CHAR_W);
  if (max < 3) return undefined;
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

/**
 * Greedy lane assignment so overlapping fault bands do not hide each other. A band too narrow for its
 * label carries the label beside it, so it reserves the label's width in its lane too.
 */
function lanesOf(bands: RunTimeline['faults'], endMs: number, msPerPx: number): number[] {
  const laneEnds: number[] = [];
  return bands.map((b) => {
    const to = b.toMs ?? endMs;
    const labelMs = (b.label.length * CHAR_W + 8) * msPerPx;
    let lane = laneEnds.findIndex((end) => end <= b.fromMs);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = Math.max(to, b.fromMs + labelMs);
    return lane;
  });
}

export function timelineSvg(app: AppTimeline, run: RunTimeline, options: TimelineSvgOptions = {}): string {
  const W = options.widthPx ?? 960;
  const endMs = Math.max(run.endMs, 1);
  const plotW = W - LABEL_W - RIGHT_PAD;
  const x = (ms: number): number => LABEL_W + (Math.min(Math.max(ms, 0), endMs) / endMs) * plotW;
  const lanes = lanesOf(run.faults, endMs, endMs / plotW);
  const laneCount = Math.max(1, ...lanes.map((l) => l + 1));
  const yFaults = AXIS_H;
  const yPhase = yFaults + laneCount * LANE_H + GAP;
  const yActions = yPhase + PHASE_H + GAP;
  const yLag = yActions + ACTION_H + GAP;
  const H = yLag + LAG_H + 20;
  const out: string[] = [];
  const title = `${app.label}: phases, faults, replication lag and RPO over ${formatSpan(endMs)} of virtual time`;
  out.push(`<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}" font-family="system-ui, sans-serif" font-size="11">`);
  out.push(`<title>${escapeHtml(title)}</title>`);

  // Faults first and faintly across everything, so what follows is drawn on top of them.
  run.faults.forEach((b) => {
    const x1 = x(b.fromMs);
    const x2 = Math.max(x(b.toMs ?? endMs), x1 + 2);
    out.push(`<rect class="fault-shade" x="${n(x1)}" y="${AXIS_H}" width="${n(x2 - x1)}" height="${H - AXIS_H - 20}" fill="${FAULT_COLOR}" fill-opacity="0.07"/>`);
  });

  // The axis and its grid.
  for (const t of timeTicks(endMs)) {
    const tx = x(t);
    out.push(`<line x1="${n(tx)}" y1="${AXIS_H - 4}" x2="${n(tx)}" y2="${H - 20}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${n(tx)}" y="${AXIS_H - 8}" text-anchor="middle" fill="#555">${tickLabel(t)}</text>`);
  }

  const rowLabel = (y: number, h: number, text: string): void => {
    out.push(`<text x="4" y="${n(y + h / 2 + 4)}" fill="#333" font-weight="600">${escapeHtml(text)}</text>`);
  };

  rowLabel(yFaults, laneCount * LANE_H, 'faults');
  if (run.faults.length === 0 && run.faultMarks.length === 0) out.push(`<text x="${LABEL_W + 4}" y="${yFaults + 12}" fill="#999">none</text>`);
  run.faults.forEach((b, i) => {
    const x1 = x(b.fromMs);
    const x2 = Math.max(x(b.toMs ?? endMs), x1 + 2);
    const y = yFaults + lanes[i]! * LANE_H + 1;
    const tip = `${b.label}: ${formatClock(b.fromMs)} to ${b.toMs === undefined ? 'the end' : formatClock(b.toMs)} (${formatSpan((b.toMs ?? endMs) - b.fromMs)})`;
    out.push(`<g class="fault"><title>${escapeHtml(tip)}</title><rect x="${n(x1)}" y="${y}" width="${n(x2 - x1)}" height="${LANE_H - 2}" rx="2" fill="${FAULT_COLOR}" fill-opacity="0.8"/>`);
    const fits = b.label.length * CHAR_W + 6 <= x2 - x1;
    if (fits) out.push(`<text x="${n(x1 + 3)}" y="${y + 11}" fill="#fff">${escapeHtml(b.label)}</text>`);
    else out.push(`<text x="${n(x2 + 3)}" y="${y + 11}" fill="${FAULT_COLOR}">${escapeHtml(b.label)}</text>`);
    out.push('</g>');
  });
  for (const m of run.faultMarks) {
    out.push(`<g class="fault-mark"><title>${escapeHtml(`${m.label} at ${formatClock(m.atMs)}`)}</title><line x1="${n(x(m.atMs))}" y1="${yFaults}" x2="${n(x(m.atMs))}" y2="${yFaults + laneCount * LANE_H}" stroke="${FAULT_COLOR}" stroke-width="2"/></g>`);
  }

  rowLabel(yPhase, PHASE_H, 'DRPC phase');
  if (app.phases.length === 0) out.push(`<text x="${LABEL_W + 4}" y="${yPhase + 17}" fill="#999">no DRPC status in the trace</text>`);
  for (const p of app.phases) {
    const x1 = x(p.fromMs);
    const x2 = Math.max(x(p.toMs), x1 + 1.5);
    const name = p.phase || '(none)';
    const tip = `${name}${p.progressions.length ? ` (${p.progressions.join(' → ')})` : ''}: ${formatClock(p.fromMs)} to ${formatClock(p.toMs)}`;
    out.push(`<g class="phase" data-phase="${escapeHtml(name)}"><title>${escapeHtml(tip)}</title><rect x="${n(x1)}" y="${yPhase}" width="${n(x2 - x1)}" height="${PHASE_H}" fill="${phaseColor(p.phase)}"/>`);
    const text = clipText(name, x2 - x1);
    if (text) out.push(`<text x="${n(x1 + 4)}" y="${yPhase + 17}" fill="${phaseTextColor(p.phase)}">${escapeHtml(text)}</text>`);
    out.push('</g>');
  }

  rowLabel(yActions, ACTION_H, 'actions');
  for (const a of app.actions) {
    const ax = x(a.atMs);
    // A label that would run past the right edge goes to the left of its marker instead.
    const leftward = ax + 7 + a.label.length * CHAR_W > W - 2;
    out.push(`<g class="action"><title>${escapeHtml(`${a.label} at ${formatClock(a.atMs)}`)}</title><path d="M${n(ax - 5)} ${yActions + 2} L${n(ax + 5)} ${yActions + 2} L${n(ax)} ${yActions + 10} Z" fill="#212121"/><text x="${n(leftward ? ax - 7 : ax + 7)}" y="${yActions + 11}" text-anchor="${leftward ? 'end' : 'start'}" fill="#212121">${escapeHtml(a.label)}</text></g>`);
  }

  // Replication lag: one line per PVC on a shared scale.
  rowLabel(yLag, LAG_H / 2, 'replication lag');
  const maxLag = niceCeilMs(Math.max(0, ...app.lag.flatMap((s) => s.points.map((p) => p.lagMs)), ...app.rpo.map((r) => r.rpoMs)));
  const yOf = (lag: number): number => yLag + LAG_H - (Math.min(lag, maxLag) / maxLag) * LAG_H;
  out.push(`<rect x="${LABEL_W}" y="${yLag}" width="${n(plotW)}" height="${LAG_H}" fill="none" stroke="#bdbdbd"/>`);
  for (const v of [0, maxLag / 2, maxLag]) out.push(`<text x="${LABEL_W - 8}" y="${n(yOf(v) + 4)}" text-anchor="end" fill="#777">${tickLabel(v)}</text>`);
  if (app.lag.length === 0) out.push(`<text x="${LABEL_W + 6}" y="${yLag + 16}" fill="#999">no replication events in the trace</text>`);
  app.lag.forEach((s, i) => {
    const pts = s.points.map((p) => `${n(x(p.atMs))},${n(yOf(p.lagMs))}`).join(' ');
    out.push(`<polyline class="lag" data-pvc="${escapeHtml(s.pvc)}" points="${pts}" fill="none" stroke="${seriesColor(i)}" stroke-width="1.5"><title>${escapeHtml(`replication lag of ${s.pvc}`)}</title></polyline>`);
  });

  // RPO marks last, on top: the number people came to see.
  for (const r of app.rpo) {
    const rx = x(r.atMs);
    const text = `RPO ${r.source === 'trace' ? '≈' : ''}${formatSpan(r.rpoMs)} · ${r.rpoWrites} write${r.rpoWrites === 1 ? '' : 's'}`;
    const anchorEnd = rx > LABEL_W + plotW * 0.7;
    out.push(`<g class="rpo"><title>${escapeHtml(`failover at ${formatClock(r.atMs)}: ${text}${r.source === 'trace' ? ' (estimated from the trace)' : ''}`)}</title>`);
    out.push(`<line x1="${n(rx)}" y1="${yPhase}" x2="${n(rx)}" y2="${yLag + LAG_H}" stroke="${RPO_COLOR}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${n(anchorEnd ? rx - 4 : rx + 4)}" y="${yLag + 12}" text-anchor="${anchorEnd ? 'end' : 'start'}" fill="${RPO_COLOR}" font-weight="700">${escapeHtml(text)}</text></g>`);
  }
  out.push(`<text x="${W - RIGHT_PAD}" y="${H - 4}" text-anchor="end" fill="#777">virtual time (${formatSpan(endMs)})</text>`);
  out.push('</svg>');
  return out.join('');
}
