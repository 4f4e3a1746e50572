// The second phase of every chaos run (TigerBeetle's "liveness mode"): end every fault, then give
// the operators a bounded stretch of virtual time to bring every app back to rest. It stops early,
// at a whole poll interval, once every app has converged or is waiting for a user as the specs allow
// and still has after a little more time (so that late effects, cleanup and S3 deletions, show).

import type { BuiltEnvironment } from '../../sim/world/build-environment.js';
import type { RunEnd } from '../invariants/checker.js';
import { appConvergence } from '../invariants/liveness/convergence-state.js';
import type { ObservedWorld } from '../invariants/observed-world.js';
import type { TraceEvent } from '../../sim/trace/recorder.js';

export interface ConvergeOptions {
  /** Most virtual time the converge phase may take. Default 45 minutes, extended to 10 minutes past a pending OCM work eviction. */
  timeoutMs?: number;
  /** How often convergence is polled. Default 1 minute. */
  pollMs?: number;
  /** Extra time after everything settled. Default 2 minutes. */
  settleMs?: number;
}

export const CONVERGE_TIMEOUT_MS_DEFAULT = 45 * 60_000;

/** Time given past the end of an OCM work eviction's grace period for the operators to finish. */
export const EVICTION_SLACK_MS = 10 * 60_000;

/**
 * When the last OCM work eviction seen so far ends (virtual ms), or 0. A work that vanished from the
 * hub (restored from backup) keeps its app on the cluster until the work agent's grace period ends, so
 * the converge bound must reach past it (sim/ocm/work-agent.ts).
 */
function evictionEnd(e: TraceEvent, endMs: number): number {
  return e.type === 'ocm.work.eviction.start' ? Math.max(endMs, e.t + Number(e.graceMs)) : endMs;
}

/** Every protected app has converged, is waiting for a user, or is gone. */
export function settled(w: ObservedWorld): boolean {
  return w.decl.apps.every((a) => a.protection !== 'drpc' || appConvergence(w, a).status !== 'pending');
}

/** Advances time until everything settled (plus the settle time) or the timeout; returns the time spent. */
export async function convergeLoop(env: BuiltEnvironment, observed: ObservedWorld, options: ConvergeOptions = {}): Promise<number> {
  const pollMs = options.pollMs ?? 60_000;
  const settleMs = options.settleMs ?? 2 * 60_000;
  const startMs = env.world.elapsedMs();
  let evictionEndMs = env.world.trace.all().reduce((end, e) => evictionEnd(e, end), 0);
  const unsubscribe = env.world.trace.subscribe((e) => {
    evictionEndMs = evictionEnd(e, evictionEndMs);
  });
  const timeoutMs = (): number => Math.max(options.timeoutMs ?? CONVERGE_TIMEOUT_MS_DEFAULT, evictionEndMs > 0 ? evictionEndMs + EVICTION_SLACK_MS - startMs : 0);
  let spentMs = 0;
  try {
    spentMs = await pollUntilSettled(env, observed, { pollMs, settleMs, timeoutMs });
  } finally {
    unsubscribe();
  }
  return spentMs;
}

async function pollUntilSettled(env: BuiltEnvironment, observed: ObservedWorld, o: { pollMs: number; settleMs: number; timeoutMs: () => number }): Promise<number> {
  const { pollMs, settleMs } = o;
  let spentMs = 0;
  while (spentMs < o.timeoutMs()) {
    const step = Math.min(pollMs, o.timeoutMs() - spentMs);
    await env.world.runFor(step);
    spentMs += step;
    if (!settled(observed)) continue;
    await env.world.runFor(settleMs);
    spentMs += settleMs;
    // A wait can be a passing state (a message left by an earlier pass, a fence still being applied):
    // only one that outlasts the settle time ends the phase.
    if (settled(observed)) break;
  }
  return spentMs;
}

/** Heals every fault in effect, then converges: for scenarios run with `converge`. */
export async function healAndConverge(env: BuiltEnvironment, observed: ObservedWorld, options: ConvergeOptions = {}): Promise<RunEnd> {
  const convergeStartMs = env.world.elapsedMs();
  await env.faults.healAll();
  await convergeLoop(env, observed, options);
  return { converged: true, convergeStartMs };
}
