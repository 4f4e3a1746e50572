// Per-application timelines of one run, built from its trace in a single pass: the DRPC's phases
// over virtual time, the faults in effect (as bands), the user's actions, each PVC's replication
// lag (the age of the newest write its peer copy holds), and RPO marks at failovers. The HTML report
// draws these; nothing here knows about pixels.

import type { AppResult, RunResult } from './result-types.js';
import { appNamespaceOf, drpcKeyOf } from './trace/app-of-event.js';
import { FaultBands } from './trace/fault-subject.js';
import type { FaultBand } from './trace/fault-subject.js';
import type { TraceEvent } from './trace/read-trace.js';
import { heldThrough, WriteLog } from './trace/write-log.js';

export interface PhaseSpan {
  fromMs: number;
  toMs: number;
  phase: string;
  /** Progressions seen during the span, in order, without repeats. */
  progressions: string[];
}

export interface LagSeries {
  pvc: string;
  /** Lag in ms at points in time; straight lines join them (lag grows one ms per ms between syncs). */
  points: { atMs: number; lagMs: number }[];
}

export interface RpoMark {
  atMs: number;
  rpoMs: number;
  rpoWrites: number;
  /** `result` when the run's own measurement; `trace` when estimated from syncs in the trace. */
  source: 'result' | 'trace';
}

export interface AppTimeline {
  /** The app's namespace, which groups its DRPC, VRGs and PVCs. */
  ns: string;
  /** The DRPC's `ns/name`, or the workload's when there is no DRPC. */
  label: string;
  phases: PhaseSpan[];
  actions: { atMs: number; label: string }[];
  lag: LagSeries[];
  rpo: RpoMark[];
  writes: number;
}

export interface RunTimeline {
  endMs: number;
  faults: FaultBand[];
  faultMarks: { atMs: number; label: string }[];
  apps: AppTimeline[];
}

interface Building {
  ns: string;
  drpc?: string;
  workload?: string;
  phaseChanges: { atMs: number; phase: string; progression: string }[];
  actions: { atMs: number; label: string; failover: boolean; seq: number }[];
  pvcs: Set<string>;
  lag: Map<string, { atMs: number; lagMs: number }[]>;
  held: Map<string, number>;
  rpo: RpoMark[];
  writes: number;
}

function spansOf(changes: Building['phaseChanges'], endMs: number): PhaseSpan[] {
  const spans: PhaseSpan[] = [];
  for (const c of changes) {
    const last = spans[spans.length - 1];
    if (last && last.phase === c.phase) {
      if (c.progression && last.progressions[last.progressions.length - 1] !== c.progression) last.progressions.push(c.progression);
      continue;
    }
    if (last) last.toMs = c.atMs;
    spans.push({ fromMs: c.atMs, toMs: endMs, phase: c.phase, progressions: c.progression ? [c.progression] : [] });
  }
  // A phase that lasted no virtual time still happened; keep it, drawn at least a hairline wide.
  return spans;
}

/** Whether a result's app name refers to the timeline's app (`ns/name`, the name, or the namespace). */
export function sameApp(resultName: string, t: Pick<AppTimeline, 'ns' | 'label'>): boolean {
  if (resultName === t.label || resultName === t.ns) return true;
  const name = t.label.slice(t.label.indexOf('/') + 1);
  return resultName === name;
}

