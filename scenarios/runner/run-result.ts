// Turns a finished run into a RunResult (reports/result-types.ts): the invariants' verdicts, the
// apps' end state and data figures (acknowledged and lost writes, each failover's RPO and
// divergence), the steps, the virtual duration and the trace digest. `runScenarioChecked` is the
// whole path for one scenario file: build, watch with every checker, run the steps, optionally
// heal and converge, and assemble.

import type { AppResult, Backend, InvariantResult, RunResult, StepResult } from '../../reports/result-types.js';
import type { BuiltEnvironment } from '../../sim/world/build-environment.js';
import { buildEnvironment } from '../../sim/world/build-environment.js';
import type { ClientWrapper } from '../../sim/world/world.js';
import { appKey } from '../../sim/workload/app.js';
import type { ConvergeOptions } from '../chaos/heal-and-converge.js';
import { healAndConverge } from '../chaos/heal-and-converge.js';
import { convergePhaseOf } from '../chaos/plan-to-scenario.js';
import type { RunEnd } from '../invariants/checker.js';
import type { FailoverDataLoss } from '../invariants/measurements/failover-data-loss.js';
import type { InvariantMonitor } from '../invariants/monitor.js';
import { attachInvariants } from '../invariants/monitor.js';
import type { Scenario } from '../format/scenario-types.js';
import type { ApplyHinter, StepOutcome, StepsResult } from './run-scenario.js';
import { validateHinter } from './apply-hints.js';
import { runSteps } from './run-scenario.js';
import { appResultOf } from './app-result.js';

export interface CheckRunOptions {
  /** Name of what ran: the scenario's name, or `chaos` for a campaign run. */
  scenario: string;
  seed: number;
  /** Wall-clock ms the run took, measured by the caller (the simulation never reads the wall clock). */
  wallMs: number;
  end: RunEnd;
  steps?: StepsResult;
  replayCommand: string;
  /** Default `sim`. */
  backend?: Backend;
}

/** The apps' end state, from the stored DRPCs and VRGs, the ledger and the data-loss checker. */
export function appResults(env: BuiltEnvironment, monitor: InvariantMonitor): AppResult[] {
  const loss = monitor.checker<FailoverDataLoss>('failover-data-loss');
  return env.world.decl.apps.map((app) => appResultOf(env, app, env.ledger.ackedCount(appKey(app.namespace, app.name)), loss?.failoversOf(app.name) ?? []));
}

function stepResults(steps: StepsResult | undefined): StepResult[] | undefined {
  return steps?.steps.map((s: StepOutcome) => ({ label: s.label, line: s.line, ok: s.ok, atMs: s.atMs, ...(s.message === undefined ? {} : { message: s.message }) }));
}

/** Assembles the RunResult of a finished run; `monitor` must have watched it from the start. */
export function checkRun(env: BuiltEnvironment, monitor: InvariantMonitor, options: CheckRunOptions): RunResult {
  const invariants: InvariantResult[] = monitor.finish(options.end);
  const steps = stepResults(options.steps);
  const faultKinds = [...new Set(env.world.trace.all().filter((e) => e.type === 'fault.inject').map((e) => String(e.fault)))].sort();
  const passed = (options.steps?.passed ?? true) && invariants.every((i) => i.verdict !== 'violated');
  return {
    scenario: options.scenario,
    seed: options.seed,
    backend: options.backend ?? 'sim',
    passed,
    invariants,
    apps: appResults(env, monitor),
    ...(steps ? { steps } : {}),
    virtualDurationMs: env.world.elapsedMs(),
    wallMs: options.wallMs,
    traceDigest: env.world.trace.digest(),
    replayCommand: options.replayCommand,
    faultKinds,
  };
}

export interface ScenarioRunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Heal every fault and converge after the last step, so liveness is judged. Default: no. */
  converge?: boolean | ConvergeOptions;
  /** Test runs only: a broken-operator variant (scenarios/variants). */
  wrapClient?: ClientWrapper;
  hinter?: ApplyHinter;
  onStep?: (o: StepOutcome) => void;
  /** Measures wall time for the result; the caller passes its clock. Default: reports 0. */
  wallClockMs?: () => number;
  /** Called once the world exists, before any step: to stream the trace or attach a live view. */
  onEnvironment?: (env: BuiltEnvironment) => void;
  /** The command that replays this run, for reports. Default `drsim run <file> --seed <seed>`. */
  replayCommand?: string;
}

/** Builds the scenario's world, runs it with every invariant watching, and assembles its result. */
export async function runScenarioChecked(scenario: Scenario, options: ScenarioRunOptions = {}): Promise<{ result: RunResult; env: BuiltEnvironment }> {
  const clock = options.wallClockMs ?? (() => 0);
  const started = clock();
  const seed = options.seed ?? scenario.seed;
  const env = await buildEnvironment({ seed, decl: scenario.world, ...(options.wrapClient ? { wrapClient: options.wrapClient } : {}) });
  const monitor = attachInvariants(env, scenario.invariants === 'none' ? { checkers: [] } : {});
  options.onEnvironment?.(env);
  const steps = await runSteps(scenario, env, { hinter: options.hinter ?? validateHinter, ...(options.onStep ? { onStep: options.onStep } : {}) });
  let end: RunEnd = { converged: false };
  // A scenario written by a chaos campaign carries its converge phase as steps; it counts as one.
  const phase = convergePhaseOf(scenario);
  if (phase !== undefined && steps.passed) end = { converged: true, convergeStartMs: phase === 0 ? 0 : (steps.steps[phase - 1]?.atMs ?? 0) };
  else if (options.converge && steps.passed) end = await healAndConverge(env, monitor.observed, options.converge === true ? {} : options.converge);
  const result = checkRun(env, monitor, {
    scenario: scenario.name,
    seed,
    wallMs: Math.round(clock() - started),
    end,
    steps,
    replayCommand: options.replayCommand ?? `npx drsim run ${scenario.file} --seed ${seed}`,
  });
  return { result, env };
}
