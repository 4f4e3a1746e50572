// What every invariant checker is: an observer with a name, a one-paragraph explanation and a spec
// source, fed each trace event (with the object the event wrote, read right after the write) and asked
// for a verdict at the end. Checkers never act on the world; they only read it.

import type { KubeObject } from '../../engine/api/meta.js';
import type { InvariantResult, Verdict, Violation } from '../../reports/result-types.js';
import type { TraceEvent } from '../../sim/trace/recorder.js';
import type { ObservedWorld } from './observed-world.js';

export type CheckerKind = 'safety' | 'liveness' | 'measurement';

/** One trace event as observers see it: for `api.write`, the object as stored by that write. */
export interface Observed {
  event: TraceEvent;
  /**
   * The object the write stored (for `delete` and `remove`, its last stored form), read before any
   * later event. Undefined for other events and for kinds the observer does not follow.
   */
  object?: KubeObject;
}

/** How the run ended, which decides what end-of-run checks may conclude. */
export interface RunEnd {
  /** The run finished with a heal-and-converge phase: faults healed, time given to converge. */
  converged: boolean;
  /** Virtual ms of the start of the converge phase, when there was one. */
  convergeStartMs?: number;
}

/** A liveness exception the specs allow: Ramen waits for a user, and says so. */
export interface Waiting {
  app: string;
  reason: string;
}

export interface CheckerReport {
  verdict: Verdict;
  violations: Violation[];
  /** Liveness only: apps that are waiting for a user as the specs say Ramen does. */
  waiting?: Waiting[];
}

export interface Checker {
  readonly name: string;
  readonly kind: CheckerKind;
  /** One paragraph: what is checked and why it is a promise of Ramen's (or why it is only measured). */
  readonly explanation: string;
  /** Where the property comes from, e.g. `hub spec §18 S1`. */
  readonly source: string;
  onEvent?(o: Observed, world: ObservedWorld): void;
  finish(world: ObservedWorld, end: RunEnd): CheckerReport;
}

/** Collects violations for a checker and turns them into its report. */
export class ViolationLog {
  private readonly list: Violation[] = [];
  private readonly seen = new Set<string>();

  /** Records one violation; `dedupeKey` keeps one report per distinct fact (e.g. per promotion). */
  add(atMs: number, message: string, events: readonly number[], dedupeKey?: string): void {
    if (dedupeKey !== undefined) {
      if (this.seen.has(dedupeKey)) return;
      this.seen.add(dedupeKey);
    }
    // Keep reports small: the first violations prove the point; later ones are usually echoes.
    if (this.list.length >= 20) return;
    this.list.push({ atMs, message, events: [...new Set(events)].filter((s) => s >= 0).sort((a, b) => a - b) });
  }

  get count(): number {
    return this.list.length;
  }

  all(): Violation[] {
    return [...this.list];
  }

  report(kind: CheckerKind): CheckerReport {
    if (kind === 'measurement') return { verdict: 'measured', violations: this.all() };
    return { verdict: this.list.length > 0 ? 'violated' : 'held', violations: this.all() };
  }
}

export function toInvariantResult(checker: Checker, report: CheckerReport): InvariantResult {
  const waiting = report.waiting?.length ? ` Not flagged, as the specs allow: ${report.waiting.map((w) => `${w.app}: ${w.reason}`).join('; ')}.` : '';
  return { name: checker.name, verdict: report.verdict, explanation: `${checker.explanation} (${checker.source})${waiting}`, violations: report.violations };
}
