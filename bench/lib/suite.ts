// The benchmark suite: which benchmarks run, at what size (full, quick for CI smoke, or a tiny
// configuration for the unit test), one table row per figure as each finishes, and one JSON report
// with every figure, the targets and whether each is met, the commit, Node's version and the cores.

import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { ENSURE_COMMAND, runApiServer, type ApiServerFigures } from './apiserver.js';
import { runChaos, type ChaosFigures } from './chaos.js';
import { runCore, type CoreOptions, type CoreRow } from './core.js';
import { runDefaultWorld, type DefaultWorldFigures } from './default-world.js';
import { runDrCycle, type DrCycleFigures } from './dr-cycle.js';
import { runInvariants, type InvariantFigures } from './invariants.js';
import { MiB, progress, round } from './measure.js';
import { runScale, type ScaleFigures } from './scale.js';

export const BENCHMARKS = ['world', 'cycle', 'scale', 'chaos', 'invariants', 'core', 'apiserver'] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];
/** The issue's letters, accepted by --only as well. */
export const LETTERS: Record<string, BenchmarkName> = { a: 'world', b: 'cycle', c: 'scale', d: 'chaos', e: 'invariants', f: 'core', g: 'apiserver' };

export type Mode = 'full' | 'quick' | 'tiny';

export interface SuiteConfig {
  mode: Mode;
  worldHours: number;
  worldApps: number;
  worldWritesPerMinute: number;
  cycleRuns: number;
  cycleWarmup: number;
  scaleSizes: number[];
  scaleSkipped: { apps: number; reason: string }[];
  scaleBudgetMs: number;
  chaosRuns: number;
  chaosRunLengthMs: number;
  invariantEvents: number;
  invariantApps: number;
  invariantStepMs: number;
  core: CoreOptions;
  /** Why the apiserver benchmark (real servers, minutes of wall time) is not run; run.ts clears it when --only names it. */
  apiserverSkip?: string;
}

const HOUR = 3_600_000;
const APISERVER_SKIP = (mode: Mode): string => `${mode} mode: it starts real servers and runs for minutes; name it (--only apiserver, or g) to run it`;

export function configFor(mode: Mode): SuiteConfig {
  switch (mode) {
    case 'full':
      return {
        mode,
        worldHours: 24,
        worldApps: 10,
        worldWritesPerMinute: 60,
        cycleRuns: 21,
        cycleWarmup: 2,
        scaleSizes: [10, 100, 1000, 10_000],
        scaleSkipped: [],
        // 10,000 apps is about 10 million events: tens of minutes on 2 cores.
        scaleBudgetMs: 30 * 60_000,
        chaosRuns: 20,
        chaosRunLengthMs: HOUR,
        invariantEvents: 100_000,
        invariantApps: 10,
        invariantStepMs: 20 * 60_000,
        core: { kernelEvents: 1_000_000, idleMs: 24 * HOUR, busyMs: HOUR, settleMs: 10 * 60_000, busyApps: 10 },
      };
    case 'quick':
      return {
        mode,
        worldHours: 0.5,
        worldApps: 10,
        worldWritesPerMinute: 60,
        cycleRuns: 3,
        cycleWarmup: 1,
        scaleSizes: [5, 10, 20],
        scaleSkipped: [
          { apps: 1000, reason: 'quick mode' },
          { apps: 10_000, reason: 'quick mode' },
        ],
        scaleBudgetMs: 2 * 60_000,
        chaosRuns: 2,
        chaosRunLengthMs: HOUR,
        invariantEvents: 10_000,
        invariantApps: 10,
        invariantStepMs: 5 * 60_000,
        core: { kernelEvents: 100_000, idleMs: 2 * HOUR, busyMs: 5 * 60_000, settleMs: 5 * 60_000, busyApps: 10 },
        apiserverSkip: APISERVER_SKIP('quick'),
      };
    case 'tiny':
      return {
        mode,
        worldHours: 0.1,
        worldApps: 2,
        worldWritesPerMinute: 60,
        cycleRuns: 1,
        cycleWarmup: 0,
        scaleSizes: [1, 2],
        scaleSkipped: [{ apps: 1000, reason: 'tiny mode' }],
        scaleBudgetMs: 2 * 60_000,
        chaosRuns: 1,
        chaosRunLengthMs: 5 * 60_000,
        invariantEvents: 1_000,
        invariantApps: 1,
        invariantStepMs: 5 * 60_000,
        core: { kernelEvents: 1_000, idleMs: 10 * 60_000, busyMs: 60_000, settleMs: 60_000, busyApps: 1 },
        apiserverSkip: APISERVER_SKIP('tiny'),
      };
  }
}

