// A chaos campaign: many independent runs, each drawn by fast-check from its own seed (run i uses
// seed `seed + i`), each a chaos phase then a heal-and-converge phase with every invariant watching.
// A failing run is shrunk by fast-check to a minimal plan (within a time budget), written out as a
// scenario file, and replayed from that file to prove the file reproduces it. Failures are sorted
// into invariant, liveness and harness-crash classes, each with its own exit code.

import fc from 'fast-check';
import type { CampaignResult, RunResult } from '../../reports/result-types.js';
import type { ClientWrapper } from '../../sim/world/world.js';
import { parseScenario } from '../format/parse-scenario.js';
import { runScenarioChecked } from '../runner/run-result.js';
import type { ChaosFaultKind, ChaosPlan } from './chaos-plan.js';
import { CHAOS_FAULT_KINDS, planSize } from './chaos-plan.js';
import type { ChaosPlanOptions } from './chaos-plan-arb.js';
import { chaosPlanArb } from './chaos-plan-arb.js';
import type { ChaosFailure } from './failure.js';
import { classify, exitCodeOf, inconclusiveReason } from './failure.js';
import type { PlanOutcome } from './run-plan.js';
import { runPlan } from './run-plan.js';
import type { Shard } from './shard.js';
import { inShard, seedOfRun, validateShard } from './shard.js';

export interface CampaignProgress {
  runIndex: number;
  seed: number;
  runsDone: number;
  /** Undefined under a wall-time budget. */
  runsPlanned?: number;
  failures: number;
  last?: RunResult;
  elapsedMs: number;
  /** Set while a failure is being shrunk. */
  shrinking?: boolean;
}

export interface CampaignOptions {
  /** Number of runs (before sharding). Default 100, or unbounded when `budgetMs` is set. */
  runs?: number;
  /** Wall-clock budget in ms; the campaign starts no run after it is spent. */
  budgetMs?: number;
  /** Virtual length of each run's chaos phase. */
  runLengthMs: number;
  /** Seed of run 0. */
  seed: number;
  /** Protected apps per world. */
  apps: number;
  /** Fault kinds to draw (CHAOS_FAULT_KINDS). Default: all. */
  faults?: string[];
  shard?: Shard;
  onProgress?: (p: CampaignProgress) => void;
  /** Stop at the first failure. Default true. */
  stopOnFailure?: boolean;
  /** Shrink failures. Default true. */
  shrink?: boolean;
  /** Wall-clock budget for shrinking one failure. Default 120 s. */
  shrinkBudgetMs?: number;
  /** Converge-phase bound in virtual ms. Default 45 min. */
  convergeTimeoutMs?: number;
  /** Converge-phase poll interval and settle time in virtual ms. Defaults 1 min and 2 min. */
  convergePollMs?: number;
  convergeSettleMs?: number;
  /** Test runs only: a broken-operator variant applied to every run. */
  wrapClient?: ClientWrapper;
  /** Campaign name in the result. Default `chaos`. */
  name?: string;
  maxFaults?: number;
  maxActions?: number;
  writesPerMinuteMax?: number;
  volSync?: boolean;
  disable?: boolean;
  /** The wall clock; default performance.now. Only campaigns read it, never the simulation. */
  wallClockMs?: () => number;
}

export interface CampaignFailure {
  runIndex: number;
  /** The run's fast-check seed: `drsim chaos --seed <seed> --runs 1` reruns it. */
  seed: number;
  failure: ChaosFailure;
  /** fast-check replay of the shrunk counterexample: `{ seed, path }`. */
  replay: { seed: number; path: string };
  /** The shrunk reproduction as a scenario file. */
  yaml: string;
  originalSize: number;
  shrunkSize: number;
  numShrinks: number;
  /** Scenario steps in the shrunk file. */
  shrunkSteps: number;
  /** Replaying `yaml` with `drsim run` gave the same failure and the same trace digest. */
  reproduced: boolean;
  result?: RunResult;
}

export interface CampaignOutcome extends CampaignResult {
  failures: CampaignFailure[];
  /** Runs that proved nothing either way (a chaos user's request was refused mid-run). */
  inconclusive: { seed: number; reason: string }[];
  exitCode: number;
  /** How many runs drew each fault kind. */
  faultKindsExercised: Record<string, number>;
  invariantsChecked: string[];
  wallMs: number;
}

