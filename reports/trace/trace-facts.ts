// What a trace says about the run that recorded it: the seed (TigerBeetle prints `SEED=` first, so a
// failure can always be replayed), the clusters, the steps, the faults, how long it ran, and the
// digest that pairs it with its result file.

import { createHash } from 'node:crypto';
import { canonicalJson } from '../../sim/trace/canonical-json.js';
import { formatSpan } from '../format-time.js';
import type { TraceEvent } from './read-trace.js';

export interface TraceFacts {
  seed?: number;
  clusters: string[];
  storage?: string;
  events: number;
  virtualDurationMs: number;
  faultKinds: string[];
  steps: { index: number; label: string; line?: number; ok?: boolean; message?: string; atMs: number }[];
  /** sha256 over each event's canonical JSON plus a newline: the recorder's own digest. */
  digest: string;
}

export function traceDigest(events: readonly TraceEvent[]): string {
  const h = createHash('sha256');
  for (const e of events) {
    h.update(canonicalJson(e));
    h.update('\n');
  }
  return h.digest('hex');
}

export function traceFacts(events: readonly TraceEvent[]): TraceFacts {
  const facts: TraceFacts = { clusters: [], events: events.length, virtualDurationMs: events.length ? events[events.length - 1]!.t : 0, faultKinds: [], steps: [], digest: traceDigest(events) };
  const kinds = new Set<string>();
  const steps = new Map<number, TraceFacts['steps'][number]>();
  for (const e of events) {
    if (e.type === 'world.created') {
      if (typeof e.seed === 'number') facts.seed = e.seed;
      if (Array.isArray(e.clusters)) facts.clusters = e.clusters.map(String);
      if (typeof e.storage === 'string') facts.storage = e.storage;
    } else if (e.type === 'fault.inject' && typeof e.fault === 'string') {
      kinds.add(e.fault);
    } else if (e.type === 'step.start' && typeof e.index === 'number') {
      steps.set(e.index, { index: e.index, label: String(e.label ?? ''), ...(typeof e.line === 'number' ? { line: e.line } : {}), atMs: e.t });
    } else if (e.type === 'step.end' && typeof e.index === 'number') {
      const st = steps.get(e.index) ?? { index: e.index, label: String(e.label ?? ''), atMs: e.t };
      st.ok = e.ok !== false;
      st.atMs = e.t;
      if (typeof e.message === 'string') st.message = e.message;
      steps.set(e.index, st);
    }
  }
  facts.faultKinds = [...kinds].sort();
  facts.steps = [...steps.values()].sort((a, b) => a.index - b.index);
  return facts;
}

/** The command that opens this trace again; quoted only when the path needs it. */
export function replayTraceCommand(path: string): string {
  return `drsim replay ${/^[\w./@:+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`}`;
}

/** `SEED=7 clusters=dr1,dr2 events=4458 virtual=31m00s digest=ab12…`, then the replay command. */
export function seedLine(facts: TraceFacts, source: string): string {
  const seed = facts.seed === undefined ? 'SEED=? (no world.created event)' : `SEED=${facts.seed}`;
  return `${seed} clusters=${facts.clusters.join(',') || '?'} events=${facts.events} virtual=${formatSpan(facts.virtualDurationMs)} digest=${facts.digest.slice(0, 12)}\n  replay: ${replayTraceCommand(source)}\n`;
}
