// Benchmark (e): invariant checking of a 100,000-event trace. drsim's checkers run online: each trace
// event reaches every checker together with the object the write stored and the world as it is at that
// event (volume contents, the write ledger, stored objects), which a trace file does not carry. So the
// bench times the checking of a live run's trace, counting only the time spent inside the monitor (and
// its end-of-run verdicts), not the simulation that produced the events.

import { attachInvariants } from '../../scenarios/invariants/monitor.js';
import type { InvariantMonitor } from '../../scenarios/invariants/monitor.js';
import { buildEnvironment } from '../../sim/world/build-environment.js';
import { progress, round } from './measure.js';
import { drAction, worldDecl } from './worlds.js';

export interface InvariantFigures {
  status: 'online';
  traceEvents: number;
  checkers: number;
  /** Wall ms spent checking `traceEvents` events. */
  checkWallMs: number;
  /** Scaled to 100,000 events. */
  wallMsPer100k: number;
  eventsPerSecond: number;
  verdicts: Record<string, number>;
  target: { wallMsPer100k: number; met: boolean };
}

const TARGET_MS = 2000;

export async function runInvariants(options: { traceEvents: number; apps?: number; stepMs?: number }): Promise<InvariantFigures> {
  const env = await buildEnvironment({ seed: 1, decl: worldDecl(options.apps ?? 10) });
  let monitorMs = 0;
  const monitor: InvariantMonitor = attachInvariants(env);
  const flush = monitor.flush.bind(monitor);
  monitor.flush = () => {
    const t0 = performance.now();
    flush();
    monitorMs += performance.now() - t0;
  };
  // A day-like mix: protection, then a failover and a relocate of some apps, until the trace is long enough.
  const apps = env.world.decl.apps;
  let round_ = 0;
  while (env.world.trace.length < options.traceEvents) {
    const before = env.world.trace.length;
    await env.world.runFor(options.stepMs ?? 20 * 60_000);
    const victim = round_ % 2 === 0 ? 'dr1' : 'dr2';
    const other = victim === 'dr1' ? 'dr2' : 'dr1';
    const homed = apps.filter((a) => a.cluster === victim).slice(0, 2);
    if (round_ % 3 === 1) for (const a of homed) await drAction(env, a, 'Failover', other);
    if (round_ % 3 === 2) for (const a of homed) await drAction(env, a, 'Relocate', victim);
    round_++;
    progress(`invariants: trace at ${env.world.trace.length}/${options.traceEvents} events`);
    if (env.world.trace.length === before) break;
  }
  const t0 = performance.now();
  const results = monitor.finish({ converged: false });
  monitorMs += performance.now() - t0;
  const verdicts: Record<string, number> = {};
  for (const r of results) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
  const processed = monitor.processed;
  const per100k = (monitorMs * 100_000) / processed;
  return {
    status: 'online',
    traceEvents: processed,
    checkers: results.length,
    checkWallMs: round(monitorMs),
    wallMsPer100k: round(per100k),
    eventsPerSecond: Math.round((processed * 1000) / monitorMs),
    verdicts,
    target: { wallMsPer100k: TARGET_MS, met: per100k <= TARGET_MS },
  };
}