function validate(options: CampaignOptions): readonly ChaosFaultKind[] {
  if (!(options.runLengthMs > 0)) throw new RangeError(`runLengthMs must be positive, got ${options.runLengthMs}`);
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`);
  if (!Number.isInteger(options.apps) || options.apps < 0 || options.apps > 8) throw new RangeError(`apps must be an integer in [0, 8], got ${options.apps}`);
  if (options.runs !== undefined && (!Number.isInteger(options.runs) || options.runs < 0)) throw new RangeError(`runs must be a non-negative integer, got ${options.runs}`);
  if (options.budgetMs !== undefined && !(options.budgetMs > 0)) throw new RangeError(`budgetMs must be positive, got ${options.budgetMs}`);
  if (options.shard) validateShard(options.shard);
  const kinds = options.faults ?? [...CHAOS_FAULT_KINDS];
  for (const k of kinds) if (!(CHAOS_FAULT_KINDS as readonly string[]).includes(k)) throw new RangeError(`faults: unknown fault kind "${k}"; known: ${CHAOS_FAULT_KINDS.join(', ')}`);
  return kinds as ChaosFaultKind[];
}

export function campaignPlanOptions(options: CampaignOptions): ChaosPlanOptions {
  const kinds = validate(options);
  return {
    runLengthMs: options.runLengthMs,
    apps: options.apps,
    faultKinds: kinds,
    ...(options.maxFaults === undefined ? {} : { maxFaults: options.maxFaults }),
    ...(options.maxActions === undefined ? {} : { maxActions: options.maxActions }),
    ...(options.writesPerMinuteMax === undefined ? {} : { writesPerMinuteMax: options.writesPerMinuteMax }),
    ...(options.volSync === undefined ? {} : { volSync: options.volSync }),
    ...(options.disable === undefined ? {} : { disable: options.disable }),
  };
}

function replayCommand(options: CampaignOptions, seed: number): string {
  const faults = options.faults ? ` --faults ${options.faults.join(',')}` : '';
  return `drsim chaos --seed ${seed} --runs 1 --run-length ${options.runLengthMs / 60_000}m --apps ${options.apps}${faults}`;
}

/** Runs one plan the way every campaign run is run. */
export function runCampaignPlan(plan: ChaosPlan, options: CampaignOptions, seed: number, name = 'chaos'): Promise<PlanOutcome> {
  return runPlan(plan, {
    name,
    seed,
    replayCommand: replayCommand(options, seed),
    ...(options.wrapClient ? { wrapClient: options.wrapClient } : {}),
    converge: {
      ...(options.convergeTimeoutMs === undefined ? {} : { timeoutMs: options.convergeTimeoutMs }),
      ...(options.convergePollMs === undefined ? {} : { pollMs: options.convergePollMs }),
      ...(options.convergeSettleMs === undefined ? {} : { settleMs: options.convergeSettleMs }),
    },
    ...(options.wallClockMs ? { wallClockMs: options.wallClockMs } : {}),
  });
}

/** Runs the run with `seed`; fast-check draws its plan. */
async function runOne(options: CampaignOptions, seed: number): Promise<{ plan: ChaosPlan; outcome: PlanOutcome }> {
  const arb = chaosPlanArb(campaignPlanOptions(options));
  let last: { plan: ChaosPlan; outcome: PlanOutcome } | undefined;
  await fc.check(
    fc.asyncProperty(arb, async (plan) => {
      last = { plan, outcome: await runCampaignPlan(plan, options, seed) };
      return last.outcome.failure === undefined;
    }),
    { seed, numRuns: 1, endOnFailure: true },
  );
  if (!last) throw new Error(`fast-check drew no plan for seed ${seed}`);
  return last;
}

/** Shrinks a failing run to a minimal plan failing the same invariant; returns the counterexample. */
export async function shrinkFailure(options: CampaignOptions, seed: number, failure: ChaosFailure, budgetMs: number): Promise<{ plan: ChaosPlan; path: string; numShrinks: number } | undefined> {
  const arb = chaosPlanArb(campaignPlanOptions(options));
  const details = await fc.check(
    fc.asyncProperty(arb, async (plan) => {
      const out = await runCampaignPlan(plan, options, seed);
      return out.failure === undefined || out.failure.invariant !== failure.invariant;
    }),
    { seed, numRuns: 1, plugins: [fc.interruptAfterTimeLimit(budgetMs)] },
  );
  const plan = (details.counterexample as [ChaosPlan] | null)?.[0];
  if (!details.failed || plan === undefined || details.counterexamplePath === null) return undefined;
  return { plan, path: details.counterexamplePath, numShrinks: details.numShrinks };
}

/** Replays a plan's scenario file from text and says whether it shows the same failure and trace. */
export async function reproduces(yaml: string, expected: { failure: ChaosFailure; digest?: string }, wrapClient?: ClientWrapper): Promise<boolean> {
  const scenario = parseScenario(yaml, 'reproduction.yaml');
  const { result } = await runScenarioChecked(scenario, wrapClient ? { wrapClient } : {});
  const again = classify(result);
  return again?.invariant === expected.failure.invariant && (expected.digest === undefined || expected.digest === result.traceDigest);
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignOutcome> {
  validate(options);
  const clock = options.wallClockMs ?? (() => performance.now());
  const started = clock();
  const runsPlanned = options.runs ?? (options.budgetMs === undefined ? 100 : undefined);
  const stopOnFailure = options.stopOnFailure ?? true;
  const runs: RunResult[] = [];
  const failures: CampaignFailure[] = [];
  const faultKindsExercised: Record<string, number> = {};
  const inconclusive: { seed: number; reason: string }[] = [];
  for (let i = 0; runsPlanned === undefined || i < runsPlanned; i++) {
    if (options.budgetMs !== undefined && clock() - started >= options.budgetMs) break;
    if (!inShard(i, options.shard)) continue;
    const seed = seedOfRun(options.seed, i);
    const { plan, outcome } = await runOne(options, seed);
    for (const k of new Set(plan.faults.map((f) => f.kind))) faultKindsExercised[k] = (faultKindsExercised[k] ?? 0) + 1;
    if (outcome.result) runs.push(outcome.result);
    const unproven = outcome.result && !outcome.failure ? inconclusiveReason(outcome.result) : undefined;
    if (unproven) inconclusive.push({ seed, reason: unproven });
    const progress = { runIndex: i, seed, runsDone: runs.length, ...(runsPlanned === undefined ? {} : { runsPlanned }), failures: failures.length + (outcome.failure ? 1 : 0), elapsedMs: clock() - started };
    options.onProgress?.({ ...progress, ...(outcome.result ? { last: outcome.result } : {}) });
    if (!outcome.failure) continue;
    let shrunk = { plan, path: '0', numShrinks: 0 };
    if (options.shrink ?? true) {
      options.onProgress?.({ ...progress, shrinking: true });
      shrunk = (await shrinkFailure(options, seed, outcome.failure, options.shrinkBudgetMs ?? 120_000)) ?? shrunk;
    }
    const final = await runCampaignPlan(shrunk.plan, options, seed);
    const failure = final.failure ?? outcome.failure;
    const yaml = final.failure ? final.yaml : outcome.yaml;
    const digest = final.failure ? final.result?.traceDigest : outcome.result?.traceDigest;
    const repro = failure.class === 'crash' ? false : await reproduces(yaml, { failure, ...(digest === undefined ? {} : { digest }) }, options.wrapClient);
    failures.push({
      runIndex: i,
      seed,
      failure,
      replay: { seed, path: shrunk.path },
      yaml,
      originalSize: planSize(plan),
      shrunkSize: planSize(final.failure ? shrunk.plan : plan),
      numShrinks: shrunk.numShrinks,
      shrunkSteps: parseScenario(yaml, 'reproduction.yaml').steps.length,
      reproduced: repro,
      ...((final.result ?? outcome.result) ? { result: (final.result ?? outcome.result)! } : {}),
    });
    if (stopOnFailure) break;
  }
  return {
    name: options.name ?? 'chaos',
    seedStart: options.seed,
    runs,
    ...(options.shard ? { shard: options.shard } : {}),
    failures,
    inconclusive,
    exitCode: exitCodeOf(failures.map((f) => f.failure)),
    faultKindsExercised,
    invariantsChecked: runs[0]?.invariants.map((x) => x.name) ?? [],
    wallMs: Math.round(clock() - started),
  };
}
