// Which fault an event starts or ends. A `fault.inject` carries the fault's type and a one-line
// description (sim/faults `describeFault`); reports draw faults as bands from start to end, so they
// pair `clusterDown dr1` with the later `clusterUp dr1`, a cut with its heal, and so on. Structured
// fields (`cluster`, `from`, `to`, `endpoint`, `operator`), when an event has them, win over parsing
// the description.

import type { TraceEvent } from './read-trace.js';

export type FaultEdge =
  /** Starts a fault that lasts until a matching `close` (same subject). */
  | { edge: 'open'; subject: string; label: string; kind: string }
  | { edge: 'close'; subject: string; kind: string }
  /** Ends every open fault whose subject starts with the prefix (`healAll` ends all cuts). */
  | { edge: 'closeAll'; prefix: string; kind: string }
  /** A fault with no duration of its own (an unknown kind): drawn as a mark. */
  | { edge: 'instant'; label: string; kind: string };

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The last word of `clusterDown dr1`, the cluster the default description names. */
function lastWord(detail: string): string {
  const words = detail.trim().split(/\s+/);
  return words[words.length - 1] ?? '';
}

function linkOf(e: TraceEvent, detail: string): [string, string] {
  const from = str(e.from);
  const to = str(e.to);
  if (from && to) return [from, to];
  const m = /^(\S+)\s+(?:<->|->)\s+(\S+)/.exec(detail);
  return m ? [m[1]!, m[2]!] : [detail, ''];
}

export function linkSubject(a: string, b: string): string {
  return `cut:${[a, b].sort().join('|')}`;
}

export function faultEdge(e: TraceEvent): FaultEdge | undefined {
  if (e.type !== 'fault.inject' && e.type !== 'fault.heal') return undefined;
  const kind = str(e.fault) ?? 'fault';
  const detail = str(e.detail) ?? kind;
  if (e.type === 'fault.heal') {
    const op = str(e.operator) ?? detail.split(/\s+/)[0] ?? '';
    return kind === 'controllerCrash' ? { edge: 'close', subject: `crash:${op}`, kind } : { edge: 'close', subject: `${kind}:${detail}`, kind };
  }
  const cluster = str(e.cluster) ?? lastWord(detail);
  switch (kind) {
    case 'clusterDown':
      return { edge: 'open', subject: `down:${cluster}`, label: `${cluster} down`, kind };
    case 'clusterDestroy':
      return { edge: 'open', subject: `down:${cluster}`, label: `${cluster} destroyed`, kind };
    case 'clusterUp':
      return { edge: 'close', subject: `down:${cluster}`, kind };
    case 'hubDown':
      return { edge: 'open', subject: 'down:hub', label: 'hub down', kind };
    case 'hubUp':
    case 'hubRestore':
      return { edge: 'close', subject: 'down:hub', kind };
    case 'partition': {
      const [a, b] = linkOf(e, detail);
      return { edge: 'open', subject: linkSubject(a, b), label: `${a} ${e.oneWay ? '->' : '<->'} ${b} cut`, kind };
    }
    case 'heal': {
      const [a, b] = linkOf(e, detail);
      return { edge: 'close', subject: linkSubject(a, b), kind };
    }
    case 'healAll':
      return { edge: 'closeAll', prefix: 'cut:', kind };
    case 's3Outage': {
      const ep = str(e.endpoint) ?? lastWord(detail);
      return { edge: 'open', subject: `s3:${ep}`, label: `S3 ${ep} out`, kind };
    }
    case 's3Restore':
      return { edge: 'close', subject: `s3:${str(e.endpoint) ?? lastWord(detail)}`, kind };
    case 'replicationStall':
      return { edge: 'open', subject: `stall:${cluster}`, label: `replication stalled on ${cluster}`, kind };
    case 'replicationResume':
      return { edge: 'close', subject: `stall:${cluster}`, kind };
    case 'controllerCrash': {
      const op = str(e.operator) ?? detail.split(/\s+/)[0] ?? '';
      return { edge: 'open', subject: `crash:${op}`, label: detail, kind };
    }
    case 'clockSkew': {
      const c = str(e.cluster) ?? detail.split(/\s+/)[0] ?? '';
      return /[+-]0s$/.test(detail) || e.offsetMs === 0 ? { edge: 'close', subject: `skew:${c}`, kind } : { edge: 'open', subject: `skew:${c}`, label: detail, kind };
    }
    default:
      return { edge: 'instant', label: detail, kind };
  }
}

export interface FaultBand {
  fromMs: number;
  /** Undefined while the fault is still in effect at the end of the trace. */
  toMs?: number;
  label: string;
  kind: string;
  /** Sequence number of the opening event. */
  seq: number;
}

/** Folds fault edges into bands; an `open` of a subject already open is ignored (it is still in effect). */
export class FaultBands {
  readonly bands: FaultBand[] = [];
  readonly marks: { atMs: number; label: string; kind: string; seq: number }[] = [];
  private readonly open = new Map<string, FaultBand>();

  add(e: TraceEvent): void {
    const edge = faultEdge(e);
    if (!edge) return;
    switch (edge.edge) {
      case 'open': {
        if (this.open.has(edge.subject)) return;
        const band: FaultBand = { fromMs: e.t, label: edge.label, kind: edge.kind, seq: e.seq };
        this.open.set(edge.subject, band);
        this.bands.push(band);
        return;
      }
      case 'close': {
        const band = this.open.get(edge.subject);
        if (band) {
          band.toMs = e.t;
          this.open.delete(edge.subject);
        }
        return;
      }
      case 'closeAll':
        for (const [subject, band] of [...this.open]) {
          if (!subject.startsWith(edge.prefix)) continue;
          band.toMs = e.t;
          this.open.delete(subject);
        }
        return;
      case 'instant':
        this.marks.push({ atMs: e.t, label: edge.label, kind: edge.kind, seq: e.seq });
        return;
    }
  }

  /** Labels of the faults in effect now, in the order they began. */
  active(): string[] {
    return [...this.open.values()].map((b) => b.label);
  }
}
