// Which trace belongs to which run. A run's result carries the digest of its trace, so a digest match
// is certain; when digests do not match (a trace cut short by Ctrl-C) a trace whose seed matches
// exactly one run is paired with it; a lone trace beside a lone result goes together. Traces that pair
// with nothing become runs of their own (made from the trace), so no input is silently dropped.

import type { ReportSet, TraceInput } from './report-set.js';
import { allRuns } from './report-set.js';
import type { RunResult } from './result-types.js';
import { runFromTrace } from './trace/run-from-trace.js';
import { traceFacts } from './trace/trace-facts.js';

export function pairTraces(runs: readonly RunResult[], traces: readonly TraceInput[]): Map<RunResult, TraceInput> {
  const pairs = new Map<RunResult, TraceInput>();
  const unpaired: TraceInput[] = [];
  const facts = new Map(traces.map((t) => [t, traceFacts(t.events)]));
  for (const t of traces) {
    const run = runs.find((r) => r.traceDigest === facts.get(t)!.digest && !pairs.has(r));
    if (run) pairs.set(run, t);
    else unpaired.push(t);
  }
  for (const t of unpaired) {
    const seed = facts.get(t)!.seed;
    const candidates = runs.filter((r) => r.seed === seed && !pairs.has(r));
    if (seed !== undefined && candidates.length === 1) pairs.set(candidates[0]!, t);
  }
  if (runs.length === 1 && traces.length === 1 && pairs.size === 0) pairs.set(runs[0]!, traces[0]!);
  return pairs;
}

/** The set with a run made from each trace that no result claims. */
export function withTraceRuns(set: ReportSet): ReportSet {
  const traces = set.traces ?? [];
  if (traces.length === 0) return set;
  const paired = new Set(pairTraces(allRuns(set), traces).values());
  const extra = traces.filter((t) => !paired.has(t)).map((t) => runFromTrace(t.events, t.source));
  return { ...set, runs: [...set.runs, ...extra] };
}
