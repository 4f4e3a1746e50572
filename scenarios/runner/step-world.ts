// The world a scenario's steps act on, as the step runner (run-scenario.ts) sees it, so one runner
// drives every backend: the simulator's world is adapted here, the real servers' in
// real-time-world.ts. Only `waitFor` and `expect` differ in kind: the simulator evaluates a target
// between two events of virtual time, a real backend polls.

import type { ClusterClient } from '../../engine/runtime/client.js';
import type { TraceFields } from '../../engine/runtime/trace-sink.js';
import type { SimEnvironment } from '../../sim/world/environment.js';
import type { FaultDecl, Target } from '../format/scenario-types.js';
import type { TargetVerdict } from './target.js';
import { evaluateTarget } from './target.js';

export interface StepWorld {
  /** Lets time pass: virtual time in the simulator, a real wait on real servers. */
  advance(ms: number): Promise<void>;
  /** Waits until the target holds or the timeout passes; answers whether it was reached. */
  waitFor(target: Target, timeoutMs: number): Promise<boolean>;
  /**
   * The target's verdict now. Synchronous where the world can answer at once: an extra await would
   * let the simulator's pending continuations interleave differently with the steps' trace events.
   */
  evaluate(target: Target): TargetVerdict | Promise<TargetVerdict>;
  /** A user's client of a cluster, as kubectl would be. */
  client(cluster: string): ClusterClient;
  inject(fault: FaultDecl): Promise<void>;
  emit(event: TraceFields): void;
  /** Milliseconds since the world began, in the world's own time. */
  elapsedMs(): number;
}

export function simStepWorld(env: SimEnvironment): StepWorld {
  const w = env.world;
  return {
    advance: (ms) => w.runFor(ms),
    waitFor: (target, timeoutMs) => w.runUntil(() => evaluateTarget(env, target).ok, timeoutMs),
    evaluate: (target) => evaluateTarget(env, target),
    client: (cluster) => w.client(cluster, 'user'),
    inject: (fault) => env.faults.inject(fault),
    emit: (event) => w.trace.emit(event),
    elapsedMs: () => w.elapsedMs(),
  };
}