export interface TargetRow {
  benchmark: string;
  figure: string;
  measured: string;
  target: string;
  /** true or false when measured against the target; null when pending or not measurable here. */
  met: boolean | null;
  note?: string;
}

export interface BenchReport {
  schema: 'drsim-bench/v1';
  mode: Mode;
  commit: string;
  /** Uncommitted changes in the tree when the bench ran. */
  dirty: boolean;
  node: string;
  cores: number;
  cpu: string;
  platform: string;
  /** 1-minute load average at the start and the end: above the core count, wall times include waiting. */
  loadAverage: { start: number; end: number };
  startedAt: string;
  wallMs: number;
  results: {
    world?: DefaultWorldFigures;
    cycle?: DrCycleFigures;
    scale?: ScaleFigures;
    chaos?: ChaosFigures;
    invariants?: InvariantFigures;
    core?: CoreRow[];
    apiserver?: ApiServerFigures;
  };
  rows: TargetRow[];
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits }) : String(n));

function worldRows(w: DefaultWorldFigures): TargetRow[] {
  return [
    {
      benchmark: '(a) default world',
      figure: `${w.simulatedHours} h simulated / wall (${w.apps} apps, ${w.pvcs} PVCs, ${w.writesPerMinute} writes/min each, ${w.faults} faults, ${w.drActions} DR actions, ${w.protectedAtEnd} protected at the end)`,
      measured: `${fmt(w.speedup)}x wall (${fmt(w.speedupCpu)}x CPU; ${fmt(w.wallMs / 1000, 1)} s wall, ${fmt(w.events)} events, ${w.usPerEventCpu} µs/event)`,
      target: '>= 10,000x',
      met: w.target.met,
    },
  ];
}

function cycleRows(c: DrCycleFigures): TargetRow[] {
  return [
    {
      benchmark: '(b) DR cycle',
      figure: `median wall of ${c.runs} runs (enable, failover, cleanup, relocate, disable)`,
      measured: `${c.medianWallMs} ms (CPU ${c.medianCpuMs} ms; ${fmt(c.events)} events, ${fmt(c.simulatedMs / 1000)} s simulated${c.allPassed ? '' : ', SOME RUNS FAILED'})`,
      target: '<= 10 ms',
      met: c.target.met,
    },
  ];
}

function scaleRows(s: ScaleFigures): TargetRow[] {
  const rows: TargetRow[] = s.points.map((p) => ({
    benchmark: '(c) scale',
    figure: `${fmt(p.apps)} apps (${fmt(p.pvcs)} PVCs) to Protected`,
    measured: `${p.error ? `${p.error}; ` : ''}${fmt(p.wallMs / 1000, 1)} s wall (CPU ${fmt(p.cpuMs / 1000, 1)} s, ${fmt((p.cpuMs * 1000) / Math.max(1, p.events))} µs per event), ${fmt(p.maxRssMiB)} MiB maxRSS${p.reached ? '' : `, ${p.protectedApps} protected`}`,
    target: p.apps === 1000 ? '<= 10 s' : p.apps === 10_000 ? '<= 120 s, < 2 GiB' : '-',
    met: p.apps === 1000 ? p.reached && p.wallMs <= 10_000 : p.apps === 10_000 ? p.reached && p.wallMs <= 120_000 && p.maxRssMiB < 2048 : null,
  }));
  for (const k of s.skipped) rows.push({ benchmark: '(c) scale', figure: `${fmt(k.apps)} apps`, measured: `not run: ${k.reason}`, target: k.apps === 1000 ? '<= 10 s' : '<= 120 s, < 2 GiB', met: null });
  const fitted = s.points.filter((p) => p.reached).map((p) => fmt(p.apps));
  rows.push({
    benchmark: '(c) scale',
    figure: `growth exponent (wall, maxRSS) vs apps, fitted over N = ${fitted.join(', ') || 'none'} (the points that reached Protected)`,
    measured: `time ~ N^${s.timeExponent}, memory ~ N^${s.memoryExponent}`,
    target: 'report',
    met: null,
  });
  return rows;
}

