// How a chaos run can fail, and the exit code each kind of failure gets (TigerBeetle's VOPR keeps
// correctness, liveness and crash failures apart the same way, so CI can tell them apart).

import type { RunResult } from '../../reports/result-types.js';
import type { Checker } from '../invariants/checker.js';
import { allCheckers } from '../invariants/catalog.js';

export type FailureClass = 'invariant' | 'liveness' | 'crash';

export const EXIT_CODES: Readonly<Record<'passed' | FailureClass, number>> = {
  passed: 0,
  /** A safety invariant was violated: the operators did something Ramen promises they never do. */
  invariant: 11,
  /** After healing, an app did not converge (or a disable did not clean up) within the bound. */
  liveness: 12,
  /** drsim itself failed: a checker threw, the world could not be built, a generated step was refused. */
  crash: 13,
};

export interface ChaosFailure {
  class: FailureClass;
  /** The invariant that failed first (catalog order), or `harness` for a crash. */
  invariant: string;
  explanation: string;
  /** The first violation's message, or the crash's. */
  message: string;
}

const KIND_BY_NAME = new Map<string, Checker['kind']>(allCheckers().map((c) => [c.name, c.kind]));

/** The failure a finished run shows, if any: safety before liveness, in catalog order. */
export function classify(result: RunResult): ChaosFailure | undefined {
  const violated = result.invariants.filter((i) => i.verdict === 'violated');
  const safety = violated.find((i) => KIND_BY_NAME.get(i.name) === 'safety');
  const liveness = violated.find((i) => KIND_BY_NAME.get(i.name) === 'liveness');
  const pick = safety ?? liveness;
  if (pick) return { class: safety ? 'invariant' : 'liveness', invariant: pick.name, explanation: pick.explanation, message: pick.violations[0]?.message ?? '' };
  const failedStep = result.steps?.find((s) => !s.ok);
  if (failedStep && isUserRefusal(failedStep.label)) return undefined;
  if (failedStep) return { class: 'crash', invariant: 'harness', explanation: 'a generated scenario step was refused; the chaos generator produced an impossible step', message: `${failedStep.label} (line ${failedStep.line}): ${failedStep.message ?? ''}` };
  return undefined;
}

/** A chaos user's request the API server refused (the DRPC was gone, say): the run is inconclusive, not failed. */
export function isUserRefusal(stepLabel: string): boolean {
  return /^(failover|relocate|delete|patch) /.test(stepLabel);
}

/** Why a run proves nothing either way, if it does not: a user request was refused before the end. */
export function inconclusiveReason(result: RunResult): string | undefined {
  const s = result.steps?.find((x) => !x.ok);
  return s && isUserRefusal(s.label) ? `the chaos user's request was refused: ${s.label} (line ${s.line}): ${s.message ?? ''}` : undefined;
}

export function crashFailure(err: unknown): ChaosFailure {
  return { class: 'crash', invariant: 'harness', explanation: 'drsim itself failed while running the plan', message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}

/** The exit code of a whole campaign: the gravest failure wins (crash, then invariant, then liveness). */
export function exitCodeOf(failures: readonly (ChaosFailure | undefined)[]): number {
  const classes = new Set(failures.filter((f): f is ChaosFailure => f !== undefined).map((f) => f.class));
  if (classes.has('crash')) return EXIT_CODES.crash;
  if (classes.has('invariant')) return EXIT_CODES.invariant;
  if (classes.has('liveness')) return EXIT_CODES.liveness;
  return EXIT_CODES.passed;
}
