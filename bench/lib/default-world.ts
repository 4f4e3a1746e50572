// Benchmark (a): the default world (hub and two clusters, 10 apps with 2 PVCs each, a 5-minute
// scheduling interval, kube object protection) run for a simulated day with faults on. Every six
// hours one cluster is lost and its apps fail over, the cluster comes back, the apps relocate home,
// then the hub loses one cluster for a while and the two clusters lose each other. The schedule is
// fixed, so the run is deterministic and its digest comparable across commits. The default app
// writes to each PVC once a second (the scenario format's default of 60 writes a minute).

import { buildEnvironment } from '../../sim/world/build-environment.js';
import type { BuiltEnvironment } from '../../sim/world/build-environment.js';
import type { FaultDecl } from '../../sim/world/world-decl.js';
import { progress, round, timed } from './measure.js';
import { conditionTrue, DEFAULT_APP, drAction, drpcOf, worldDecl } from './worlds.js';

export interface DefaultWorldOptions {
  simulatedHours: number;
  apps?: number;
  seed?: number;
  /** Each app's write rate; the scenario format's default, 60, unless stated. */
  writesPerMinute?: number;
}

export interface DefaultWorldFigures {
  apps: number;
  pvcs: number;
  writesPerMinute: number;
  simulatedHours: number;
  wallMs: number;
  cpuMs: number;
  buildWallMs: number;
  /** Simulated time over wall time of the run (world build excluded). */
  speedup: number;
  /** Simulated time over CPU time: the speedup on an otherwise idle core. */
  speedupCpu: number;
  events: number;
  traceEvents: number;
  usPerEventCpu: number;
  faults: number;
  drActions: number;
  /** Apps whose DRPC is Protected and not mid-action when the day ends: the run did real work. */
  protectedAtEnd: number;
  traceDigest: string;
  target: { speedup: number; met: boolean };
}

interface Planned {
  atMs: number;
  label: string;
  act: (env: BuiltEnvironment) => Promise<void>;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * Six-hour blocks (a shorter run is one block squeezed into its length): at 1/6 of the block the
 * victim cluster goes down and its apps fail over a minute later, at 1/4 it comes back, at 1/2 the
 * apps relocate home, at 3/4 the hub loses the other cluster for 1/24 of the block, and at 5/6 the
 * two clusters lose each other for 1/18 of it.
 */
function schedule(env: BuiltEnvironment, hours: number): Planned[] {
  const plan: Planned[] = [];
  const apps = env.world.decl.apps;
  const block = Math.min(6 * HOUR, hours * HOUR);
  const at = (t: number, fraction: number): number => t + Math.round(block * fraction);
  const fault = (atMs: number, f: FaultDecl): void => void plan.push({ atMs, label: `fault ${f.type}`, act: (e) => e.faults.inject(f) });
  for (let n = 0; n * block < hours * HOUR; n++) {
    const t = n * block;
    const victim = n % 2 === 0 ? 'dr1' : 'dr2';
    const other = victim === 'dr1' ? 'dr2' : 'dr1';
    const homed = apps.filter((a) => a.cluster === victim);
    fault(at(t, 1 / 6), { type: 'clusterDown', cluster: victim });
    for (const a of homed) plan.push({ atMs: at(t, 1 / 6) + MIN, label: `failover ${a.name}`, act: (e) => drAction(e, a, 'Failover', other) });
    fault(at(t, 1 / 4), { type: 'clusterUp', cluster: victim });
    for (const a of homed) plan.push({ atMs: at(t, 1 / 2), label: `relocate ${a.name}`, act: (e) => drAction(e, a, 'Relocate', victim) });
    fault(at(t, 3 / 4), { type: 'partition', from: 'hub', to: other, oneWay: false });
    fault(at(t, 3 / 4 + 1 / 24), { type: 'heal', from: 'hub', to: other });
    fault(at(t, 5 / 6), { type: 'partition', from: 'dr1', to: 'dr2', oneWay: false });
    fault(at(t, 5 / 6 + 1 / 18), { type: 'heal', from: 'dr1', to: 'dr2' });
  }
  return plan.filter((p) => p.atMs < hours * HOUR).sort((a, b) => a.atMs - b.atMs);
}

export async function runDefaultWorld(options: DefaultWorldOptions): Promise<DefaultWorldFigures> {
  const apps = options.apps ?? 10;
  const durationMs = options.simulatedHours * HOUR;
  const writesPerMinute = options.writesPerMinute ?? DEFAULT_APP.writesPerMinute;
  const built = await timed(() => buildEnvironment({ seed: options.seed ?? 1, decl: worldDecl(apps, { ...DEFAULT_APP, writesPerMinute }) }));
  const env = built.value;
  const plan = schedule(env, options.simulatedHours);
  let faults = 0;
  let actions = 0;
  const run = await timed(async () => {
    let nextReport = HOUR;
    const runTo = async (atMs: number): Promise<void> => {
      while (env.world.elapsedMs() < atMs) {
        const stop = Math.min(atMs, nextReport);
        await env.world.runFor(stop - env.world.elapsedMs());
        if (env.world.elapsedMs() >= nextReport) {
          progress(`default world: ${nextReport / HOUR}/${options.simulatedHours} simulated hours, ${env.world.time.eventsProcessed} events`);
          nextReport += HOUR;
        }
      }
    };
    for (const p of plan) {
      await runTo(p.atMs);
      await p.act(env);
      if (p.label.startsWith('fault')) faults++;
      else actions++;
    }
    await runTo(durationMs);
  });
  const protectedAtEnd = env.world.decl.apps.filter((a) => {
    const d = drpcOf(env, a);
    return conditionTrue(d?.status, 'Protected') && ['Deployed', 'Relocated', 'FailedOver'].includes(d?.status?.phase ?? '');
  }).length;
  const events = env.world.time.eventsProcessed;
  const speedup = durationMs / run.timing.wallMs;
  return {
    apps,
    pvcs: apps * 2,
    writesPerMinute,
    simulatedHours: options.simulatedHours,
    wallMs: round(run.timing.wallMs),
    cpuMs: round(run.timing.cpuMs),
    buildWallMs: round(built.timing.wallMs),
    speedup: Math.round(speedup),
    speedupCpu: Math.round(durationMs / run.timing.cpuMs),
    events,
    traceEvents: env.world.trace.length,
    usPerEventCpu: round((run.timing.cpuMs * 1000) / events, 2),
    faults,
    drActions: actions,
    protectedAtEnd,
    traceDigest: env.world.trace.digest(),
    target: { speedup: 10_000, met: speedup >= 10_000 },
  };
}
