// Attaches the invariant checkers to a built environment for the whole run. The trace's listeners
// run inside the write that emitted the event, before the API server has stored the written object,
// so the monitor hands events to checkers a microtask later, in order, with the object each write
// stored (the API server replaces stored objects on every write, so a reference is a snapshot). The
// simulator drains microtasks before its next event, so nothing else happens in between; should an
// object have changed again anyway, the monitor counts it as skew rather than guessing.

import type { KubeObject } from '../../engine/api/meta.js';
import type { InvariantResult } from '../../reports/result-types.js';
import type { TraceEvent } from '../../sim/trace/recorder.js';
import type { BuiltEnvironment } from '../../sim/world/build-environment.js';
import type { Checker, CheckerReport, Observed, RunEnd } from './checker.js';
import { toInvariantResult } from './checker.js';
import { allCheckers } from './catalog.js';
import { FOLLOWED_KINDS } from './kinds.js';
import { ObservedWorld } from './observed-world.js';

/** A checker threw: a bug in drsim's harness, not in the operators. */
export class CheckerCrash extends Error {
  constructor(
    readonly checker: string,
    cause: unknown,
  ) {
    super(`invariant checker ${checker} crashed: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
    this.name = 'CheckerCrash';
  }
}

export interface MonitorOptions {
  /** Default: every checker in the catalog. */
  checkers?: Checker[];
}

export class InvariantMonitor {
  readonly observed: ObservedWorld;
  readonly checkers: readonly Checker[];
  private pending: TraceEvent[] = [];
  private scheduled = false;
  private readonly lastKnown = new Map<string, KubeObject>();
  private readonly unsubscribe: () => void;
  private crash: CheckerCrash | undefined;
  private closed = false;
  /** Events whose object had been written again before the monitor read it. */
  skew = 0;
  /** Events processed. */
  processed = 0;

  constructor(
    readonly env: BuiltEnvironment,
    options: MonitorOptions = {},
  ) {
    this.observed = new ObservedWorld(env);
    this.checkers = options.checkers ?? allCheckers();
    this.unsubscribe = env.world.trace.subscribe((e) => this.enqueue(e));
  }

  private enqueue(e: TraceEvent): void {
    if (this.closed) return;
    this.pending.push(e);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  /** Processes every queued event now. */
  flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      for (const e of batch) this.process(e);
    }
  }

  private objectOf(e: TraceEvent): KubeObject | undefined {
    if (e.type !== 'api.write') return undefined;
    const kind = String(e.kind);
    const apiVersion = FOLLOWED_KINDS[kind];
    if (apiVersion === undefined) return undefined;
    const cluster = String(e.cluster);
    const ns = e.ns === undefined || e.ns === null ? undefined : String(e.ns);
    const key = `${cluster}/${kind}/${ns ?? ''}/${String(e.name)}`;
    if (e.verb === 'remove') {
      const last = this.lastKnown.get(key);
      this.lastKnown.delete(key);
      return last;
    }
    const stored = this.env.world.peek(cluster, apiVersion, kind, String(e.name), ns);
    if (!stored) return this.lastKnown.get(key);
    if (stored.metadata.resourceVersion !== e.rv) this.skew++;
    this.lastKnown.set(key, stored);
    return stored;
  }

  private process(e: TraceEvent): void {
    if (e.type === 'api.wipe') for (const k of [...this.lastKnown.keys()]) if (k.startsWith(`${String(e.cluster)}/`)) this.lastKnown.delete(k);
    const object = this.objectOf(e);
    const o: Observed = object ? { event: e, object } : { event: e };
    this.processed++;
    this.observed.observe(o);
    for (const c of this.checkers) {
      if (!c.onEvent) continue;
      try {
        c.onEvent(o, this.observed);
      } catch (err) {
        this.crash ??= new CheckerCrash(c.name, err);
      }
    }
  }

  /** Stops observing and asks every checker for its verdict. Throws CheckerCrash if a checker crashed. */
  finish(end: RunEnd): InvariantResult[] {
    this.flush();
    this.closed = true;
    this.unsubscribe();
    if (this.crash) throw this.crash;
    const out: InvariantResult[] = [];
    for (const c of this.checkers) {
      let report: CheckerReport;
      try {
        report = c.finish(this.observed, end);
      } catch (err) {
        throw new CheckerCrash(c.name, err);
      }
      out.push(toInvariantResult(c, report));
    }
    return out;
  }

  checker<T extends Checker>(name: string): T | undefined {
    return this.checkers.find((c) => c.name === name) as T | undefined;
  }
}

export function attachInvariants(env: BuiltEnvironment, options: MonitorOptions = {}): InvariantMonitor {
  return new InvariantMonitor(env, options);
}
