// Runs one chaos plan: write it as a scenario file, parse that file, run its chaos steps on a fresh
// world with every invariant watching, run the converge phase (stopping early once everything has
// settled), then record how long the converge phase took in the file, so that running the file
// replays this run exactly, step events included.

import type { RunResult } from '../../reports/result-types.js';
import { buildEnvironment } from '../../sim/world/build-environment.js';
import type { ClientWrapper } from '../../sim/world/world.js';
import type { Checker } from '../invariants/checker.js';
import { attachInvariants } from '../invariants/monitor.js';
import { parseScenario } from '../format/parse-scenario.js';
import type { Scenario } from '../format/scenario-types.js';
import { runSteps } from '../runner/run-scenario.js';
import type { StepOutcome } from '../runner/run-scenario.js';
import { checkRun } from '../runner/run-result.js';
import type { ChaosPlan } from './chaos-plan.js';
import type { ChaosFailure } from './failure.js';
import { classify, crashFailure } from './failure.js';
import type { ConvergeOptions } from './heal-and-converge.js';
import { CONVERGE_TIMEOUT_MS_DEFAULT, convergeLoop } from './heal-and-converge.js';
import { CONVERGE_STEP_NAME, planToYaml } from './plan-to-scenario.js';

export interface PlanRunOptions {
  /** The scenario's name; default `chaos`. */
  name?: string;
  description?: string;
  /** Test runs only: a broken-operator variant. */
  wrapClient?: ClientWrapper;
  converge?: ConvergeOptions;
  /** The run's seed for the result (the campaign's per-run seed). */
  seed: number;
  replayCommand: string;
  /** Default: every checker. */
  checkers?: () => Checker[];
  wallClockMs?: () => number;
}

export interface PlanOutcome {
  /** Undefined when drsim crashed before a result existed. */
  result?: RunResult;
  /** The scenario file that replays this run. */
  yaml: string;
  failure?: ChaosFailure;
}

export async function runPlan(plan: ChaosPlan, options: PlanRunOptions): Promise<PlanOutcome> {
  const clock = options.wallClockMs ?? (() => 0);
  const started = clock();
  const text = { name: options.name ?? 'chaos', description: options.description ?? 'A chaos run written out by drsim chaos.' };
  const timeoutMs = options.converge?.timeoutMs ?? CONVERGE_TIMEOUT_MS_DEFAULT;
  let yaml = planToYaml(plan, { ...text, convergeMs: timeoutMs });
  try {
    const scenario: Scenario = parseScenario(yaml, `${text.name}.yaml`);
    const env = await buildEnvironment({ seed: scenario.seed, decl: scenario.world, ...(options.wrapClient ? { wrapClient: options.wrapClient } : {}) });
    const monitor = attachInvariants(env, options.checkers ? { checkers: options.checkers() } : {});
    const last = scenario.steps.length - 1;
    const chaos = await runSteps({ ...scenario, steps: scenario.steps.slice(0, last) }, env);
    const steps: StepOutcome[] = [...chaos.steps];
    let convergeStartMs = env.world.elapsedMs();
    if (chaos.passed) {
      const firstHeal = scenario.steps.findIndex((s) => s.name === 'converge: heal');
      if (firstHeal > 0) convergeStartMs = chaos.steps[firstHeal - 1]?.atMs ?? convergeStartMs;
      // The converge step's events match what runSteps emits for the `advance` the file records.
      const step = scenario.steps[last]!;
      env.world.trace.emit({ type: 'step.start', index: last, label: CONVERGE_STEP_NAME, line: step.line });
      const spentMs = await convergeLoop(env, monitor.observed, options.converge ?? {});
      env.world.trace.emit({ type: 'step.end', index: last, label: CONVERGE_STEP_NAME, ok: true });
      steps.push({ index: last, kind: 'advance', line: step.line, label: CONVERGE_STEP_NAME, ok: true, atMs: env.world.elapsedMs() });
      yaml = planToYaml(plan, { ...text, convergeMs: spentMs });
    }
    const result = checkRun(env, monitor, {
      scenario: text.name,
      seed: options.seed,
      wallMs: Math.round(clock() - started),
      end: chaos.passed ? { converged: true, convergeStartMs } : { converged: false },
      steps: { passed: chaos.passed, steps, ...(chaos.failure ? { failure: chaos.failure } : {}) },
      replayCommand: options.replayCommand,
    });
    const failure = classify(result);
    return { result, yaml, ...(failure ? { failure } : {}) };
  } catch (err) {
    return { yaml, failure: crashFailure(err) };
  }
}