export function buildRunTimeline(events: readonly TraceEvent[], result?: RunResult): RunTimeline {
  const endMs = Math.max(events.length ? events[events.length - 1]!.t : 0, result?.virtualDurationMs ?? 0);
  const faults = new FaultBands();
  const log = new WriteLog();
  const apps = new Map<string, Building>();
  const app = (ns: string): Building => {
    let b = apps.get(ns);
    if (!b) apps.set(ns, (b = { ns, phaseChanges: [], actions: [], pvcs: new Set(), lag: new Map(), held: new Map(), rpo: [], writes: 0 }));
    return b;
  };
  let sawDrpcStatus = false;
  for (const e of events) {
    faults.add(e);
    log.add(e);
    const ns = appNamespaceOf(e);
    if (e.type === 'drpc.status' && ns) {
      sawDrpcStatus = true;
      const b = app(ns);
      b.drpc = drpcKeyOf(e);
      b.phaseChanges.push({ atMs: e.t, phase: typeof e.phase === 'string' ? e.phase : '', progression: typeof e.progression === 'string' ? e.progression : '' });
    } else if (e.type === 'hub.drpc.phase' && ns && !sawDrpcStatus) {
      // The hub's own phase event, used only when the trace has no drpc.status events.
      const b = app(ns);
      b.drpc = drpcKeyOf(e);
      b.phaseChanges.push({ atMs: e.t, phase: typeof e.phase === 'string' ? e.phase : '', progression: '' });
    } else if (e.type === 'user.action' && ns) {
      const b = app(ns);
      b.drpc ??= drpcKeyOf(e);
      b.actions.push({ atMs: e.t, label: `${String(e.action)}${e.to ? ` to ${String(e.to)}` : ''}`, failover: String(e.action).toLowerCase() === 'failover', seq: e.seq });
    } else if (e.type === 'app.write' && ns) {
      const b = app(ns);
      b.workload ??= typeof e.app === 'string' ? e.app : undefined;
      b.writes++;
      if (typeof e.pvc === 'string' && !b.pvcs.has(e.pvc)) {
        b.pvcs.add(e.pvc);
        b.lag.set(e.pvc, [{ atMs: e.t, lagMs: 0 }]);
        b.held.set(e.pvc, e.t);
      }
    } else {
      const h = heldThrough(e, log);
      const owner = h ? apps.get(h.pvc.slice(0, h.pvc.indexOf('/'))) : undefined;
      if (h && owner) {
        const series = owner.lag.get(h.pvc) ?? [];
        const prevHeld = owner.held.get(h.pvc);
        if (prevHeld !== undefined) series.push({ atMs: e.t, lagMs: e.t - prevHeld });
        series.push({ atMs: e.t, lagMs: e.t - h.heldThroughMs });
        owner.lag.set(h.pvc, series);
        owner.held.set(h.pvc, Math.max(prevHeld ?? -Infinity, h.heldThroughMs));
        owner.pvcs.add(h.pvc);
      }
    }
    // RPO estimates are taken at the failover action, from what the peers held at that moment.
    if (e.type === 'user.action' && ns && String(e.action).toLowerCase() === 'failover') {
      const b = app(ns);
      let rpoMs = 0;
      let rpoWrites = 0;
      for (const pvc of b.pvcs) {
        const held = b.held.get(pvc) ?? log.firstWriteTime(pvc) ?? e.t;
        const lastWrite = log.lastWriteTime(pvc, e.seq) ?? held;
        rpoMs = Math.max(rpoMs, lastWrite - held);
        rpoWrites += log.countAfter(pvc, held, e.seq);
      }
      b.rpo.push({ atMs: e.t, rpoMs: Math.max(0, rpoMs), rpoWrites, source: 'trace' });
    }
  }
  const out: AppTimeline[] = [];
  for (const b of [...apps.values()].sort((x, y) => (x.ns < y.ns ? -1 : x.ns > y.ns ? 1 : 0))) {
    const lag: LagSeries[] = [];
    for (const pvc of [...b.pvcs].sort()) {
      const points = [...(b.lag.get(pvc) ?? [])];
      const held = b.held.get(pvc);
      if (held !== undefined) points.push({ atMs: endMs, lagMs: endMs - held });
      lag.push({ pvc, points });
    }
    const timeline: AppTimeline = {
      ns: b.ns,
      label: b.drpc ?? b.workload ?? b.ns,
      phases: spansOf(b.phaseChanges, endMs),
      actions: b.actions.map((a) => ({ atMs: a.atMs, label: a.label })),
      lag,
      rpo: b.rpo,
      writes: b.writes,
    };
    const measured: AppResult | undefined = result?.apps.find((a) => sameApp(a.name, timeline));
    // The run's own measurement, from the write ledger, beats the trace estimate.
    if (measured && measured.failovers.length) timeline.rpo = measured.failovers.map((f) => ({ atMs: f.atMs, rpoMs: f.rpoMs, rpoWrites: f.rpoWrites, source: 'result' as const }));
    out.push(timeline);
  }
  // Apps known only from the result (a trace without their events) still get a row.
  for (const a of result?.apps ?? []) {
    if (out.some((t) => sameApp(a.name, t))) continue;
    out.push({ ns: a.name, label: a.name, phases: [], actions: [], lag: [], rpo: a.failovers.map((f) => ({ atMs: f.atMs, rpoMs: f.rpoMs, rpoWrites: f.rpoWrites, source: 'result' as const })), writes: a.ackedWrites });
  }
  return { endMs, faults: faults.bands, faultMarks: faults.marks.map((m) => ({ atMs: m.atMs, label: m.label })), apps: out };
}
