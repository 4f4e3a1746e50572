// Goal: `drsim run --backend apiserver` runs a scenario file's steps over real kube-apiservers and
// MinIO in wall time and passes, and the simulator, given the same file, goes through the same states:
// before each user action (failover, relocate, delete) and at the end, the DRPC phase and
// progression, the clusters the PlacementDecision names, each cluster's VRG states and the app's S3
// keys agree field by field. The scenario (scenarios/realtime/lifecycle.yaml) protects an app, fails
// it over with both clusters up, relocates it home, fails it over with dr1's API server stopped and
// its links cut, brings dr1 back, and disables protection. With DRSIM_REALTIME_ALL=1, every other
// file in scenarios/realtime is compared the same way (about half an hour more).
// Skipped, with one visible line, when the binaries are not built.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, missingMessage } from '../../kind/control-plane/binaries.js';
import type { RunResult } from '../../reports/result-types.js';
import type { Scenario, Step } from '../../scenarios/format/scenario-types.js';
import type { RealTimeStepWorld } from '../../scenarios/runner/real-time-world.js';
import { runScenarioRealTime } from '../../scenarios/runner/run-real-time.js';
import { loadScenario } from '../../scenarios/runner/run-scenario-file.js';
import { runSteps } from '../../scenarios/runner/run-scenario.js';
import { S3_BUCKET, s3EndpointUrl } from '../../sim/world/bootstrap-manifests.js';
import { buildEnvironment } from '../../sim/world/build-environment.js';
import type { EndState } from './end-state.js';
import { endStateOf, s3PrefixOf } from './end-state.js';

const reason = missingMessage();
if (reason) process.stderr.write(`SKIPPED scenarios over real API servers: ${reason}\n`);

type Checkpoint = EndState & { at: string };

const REALTIME = join(REPO_ROOT, 'scenarios', 'realtime');

const isAction = (step: Step): boolean => step.kind === 'failover' || step.kind === 'relocate' || step.kind === 'delete';

async function onSimulator(scenario: Scenario): Promise<{ passed: boolean; states: Checkpoint[] }> {
  const env = await buildEnvironment({ seed: scenario.seed, decl: scenario.world });
  const app = scenario.world.apps[0]!;
  const store = env.world.s3.get(s3EndpointUrl(scenario.world, scenario.world.clusters[0]!.name))!;
  const states: Checkpoint[] = [];
  const capture = (at: string): void => {
    states.push({ at, ...endStateOf(env, app, store.keys(S3_BUCKET, s3PrefixOf(app))) });
  };
  const steps = await runSteps(scenario, env, { onStepStart: (_i, label, step) => (isAction(step) ? capture(`before ${label}`) : undefined) });
  capture('end');
  return { passed: steps.passed, states };
}

/** The scenario on real servers, then on the simulator; the states of both at the same points. */
async function differential(file: string): Promise<{ result: RunResult; states: Checkpoint[]; sim: { passed: boolean; states: Checkpoint[] } }> {
  const scenario = loadScenario(join(REALTIME, file));
  const app = scenario.world.apps[0]!;
  const states: Checkpoint[] = [];
  const capture = async (w: RealTimeStepWorld, at: string): Promise<void> => {
    const keys = await w.s3Keys(s3PrefixOf(app));
    states.push({ at, ...(await w.observe((o) => endStateOf(o, app, keys))) });
  };
  let world: RealTimeStepWorld | undefined;
  const began = Date.now();
  const { result, kept } = await runScenarioRealTime(scenario, {
    onWorld: (w) => (world = w),
    onStepStart: (_i, label, step) => (isAction(step) ? capture(world!, `before ${label}`) : undefined),
    onStep: (o) => process.stderr.write(`scenarios over real API servers: [${Math.round((Date.now() - began) / 1000)} s] ${o.ok ? 'ok' : 'FAIL'} ${o.label}${o.message ? `: ${o.message}` : ''}\n`),
    beforeStop: (w) => capture(w, 'end'),
  });
  if (kept) process.stderr.write(`scenarios over real API servers: failed; state, logs and trace kept in ${kept}\n`);
  return { result, states, sim: await onSimulator(scenario) };
}

describe.skipIf(reason !== undefined)('scenarios over the apiserver backend (real time), compared with the simulator', () => {
  it('the lifecycle scenario passes on real servers and passes through the simulator\'s states', async () => {
    const { result, states, sim } = await differential('lifecycle.yaml');
    expect(result.steps?.filter((s) => !s.ok)).toEqual([]);
    expect(result.invariants).toEqual([expect.objectContaining({ name: 'agents-run-cleanly', verdict: 'held' })]);
    expect(result.passed).toBe(true);
    expect(result.faultKinds).toEqual(['clusterDown', 'clusterUp']);

    expect(sim.passed).toBe(true);
    expect(states.map((s) => s.at)).toEqual(sim.states.map((s) => s.at));
    expect(states).toEqual(sim.states);
    // The states themselves, so that both backends being wrong the same way still fails.
    const at = (label: string): Checkpoint => states.find((s) => s.at === label)!;
    expect(at('before relocate busybox to dr1')).toMatchObject({ phase: 'FailedOver', progression: 'Completed', placedOn: ['dr2'], vrgs: { dr1: 'secondary/Secondary', dr2: 'primary/Primary' } });
    expect(states.filter((s) => s.at === 'before failover busybox to dr2').map((s) => s.vrgs)).toEqual([
      { dr1: 'primary/Primary', dr2: 'secondary/Secondary' },
      { dr1: 'primary/Primary', dr2: 'secondary/Secondary' },
    ]);
    expect(at('before delete DRPlacementControl busybox on hub')).toMatchObject({ phase: 'FailedOver', placedOn: ['dr2'], vrgs: { dr1: 'secondary/Secondary', dr2: 'primary/Primary' } });
    expect(at('end')).toMatchObject({ phase: undefined, vrgs: { dr1: 'none', dr2: 'none' } });
  }, 1_200_000);
});

// The other files cost 3-4 minutes each; DRSIM_REALTIME_ALL=1 compares them too.
const others = readdirSync(REALTIME).filter((f) => f.endsWith('.yaml') && f !== 'lifecycle.yaml').sort();
describe.skipIf(reason !== undefined || process.env.DRSIM_REALTIME_ALL !== '1')('every other scenario in scenarios/realtime on both backends', () => {
  for (const file of others) {
    it(file, async () => {
      const { result, states, sim } = await differential(file);
      expect(result.steps?.filter((s) => !s.ok)).toEqual([]);
      expect(result.passed).toBe(true);
      expect(sim.passed).toBe(true);
      expect(states).toEqual(sim.states);
    }, 900_000);
  }
});
