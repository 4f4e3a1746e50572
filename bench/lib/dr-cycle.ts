// Benchmark (b): one full DR cycle for one app, as Ramen's end-to-end suite runs it: enable protection
// (the world is built with the app and its DRPC; the phase ends when the DRPC reports Protected),
// lose the primary and fail over, bring the old primary back and wait for cleanup, relocate home, and
// disable protection (delete the DRPC and wait until both VRGs are gone). Each phase waits on what an
// observer sees, so a run measures exactly the simulated work of the cycle.

import { buildEnvironment } from '../../sim/world/build-environment.js';
import type { BuiltEnvironment } from '../../sim/world/build-environment.js';
import { median, progress, round, timed } from './measure.js';
import { conditionTrue, drAction, drpcOf, DRPC_KIND, RAMEN, worldDecl } from './worlds.js';

export interface DrCycleRun {
  wallMs: number;
  cpuMs: number;
  buildWallMs: number;
  simulatedMs: number;
  events: number;
  passed: boolean;
  /** Wall ms per phase, for where the time goes. */
  phasesWallMs: Record<string, number>;
  /** Simulated ms per phase: what a real cluster would take for the same steps. */
  phasesSimulatedMs: Record<string, number>;
  traceDigest: string;
}

export interface DrCycleFigures {
  runs: number;
  medianWallMs: number;
  medianCpuMs: number;
  /** The cycle without building the world (hub, clusters, operators and bootstrap objects). */
  medianCycleOnlyWallMs: number;
  minWallMs: number;
  simulatedMs: number;
  events: number;
  allPassed: boolean;
  /** All runs share a seed, so they must produce one digest. */
  deterministic: boolean;
  phasesWallMs: Record<string, number>;
  phasesSimulatedMs: Record<string, number>;
  target: { medianWallMs: number; met: boolean };
}

const MIN = 60_000;
const TIMEOUT_MS = 60 * MIN;

async function phase(env: BuiltEnvironment, name: string, run: DrCycleRun, act: () => Promise<void>, done: () => boolean): Promise<boolean> {
  const t0 = performance.now();
  const s0 = env.world.elapsedMs();
  await act();
  const ok = await env.world.runUntil(done, TIMEOUT_MS);
  run.phasesWallMs[name] = round(performance.now() - t0, 2);
  run.phasesSimulatedMs[name] = env.world.elapsedMs() - s0;
  return ok;
}

export async function runDrCycleOnce(seed = 1): Promise<DrCycleRun> {
  const decl = worldDecl(1);
  const app = decl.apps[0]!;
  const home = app.cluster;
  const peer = home === 'dr1' ? 'dr2' : 'dr1';
  const run: DrCycleRun = { wallMs: 0, cpuMs: 0, buildWallMs: 0, simulatedMs: 0, events: 0, passed: false, phasesWallMs: {}, phasesSimulatedMs: {}, traceDigest: '' };
  const t = await timed(async () => {
    const b0 = performance.now();
    const env = await buildEnvironment({ seed, decl });
    run.buildWallMs = round(performance.now() - b0, 2);
    const status = () => drpcOf(env, app)?.status;
    const vrgGone = (c: string) => env.world.peek(c, RAMEN, 'VolumeReplicationGroup', app.name, app.namespace) === undefined;
    const steps: [string, () => Promise<void>, () => boolean][] = [
      ['enable', async () => undefined, () => status()?.phase === 'Deployed' && conditionTrue(status(), 'Protected')],
      [
        'failover',
        async () => {
          await env.faults.inject({ type: 'clusterDown', cluster: home });
          await drAction(env, app, 'Failover', peer);
        },
        () => status()?.phase === 'FailedOver' && conditionTrue(status(), 'Available'),
      ],
      ['cleanup', () => env.faults.inject({ type: 'clusterUp', cluster: home }), () => status()?.phase === 'FailedOver' && status()?.progression === 'Completed' && conditionTrue(status(), 'PeerReady')],
      ['relocate', () => drAction(env, app, 'Relocate', home), () => status()?.phase === 'Relocated' && status()?.progression === 'Completed' && conditionTrue(status(), 'PeerReady')],
      [
        'disable',
        () => env.world.client('hub', 'user').delete(DRPC_KIND, { namespace: app.namespace, name: app.name }),
        () => drpcOf(env, app) === undefined && vrgGone(home) && vrgGone(peer),
      ],
    ];
    let ok = true;
    for (const [name, act, done] of steps) {
      if (!ok) break;
      ok = await phase(env, name, run, act, done);
    }
    run.passed = ok;
    run.simulatedMs = env.world.elapsedMs();
    run.events = env.world.time.eventsProcessed;
    run.traceDigest = env.world.trace.digest();
  });
  run.wallMs = round(t.timing.wallMs, 2);
  run.cpuMs = round(t.timing.cpuMs, 2);
  return run;
}

export async function runDrCycle(options: { runs: number; warmup?: number }): Promise<DrCycleFigures> {
  for (let i = 0; i < (options.warmup ?? 1); i++) await runDrCycleOnce();
  const runs: DrCycleRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    runs.push(await runDrCycleOnce());
    if ((i + 1) % 5 === 0 || i + 1 === options.runs) progress(`dr cycle: ${i + 1}/${options.runs} runs`);
  }
  const phases = Object.keys(runs[0]?.phasesWallMs ?? {});
  const medianWallMs = median(runs.map((r) => r.wallMs));
  return {
    runs: runs.length,
    medianWallMs: round(medianWallMs, 2),
    medianCpuMs: round(median(runs.map((r) => r.cpuMs)), 2),
    medianCycleOnlyWallMs: round(median(runs.map((r) => r.wallMs - r.buildWallMs)), 2),
    minWallMs: round(Math.min(...runs.map((r) => r.wallMs)), 2),
    simulatedMs: runs[0]?.simulatedMs ?? 0,
    events: runs[0]?.events ?? 0,
    allPassed: runs.every((r) => r.passed),
    deterministic: new Set(runs.map((r) => r.traceDigest)).size === 1,
    phasesWallMs: Object.fromEntries(phases.map((p) => [p, round(median(runs.map((r) => r.phasesWallMs[p] ?? 0)), 2)])),
    phasesSimulatedMs: runs[0]?.phasesSimulatedMs ?? {},
    target: { medianWallMs: 10, met: medianWallMs <= 10 },
  };
}
