// Benchmark (f), issue 2's: the simulator core's events per wall second and simulated-time speedup,
// for the kernel alone (a chain of no-op timers), an idle world (hub and two clusters with Ramen
// configured and no apps: only periodic work such as leases, status probes and S3 checks) and a busy
// one (the default 10 apps in steady state, writing, replicating and backing up).

import { SimTime } from '../../sim/kernel/sim-time.js';
import { buildEnvironment } from '../../sim/world/build-environment.js';
import { round, timed } from './measure.js';
import { worldDecl } from './worlds.js';

export interface CoreRow {
  name: string;
  simulatedMs: number;
  events: number;
  wallMs: number;
  cpuMs: number;
  eventsPerWallSecond: number;
  eventsPerCpuSecond: number;
  /** Simulated over wall time; for the kernel row, with 1 ms between events. */
  speedup: number;
  speedupCpu: number;
}

function row(name: string, simulatedMs: number, events: number, wallMs: number, cpuMs: number): CoreRow {
  return {
    name,
    simulatedMs,
    events,
    wallMs: round(wallMs),
    cpuMs: round(cpuMs),
    eventsPerWallSecond: Math.round((events * 1000) / wallMs),
    eventsPerCpuSecond: Math.round((events * 1000) / cpuMs),
    speedup: Math.round(simulatedMs / wallMs),
    speedupCpu: Math.round(simulatedMs / cpuMs),
  };
}

export async function kernelOnly(events: number): Promise<CoreRow> {
  const time = new SimTime(0);
  let n = 0;
  const tick = (): void => {
    n++;
    if (n < events) time.after(1, 'tick', tick);
  };
  time.after(1, 'tick', tick);
  const t = await timed(() => time.run({}));
  return row('kernel: no-op events', time.nowMs(), n, t.timing.wallMs, t.timing.cpuMs);
}

export async function worldRow(name: string, apps: number, simulatedMs: number, settleMs: number): Promise<CoreRow> {
  const env = await buildEnvironment({ seed: 1, decl: worldDecl(apps) });
  // Let the world settle first (apps protected), so the row measures the steady state.
  await env.world.runFor(settleMs);
  const e0 = env.world.time.eventsProcessed;
  const t = await timed(() => env.world.runFor(simulatedMs));
  return row(name, simulatedMs, env.world.time.eventsProcessed - e0, t.timing.wallMs, t.timing.cpuMs);
}

export interface CoreOptions {
  kernelEvents: number;
  idleMs: number;
  busyMs: number;
  /** Simulated time before measuring the worlds, so they are in steady state. */
  settleMs: number;
  /** Apps of the busy world; the default world has 10. */
  busyApps: number;
}

export async function runCore(options: CoreOptions): Promise<CoreRow[]> {
  return [
    await kernelOnly(options.kernelEvents),
    await worldRow('idle world: no apps', 0, options.idleMs, options.settleMs),
    await worldRow(`busy world: ${options.busyApps} apps, ${options.busyApps * 2} PVCs`, options.busyApps, options.busyMs, options.settleMs),
  ];
}
