// Benchmark (c): N apps with 2 PVCs each, all homed alternately on dr1 and dr2, reach Protected. Each
// N runs in a child process of its own, so its peak memory (maxRSS) and heap are its own and one
// point's garbage does not slow the next. The growth exponents are least-squares slopes on log-log.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildEnvironment } from '../../sim/world/build-environment.js';
import { fitExponent, HeapPeak, MiB, progress, round } from './measure.js';
import { ProtectedCount, worldDecl, type AppShape, DEFAULT_APP } from './worlds.js';

export interface ScalePoint {
  apps: number;
  pvcs: number;
  /** Whether every DRPC reported Protected before the simulated timeout. */
  reached: boolean;
  protectedApps: number;
  /** World build plus the run to Protected. */
  wallMs: number;
  cpuMs: number;
  buildWallMs: number;
  simulatedMs: number;
  events: number;
  traceEvents: number;
  /** The run's trace digest: the trace is produced and hashed in full, but not kept in memory. */
  traceDigest?: string;
  peakHeapMiB: number;
  maxRssMiB: number;
  /** Set when the child failed or went over its wall budget. */
  error?: string;
}

export interface ScaleFigures {
  writesPerMinute: number;
  points: ScalePoint[];
  /** wall ~ N^timeExponent over the points that reached Protected. */
  timeExponent: number;
  memoryExponent: number;
  skipped: { apps: number; reason: string }[];
  targets: { apps: number; wallMs: number; memoryMiB?: number; met: boolean | null }[];
}

const SIM_TIMEOUT_MS = 4 * 60 * 60_000;

/** One point, in this process: what the child runs. */
export async function scalePoint(apps: number, shape: AppShape, onProgress?: (partial: ScalePoint) => void): Promise<ScalePoint> {
  const heap = new HeapPeak();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  // Every event is still emitted and hashed; only the in-memory copy, which nothing here reads, is dropped.
  const env = await buildEnvironment({ seed: 1, decl: worldDecl(apps, shape), traceRetention: 'digest' });
  const buildWallMs = performance.now() - t0;
  const count = new ProtectedCount(env);
  const snapshot = (reached: boolean): ScalePoint => {
    const c = process.cpuUsage(c0);
    return {
      apps,
      pvcs: apps * shape.pvcsPerApp,
      reached,
      protectedApps: count.count,
      wallMs: round(performance.now() - t0),
      cpuMs: round((c.user + c.system) / 1000),
      buildWallMs: round(buildWallMs),
      simulatedMs: env.world.elapsedMs(),
      events: env.world.time.eventsProcessed,
      traceEvents: env.world.trace.length,
      peakHeapMiB: round(heap.peakBytes / MiB),
      maxRssMiB: round((process.resourceUsage().maxRSS * 1024) / MiB),
    };
  };
  let lastReport = performance.now();
  const reached = await env.world.runUntil(() => {
    heap.sample(2000);
    if (apps >= 100 && performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      progress(`scale ${apps} apps: ${count.count} protected, ${env.world.time.eventsProcessed} events, ${Math.round(env.world.elapsedMs() / 1000)} simulated s`);
      onProgress?.(snapshot(false));
    }
    return count.count >= apps;
  }, SIM_TIMEOUT_MS);
  heap.sample();
  return { ...snapshot(reached), traceDigest: env.world.trace.digest() };
}

const CHILD = fileURLToPath(new URL('../scale-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

function inChild(apps: number, shape: AppShape, wallBudgetMs: number): Promise<ScalePoint> {
  return new Promise((resolve) => {
    // tsx loads the TypeScript child, whether the parent runs under tsx or under vitest.
    const child = spawn(process.execPath, ['--max-old-space-size=12288', '--import', 'tsx', CHILD, String(apps), JSON.stringify(shape)], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const failed = (error: string): ScalePoint => ({ apps, pvcs: apps * shape.pvcsPerApp, reached: false, protectedApps: 0, wallMs: Number.NaN, cpuMs: Number.NaN, buildWallMs: Number.NaN, simulatedMs: 0, events: 0, traceEvents: 0, peakHeapMiB: Number.NaN, maxRssMiB: Number.NaN, error });
    const timer = setTimeout(() => child.kill('SIGKILL'), wallBudgetMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // The child prints a partial point at every progress report and the final one last.
      const line = out.trim().split('\n').pop() ?? '';
      let last: (ScalePoint & { partial?: boolean }) | undefined;
      try {
        last = JSON.parse(line) as ScalePoint & { partial?: boolean };
      } catch {
        last = undefined;
      }
      const why = signal === 'SIGKILL' ? `over the wall budget of ${Math.round(wallBudgetMs / 1000)} s` : `child exited with ${code ?? signal}`;
      if (!last) resolve(failed(why));
      else if (last.partial) {
        const { partial: _partial, ...point } = last;
        resolve({ ...point, error: `${why}; when last reported: ${point.protectedApps} of ${apps} protected after ${Math.round(point.simulatedMs / 1000)} simulated s, ${point.events} events, ${Math.round(point.wallMs / 1000)} s wall` });
      } else resolve(last);
    });
  });
}

export interface ScaleOptions {
  sizes: number[];
  shape?: AppShape;
  /** Wall budget per point; a point over it is killed and reported as such. */
  wallBudgetMs?: number;
  /** Sizes not attempted, with why (e.g. 10,000 apps in quick mode). */
  skipped?: { apps: number; reason: string }[];
}

export async function runScale(options: ScaleOptions): Promise<ScaleFigures> {
  const shape = options.shape ?? DEFAULT_APP;
  const points: ScalePoint[] = [];
  for (const n of options.sizes) {
    progress(`scale: ${n} apps`);
    const p = await inChild(n, shape, options.wallBudgetMs ?? 15 * 60_000);
    points.push(p);
    progress(`scale: ${n} apps ${p.reached ? 'protected' : `not protected (${p.error ?? `${p.protectedApps} of ${n}`})`} in ${p.wallMs} ms wall, ${p.maxRssMiB} MiB maxRSS`);
  }
  const ok = points.filter((p) => p.reached);
  const targetFor = (apps: number, wallMs: number, memoryMiB?: number) => {
    const p = points.find((x) => x.apps === apps);
    const met = p === undefined ? null : p.reached && p.wallMs <= wallMs && (memoryMiB === undefined || p.maxRssMiB <= memoryMiB);
    return { apps, wallMs, ...(memoryMiB === undefined ? {} : { memoryMiB }), met };
  };
  return {
    writesPerMinute: shape.writesPerMinute,
    points,
    timeExponent: round(fitExponent(ok.map((p) => ({ x: p.apps, y: p.wallMs }))), 2),
    memoryExponent: round(fitExponent(ok.map((p) => ({ x: p.apps, y: p.maxRssMiB }))), 2),
    skipped: options.skipped ?? [],
    targets: [targetFor(1000, 10_000), targetFor(10_000, 120_000, 2048)],
  };
}
