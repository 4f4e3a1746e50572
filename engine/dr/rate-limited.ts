// Ramen's per-controller rate limiters, applied inside the reconciler: a requeue (or an error) comes
// back after an exponential per-key delay (VRG: 1 s doubling to 1 min; DRClusterConfig: 1 s to 5 min),
// and any other outcome resets the key, as controller-runtime's ItemExponentialFailureRateLimiter.

import type { Reconciler, Request, Result } from '../runtime/reconcile.js';
import type { TraceSink } from '../runtime/trace-sink.js';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const VRG_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 60_000 };
export const DRCLUSTERCONFIG_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 300_000 };

export function rateLimited(inner: Reconciler, backoff: BackoffOptions, trace: TraceSink, name: string): Reconciler {
  const failures = new Map<string, number>();
  const delayFor = (key: string): number => {
    const n = failures.get(key) ?? 0;
    failures.set(key, n + 1);
    return Math.min(backoff.baseMs * 2 ** n, backoff.maxMs);
  };
  return {
    async reconcile(request: Request): Promise<Result> {
      const key = `${request.namespace ?? ''}/${request.name}`;
      let result: Result;
      try {
        result = await inner.reconcile(request);
      } catch (err) {
        trace.emit({ type: 'dr.reconcile.error', controller: name, key, error: err instanceof Error ? err.message : String(err) });
        return { requeueAfterMs: delayFor(key) };
      }
      // Requeue wins over a delay, as Ramen resets RequeueAfter when Requeue is set.
      if (result.requeue) return { requeueAfterMs: delayFor(key) };
      failures.delete(key);
      return result.requeueAfterMs !== undefined ? { requeueAfterMs: result.requeueAfterMs } : {};
    },
  };
}