function chaosRows(c: ChaosFigures): TargetRow[] {
  return [
    {
      benchmark: '(d) chaos',
      figure: `2,000 runs of ${fmt(c.runLengthMs / 60_000)} simulated min with invariants (${c.status}: ${c.runs} runs)`,
      measured: `${fmt(c.wallMsFor2000 / 1000)} s for 2,000 (${fmt(c.medianRunWallMs)} ms per run)`,
      target: '<= 300 s',
      met: c.target.met,
      ...(c.note ? { note: c.note } : {}),
    },
  ];
}

function invariantRows(i: InvariantFigures): TargetRow[] {
  return [
    {
      benchmark: '(e) invariants',
      figure: `checking 100,000 trace events (${i.status}, ${i.checkers} checkers)`,
      measured: `${fmt(i.wallMsPer100k)} ms per 100k (${fmt(i.eventsPerSecond)} events/s over ${fmt(i.traceEvents)} events)`,
      target: '<= 2,000 ms',
      met: i.target.met,
    },
  ];
}

function coreRows(rows: CoreRow[]): TargetRow[] {
  return rows.map((r) => ({
    benchmark: '(f) core',
    figure: r.name,
    measured: `${fmt(r.eventsPerWallSecond)} events/s wall (${fmt(r.eventsPerCpuSecond)} CPU), speedup ${fmt(r.speedup)}x (${fmt(r.speedupCpu)}x CPU)`,
    target: 'report',
    met: null,
  }));
}

