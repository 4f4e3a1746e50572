// A RunResult made from a trace alone, for `drsim report` on a trace with no result file beside it.
// A trace holds the seed, the steps and their outcomes, the faults and the apps' phases, but not
// the invariant checkers' verdicts nor the write ledger: those fields come out empty or estimated,
// and the explanation says so rather than pretending the run was checked.

import { buildRunTimeline } from '../app-timeline.js';
import type { AppResult, RunResult } from '../result-types.js';
import { appNamespaceOf, drpcKeyOf } from './app-of-event.js';
import type { TraceEvent } from './read-trace.js';
import { replayTraceCommand, traceFacts } from './trace-facts.js';

function baseName(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file.replace(/\.(nd)?json(l)?$/i, '') || file;
}

export function runFromTrace(events: readonly TraceEvent[], source: string): RunResult {
  const facts = traceFacts(events);
  const timeline = buildRunTimeline(events);
  const drpcEnd = new Map<string, { phase: string; progression: string }>();
  const primaryOf = new Map<string, string>();
  for (const e of events) {
    const key = drpcKeyOf(e);
    if (key && (e.type === 'drpc.status' || e.type === 'hub.drpc.phase')) {
      drpcEnd.set(key, { phase: typeof e.phase === 'string' ? e.phase : '', progression: typeof e.progression === 'string' ? e.progression : (drpcEnd.get(key)?.progression ?? '') });
    }
    const ns = appNamespaceOf(e);
    if (e.type === 'vrg.status' && ns && e.state === 'Primary' && typeof e.cluster === 'string') primaryOf.set(ns, e.cluster);
  }
  const apps: AppResult[] = timeline.apps.map((t) => {
    const end = drpcEnd.get(t.label);
    return {
      name: t.label,
      phase: end?.phase ?? '',
      progression: end?.progression ?? '',
      primary: primaryOf.get(t.ns) ?? '',
      ackedWrites: t.writes,
      lostWrites: 0,
      failovers: t.rpo.map((r) => ({ atMs: r.atMs, rpoMs: r.rpoMs, rpoWrites: r.rpoWrites, divergenceMs: 0, divergenceWrites: 0 })),
    };
  });
  const steps = facts.steps.map((s) => ({ label: s.label, line: s.line ?? 0, ok: s.ok !== false, atMs: s.atMs, ...(s.message !== undefined ? { message: s.message } : {}) }));
  return {
    scenario: baseName(source),
    seed: facts.seed ?? 0,
    backend: 'sim',
    passed: steps.every((s) => s.ok),
    invariants: [],
    apps,
    ...(steps.length ? { steps } : {}),
    virtualDurationMs: facts.virtualDurationMs,
    wallMs: 0,
    traceDigest: facts.digest,
    replayCommand: replayTraceCommand(source),
    faultKinds: facts.faultKinds,
  };
}
