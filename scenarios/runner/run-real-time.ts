// One scenario on the `apiserver` backend: check that it asks for nothing this backend cannot do,
// start a real kube-apiserver per cluster and MinIO, run drsim's operators and agents over them in
// wall time, drive the scenario's steps with the same runner as the simulator, and assemble a
// RunResult. The servers are stopped however the run ends; a failed run keeps their state, logs and
// trace for diagnosis.

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RealWorld } from '../../kind/agents/real-world.js';
import { startRealWorld } from '../../kind/agents/real-world.js';
import { REPO_ROOT, missingMessage } from '../../kind/control-plane/binaries.js';
import type { Environment } from '../../kind/control-plane/environment.js';
import { startEnvironment } from '../../kind/control-plane/environment.js';
import type { AppResult, InvariantResult, RunResult } from '../../reports/result-types.js';
import { canonicalJson } from '../../sim/trace/canonical-json.js';
import { S3_ACCESS_KEY, S3_SECRET_KEY } from '../../sim/world/bootstrap-manifests.js';
import { appKey } from '../../sim/workload/app.js';
import type { Scenario, Step } from '../format/scenario-types.js';
import { appResultOf } from './app-result.js';
import { validateHinter } from './apply-hints.js';
import type { RealTimeStepWorld } from './real-time-world.js';
import { Interrupted, realTimeStepWorld } from './real-time-world.js';
import { realTimeProblems } from './real-time-support.js';
import type { StepOutcome, StepsResult } from './run-scenario.js';
import { runStepsOn } from './run-scenario.js';

/** A scenario this backend cannot run, refused before any server starts. */
export class RealTimeUnsupported extends Error {
  constructor(readonly problems: string[]) {
    super(`cannot run on the apiserver backend:\n  ${problems.join('\n  ')}`);
  }
}

export interface RealTimeRunOptions {
  /** The servers' state directory; a fresh one under .cache/apiserver by default. */
  root?: string;
  /** Where to append the trace (wall-clock stamped NDJSON); default trace.ndjson in the state directory, removed with it after a passing run. */
  traceFile?: string;
  /** Ctrl-C: stops waiting, stops the servers, and the run rejects with Interrupted. */
  signal?: AbortSignal;
  onStepStart?: (index: number, label: string, step: Step) => void | Promise<void>;
  onStep?: (o: StepOutcome) => void;
  /** Progress outside the steps: servers starting and stopping. */
  onProgress?: (line: string) => void;
  /** Once the operators run, before the first step: to observe the world from outside (tests). */
  onWorld?: (w: RealTimeStepWorld) => void;
  /** After the last step, before the servers stop: to read the end state from outside (tests). */
  beforeStop?: (w: RealTimeStepWorld) => Promise<void>;
  replayCommand?: string;
  /** waitFor's polling interval, ms. */
  pollMs?: number;
}

export interface RealTimeRun {
  result: RunResult;
  /** Where the state, logs and trace were kept (a failed run), if they were. */
  kept?: string;
}

function traceDigest(world: RealWorld): string {
  const h = createHash('sha256');
  for (const e of world.trace.events) h.update(`${canonicalJson(e)}\n`);
  return h.digest('hex');
}

/** The simulator's invariants read its trace and models; here the one check is that no agent threw. */
function agentErrors(world: RealWorld, began: number): InvariantResult {
  const errors = world.trace.ofType('agent.error');
  return {
    name: 'agents-run-cleanly',
    verdict: errors.length === 0 ? 'held' : 'violated',
    explanation: errors.length === 0 ? 'no agent or operator timer callback threw' : `${errors.length} agent or operator timer callbacks threw`,
    violations: errors.map((e) => ({ atMs: e.t - began, message: `${String(e.label)}: ${String(e.message)}`, events: [e.seq] })),
  };
}

async function appResults(sw: RealTimeStepWorld, world: RealWorld): Promise<AppResult[]> {
  // RPO and divergence are the simulator's failover-data-loss checker's; not measured here.
  return sw.observe((o) => world.decl.apps.map((app) => appResultOf(o, app, world.ledger.ackedCount(appKey(app.namespace, app.name)), [])));
}

async function startServers(scenario: Scenario, root: string): Promise<Environment> {
  return startEnvironment({
    root,
    clusters: [{ name: 'hub', role: 'hub' }, ...scenario.world.clusters.map((c) => ({ name: c.name, role: 'dr' as const }))],
    // Ramen's S3 secret in the bootstrap carries these keys; MinIO must accept them.
    minioCredentials: { accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY },
  });
}

export async function runScenarioRealTime(scenario: Scenario, options: RealTimeRunOptions = {}): Promise<RealTimeRun> {
  const problems = realTimeProblems(scenario);
  if (problems.length > 0) throw new RealTimeUnsupported(problems);
  const missing = missingMessage();
  if (missing) throw new Error(missing);
  const progress = options.onProgress ?? (() => undefined);
  const began = Date.now();
  const base = join(REPO_ROOT, '.cache', 'apiserver');
  mkdirSync(base, { recursive: true });
  const root = options.root ?? mkdtempSync(join(base, 'run-'));
  progress(`starting ${['hub', ...scenario.world.clusters.map((c) => c.name)].join(', ')} and MinIO under ${root}`);
  const env = await startServers(scenario, root);
  progress(`servers up in ${((Date.now() - began) / 1000).toFixed(1)} s; starting the operators and agents`);
  let world: RealWorld | undefined;
  let passed = false;
  try {
    if (options.signal?.aborted) throw new Interrupted();
    world = await startRealWorld({ env, decl: scenario.world, traceFile: options.traceFile ?? join(root, 'trace.ndjson') });
    const sw = realTimeStepWorld({ world, env, ...(options.signal ? { signal: options.signal } : {}), ...(options.pollMs ? { pollMs: options.pollMs } : {}) });
    options.onWorld?.(sw);
    const stepsBegan = Date.now();
    const steps: StepsResult = await runStepsOn(scenario, sw, {
      hinter: validateHinter,
      ...(options.onStep ? { onStep: options.onStep } : {}),
      ...(options.onStepStart ? { onStepStart: options.onStepStart } : {}),
    });
    await options.beforeStop?.(sw);
    const invariants = [agentErrors(world, stepsBegan)];
    passed = steps.passed && invariants.every((i) => i.verdict !== 'violated');
    const result: RunResult = {
      scenario: scenario.name,
      seed: scenario.seed,
      backend: 'apiserver',
      passed,
      invariants,
      apps: await appResults(sw, world),
      steps: steps.steps.map((s) => ({ label: s.label, line: s.line, ok: s.ok, atMs: s.atMs, ...(s.message === undefined ? {} : { message: s.message }) })),
      virtualDurationMs: Date.now() - stepsBegan,
      wallMs: Date.now() - began,
      traceDigest: traceDigest(world),
      replayCommand: options.replayCommand ?? `npx drsim run --backend apiserver ${scenario.file}`,
      faultKinds: [...new Set(world.trace.ofType('fault.inject').map((e) => String(e.fault)))].sort(),
    };
    return { result, ...(passed ? {} : { kept: root }) };
  } finally {
    progress('stopping the servers');
    world?.stop();
    await env.stop();
    if (passed) rmSync(root, { recursive: true, force: true });
    else progress(`servers' state, logs and trace kept in ${root}`);
  }
}