function apiserverRows(a: ApiServerFigures): TargetRow[] {
  const row = (figure: string, measured: string): TargetRow => ({ benchmark: '(g) apiserver', figure, measured, target: 'report', met: null });
  if (a.status === 'skipped') return [row('hub, dr1, dr2 on real servers', `not run: ${a.reason ?? ''}`)];
  const rows: TargetRow[] = [];
  const { binaries: b, clusters: c, failover: f } = a;
  if (b) {
    rows.push(row(`binaries: ${ENSURE_COMMAND} with them ${b.ensure.outcome} in ${b.dir}`, `${b.ensure.wallS} s wall`));
    rows.push(row('binaries: restored from the machine cache into an empty dir', b.restore ? `${b.restore.wallS} s wall (${fmt(b.restore.bytes / MiB)} MiB)` : `not measured: ${b.restoreSkipped ?? ''}`));
  }
  if (c) {
    const cpu = c.serversCpuS === undefined ? '' : `; servers' CPU over their life ${c.serversCpuS} s`;
    rows.push(row(`start ${c.clusters.join(', ')} (startEnvironment, as \`drsim apiserver up\`)`, `${c.start.wallS} s wall (bench CPU ${c.start.cpuS} s)`));
    rows.push(row('stop them and remove their state', `${c.stop.wallS} s wall${cpu}`));
  }
  if (f) {
    const steps = f.steps.map((x) => `${x.label} ${x.wallS} s${x.simVirtualS === undefined ? '' : ` (sim ${x.simVirtualS})`}`).join('; ');
    rows.push(row(`${f.scenario} on real servers, end to end${f.passed ? '' : ` (FAILED: ${f.failure ?? 'see steps'})`}`, `${f.total.wallS} s wall (bench CPU ${f.total.cpuS} s${f.serversCpuS === undefined ? '' : `, servers' CPU ${f.serversCpuS} s`}): servers ${f.serversUpS} s, operators ${f.operatorsUpS} s, steps ${f.stepsS} s, teardown ${f.teardownS} s`));
    rows.push(row('planned failover: enable until Protected; failover until FailedOver/Completed', `${f.enableS} s; ${f.failoverS} s (every step, wall: ${steps})`));
    const sim = `same file on the simulator, median of ${f.sim.runs} runs${f.sim.passed ? '' : ' (SOME FAILED)'}${f.sim.sameDigest ? '' : ' (TRACES DIFFER)'}`;
    rows.push(row(sim, `${f.sim.virtualS} virtual s in ${f.sim.medianWallS} s wall (CPU ${f.sim.medianCpuS} s; first run ${f.sim.firstWallS} s); real wall / simulator wall ${fmt(f.realOverSimWall)}x; real steps / simulated steps ${f.realStepsOverSimVirtual}x`));
  }
  if (a.status === 'failed') rows.push(row('error', `${a.error ?? ''}${a.kept ? ` (state and logs kept in ${a.kept})` : ''}`));
  if (a.leftovers.length > 0) rows.push(row('server processes left running (then killed)', a.leftovers.join('; ')));
  return rows;
}

export function formatRow(r: TargetRow): string {
  const met = r.met === null ? '  -  ' : r.met ? ' met ' : ' MISS';
  return `| ${r.benchmark.padEnd(17)} | ${r.figure} | ${r.measured} | ${r.target} | ${met} |`;
}

export const TABLE_HEADER = '| benchmark         | figure | measured | target | met |\n|---|---|---|---|---|';

export async function runSuite(config: SuiteConfig, only: readonly BenchmarkName[], onRows: (rows: TargetRow[]) => void = () => undefined): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const load0 = loadavg()[0] ?? 0;
  const results: BenchReport['results'] = {};
  const rows: TargetRow[] = [];
  const add = (r: TargetRow[]): void => {
    rows.push(...r);
    onRows(r);
  };
  for (const name of BENCHMARKS.filter((b) => only.includes(b))) {
    progress(`${name}: start (${config.mode})`);
    switch (name) {
      case 'world':
        results.world = await runDefaultWorld({ simulatedHours: config.worldHours, apps: config.worldApps, writesPerMinute: config.worldWritesPerMinute });
        add(worldRows(results.world));
        break;
      case 'cycle':
        results.cycle = await runDrCycle({ runs: config.cycleRuns, warmup: config.cycleWarmup });
        add(cycleRows(results.cycle));
        break;
      case 'scale':
        results.scale = await runScale({ sizes: config.scaleSizes, skipped: config.scaleSkipped, wallBudgetMs: config.scaleBudgetMs });
        add(scaleRows(results.scale));
        break;
      case 'chaos':
        results.chaos = await runChaos({ campaignRuns: config.chaosRuns, runLengthMs: config.chaosRunLengthMs });
        add(chaosRows(results.chaos));
        break;
      case 'invariants':
        results.invariants = await runInvariants({ traceEvents: config.invariantEvents, apps: config.invariantApps, stepMs: config.invariantStepMs });
        add(invariantRows(results.invariants));
        break;
      case 'core':
        results.core = await runCore(config.core);
        add(coreRows(results.core));
        break;
      case 'apiserver':
        results.apiserver = await runApiServer(config.apiserverSkip ? { skip: config.apiserverSkip } : {});
        add(apiserverRows(results.apiserver));
        break;
    }
  }
  return {
    schema: 'drsim-bench/v1',
    mode: config.mode,
    commit: git(['rev-parse', 'HEAD']) || 'unknown',
    dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
    node: process.version,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    platform: `${process.platform}-${process.arch}`,
    loadAverage: { start: round(load0, 2), end: round(loadavg()[0] ?? 0, 2) },
    startedAt,
    wallMs: Math.round(performance.now() - t0),
    results,
    rows,
  };
}
