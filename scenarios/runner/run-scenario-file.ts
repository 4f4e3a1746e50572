// Runs one scenario file on the simulator from start to verdict: parse (nothing runs if that fails),
// build the world, run the steps, and assemble the RunResult that `drsim run --json`, reports and the
// conformance gate consume.

import { readFileSync } from 'node:fs';
import type { KubeObject } from '../../engine/api/meta.js';
import type { RunResult } from '../../reports/result-types.js';
import { buildEnvironment } from '../../sim/world/build-environment.js';
import type { BuiltEnvironment } from '../../sim/world/build-environment.js';
import { parseScenario } from '../format/parse-scenario.js';
import type { Scenario } from '../format/scenario-types.js';
import { validateHinter } from './apply-hints.js';
import { runSteps } from './run-scenario.js';
import type { ApplyHinter, StepOutcome } from './run-scenario.js';
import { primaryClusterOf } from './target.js';

export interface RunScenarioOptions {
  seed?: number;
  /** Called once the world exists, before any step: to stream the trace or attach a live view. */
  onEnvironment?: (env: BuiltEnvironment) => void;
  onStep?: (outcome: StepOutcome) => void;
  hinter?: ApplyHinter;
  /** Measures wall time for the result; the CLI passes performance.now. */
  wallClock?: () => number;
}

export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read the scenario file (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseScenario(text, path);
}

export function replayCommandFor(file: string, seed: number): string {
  return `npx drsim run ${file} --seed ${seed}`;
}

/** Phase, progression, primary and data figures of every declared app, as an observer sees them. */
export function appResults(env: BuiltEnvironment): RunResult['apps'] {
  return env.world.decl.apps.map((app) => {
    const drpc = env.world.peek<KubeObject<unknown, { phase?: string; progression?: string }>>('hub', 'ramendr.openshift.io/v1alpha1', 'DRPlacementControl', app.name, app.namespace);
    return {
      name: app.name,
      phase: drpc?.status?.phase ?? '',
      progression: drpc?.status?.progression ?? '',
      primary: primaryClusterOf(env, app.name, app.namespace) ?? '',
      ackedWrites: env.ledger.acked(`${app.namespace}/${app.name}`).length,
      lostWrites: env.lostWrites(app.name),
      failovers: [],
    };
  });
}

export async function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): Promise<{ result: RunResult; env: BuiltEnvironment }> {
  const seed = options.seed ?? scenario.seed;
  const wall = options.wallClock ?? (() => 0);
  const start = wall();
  const env = await buildEnvironment({ seed, decl: scenario.world });
  options.onEnvironment?.(env);
  const steps = await runSteps(scenario, env, { ...(options.onStep ? { onStep: options.onStep } : {}), hinter: options.hinter ?? validateHinter });
  const faultKinds = [...new Set(scenario.steps.flatMap((s) => (s.kind === 'fault' ? [s.fault.type] : [])))].sort();
  const result: RunResult = {
    scenario: scenario.name,
    seed,
    backend: 'sim',
    passed: steps.passed,
    invariants: [],
    apps: appResults(env),
    steps: steps.steps.map((s) => ({ label: s.label, line: s.line, ok: s.ok, atMs: s.atMs, ...(s.message ? { message: s.message } : {}) })),
    virtualDurationMs: env.world.elapsedMs(),
    wallMs: Math.round(wall() - start),
    traceDigest: env.world.trace.digest(),
    replayCommand: replayCommandFor(scenario.file, seed),
    faultKinds,
  };
  return { result, env };
}
