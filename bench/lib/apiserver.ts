// Benchmark (g): the apiserver backend in wall seconds. Three figures, each through the code path a
// user's command takes, so the numbers are what `drsim` costs and not a re-implementation's:
//   1. the binaries: found in the bin dir, or restored from the machine cache, by scripts/backends/ensure.sh
//      (what CI and the tests run); a restore is measured into a scratch dir when the bin dir is already full;
//   2. hub, dr1, dr2 and MinIO started and stopped by startEnvironment (`drsim apiserver up` / `down`);
//   3. scenarios/realtime/planned-failover.yaml through runScenarioRealTime (`drsim run --backend
//      apiserver`), step by step, and the same file on the simulator as the comparison.
// Missing binaries make it a skip naming the command that provides them; it never builds them (a cold
// build takes 15 minutes). Every server it starts lives under one scratch root, so what outlives a
// phase can be found by that root in the process list and stopped by pid.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ALL_BINARIES, REPO_ROOT, binDir, builtVersion, missingBinaries, type BinaryName } from '../../kind/control-plane/binaries.js';
import { startEnvironment } from '../../kind/control-plane/environment.js';
import { runScenarioRealTime } from '../../scenarios/runner/run-real-time.js';
import { runScenarioChecked } from '../../scenarios/runner/run-result.js';
import { loadScenario } from '../../scenarios/runner/run-scenario-file.js';
import { median, progress, round, timed } from './measure.js';

export const APISERVER_SCENARIO = 'scenarios/realtime/planned-failover.yaml';
const ENSURE = 'scripts/backends/ensure.sh';
export const ENSURE_COMMAND = `bash ${ENSURE}`;
const SIM_RUNS = 5;

interface Seconds {
  wallS: number;
  /** CPU of the bench process (drsim's own code: client, operators, agents). */
  cpuS: number;
}

export interface BinaryFigures {
  dir: string;
  versions: Partial<Record<BinaryName, string>>;
  /** ensure.sh over the bin dir as it was: a look-up when full, a restore when empty. Its CPU is a child's, not the bench's. */
  ensure: { wallS: number; outcome: 'present' | 'restored'; output: string };
  /** ensure.sh restoring every binary into an empty scratch dir; absent when the machine cache is not filled. */
  restore?: { wallS: number; bytes: number; output: string };
  restoreSkipped?: string;
}

export interface ClusterFigures {
  clusters: string[];
  start: Seconds;
  /** startEnvironment's own start-up figure (what `drsim apiserver up` prints). */
  reportedStartS: number;
  stop: Seconds;
  /** CPU of every server process over its whole life, read once they are reaped (Linux only). */
  serversCpuS?: number;
}

export interface StepFigure {
  label: string;
  ok: boolean;
  /** From the step's start to its end. */
  wallS: number;
  /** The simulator's virtual seconds for the same step. */
  simVirtualS?: number;
}

export interface FailoverFigures {
  scenario: string;
  passed: boolean;
  /** runScenarioRealTime end to end: servers up, operators, steps, servers stopped. */
  total: Seconds;
  serversUpS: number;
  /** From the servers being up to the first step: the operators and agents starting. */
  operatorsUpS: number;
  stepsS: number;
  /** From the last step's end until the run returned: servers stopped, state removed. */
  teardownS: number;
  steps: StepFigure[];
  /** The first step, the wait until the DRPC is Protected. */
  enableS: number;
  /** The failover action and the wait until FailedOver/Completed. */
  failoverS: number;
  serversCpuS?: number;
  /** The file on the simulator, SIM_RUNS times in this process: the first run pays for loading and JIT. */
  sim: { runs: number; passed: boolean; sameDigest: boolean; firstWallS: number; medianWallS: number; medianCpuS: number; virtualS: number };
  /** Real end-to-end wall over the simulator's median wall for the same file. */
  realOverSimWall: number;
  /** Real wall of the steps over the simulator's virtual time of the same steps. */
  realStepsOverSimVirtual: number;
  failure?: string;
  /** A failed run's servers' state, logs and trace, kept for diagnosis. */
  kept?: string;
}

export interface ApiServerFigures {
  status: 'measured' | 'skipped' | 'failed';
  reason?: string;
  binaries?: BinaryFigures;
  clusters?: ClusterFigures;
  failover?: FailoverFigures;
  /** Server processes of this benchmark still running after it (each was then killed by pid); should be empty. */
  leftovers: string[];
  error?: string;
  /** The scratch directory, kept when something failed (servers' logs); removed otherwise. */
  kept?: string;
}

const s = (ms: number): number => round(ms / 1000, 2);
const secondsOf = (t: { wallMs: number; cpuMs: number }): Seconds => ({ wallS: s(t.wallMs), cpuS: s(t.cpuMs) });

const versionsFile = (): string => readFileSync(join(REPO_ROOT, 'scripts/backends/versions.env'), 'utf8');

function sharedCacheDir(): string {
  const key = createHash('sha256').update(versionsFile()).digest('hex').slice(0, 16);
  return join(process.env.DRSIM_BACKENDS_CACHE ?? join(homedir(), '.cache', 'drsim', 'backends'), key);
}

/**
 * Every binary in `dir`, stamped with its pinned version: what ensure.sh accepts without building. The
 * bench must know before calling it, because when neither the bin dir nor the cache is fresh ensure.sh
 * starts a 15-minute build.
 */
function freshIn(dir: string): boolean {
  const pinned = Object.fromEntries([...versionsFile().matchAll(/^(\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
  const want: Record<BinaryName, string | undefined> = {
    etcd: pinned.ETCD_VERSION,
    'kube-apiserver': pinned.KUBE_VERSION,
    'kube-controller-manager': pinned.KUBE_VERSION,
    minio: pinned.MINIO_VERSION,
  };
  return ALL_BINARIES.every((n) => {
    try {
      accessSync(join(dir, n), constants.X_OK);
      return readFileSync(join(dir, `${n}.version`), 'utf8').trim() === want[n];
    } catch {
      return false;
    }
  });
}

let clockTicks: number | undefined;

/** User plus system CPU of the reaped children of this process, seconds; undefined off Linux. */
function childrenCpuS(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // Asked once: getconf is a child too, and its CPU would land in the very figure being read.
    const ticks = (clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()));
    // After the command name: field 3 (state) is index 0, so cutime (16) and cstime (17) are 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / ticks;
  } catch {
    return undefined;
  }
}

const cpuDelta = (before: number | undefined): number | undefined => {
  const after = childrenCpuS();
  return before === undefined || after === undefined ? undefined : round(after - before, 2);
};

async function ensure(env: Record<string, string>): Promise<{ wallS: number; output: string }> {
  const t = await timed(async () => execFileSync('bash', [join(REPO_ROOT, ENSURE)], { encoding: 'utf8', env: { ...process.env, ...env } }).trim());
  return { wallS: s(t.timing.wallMs), output: t.value };
}

async function measureBinaries(scratchBase: string): Promise<BinaryFigures> {
  const shared = sharedCacheDir();
  const present = freshIn(binDir());
  const ensured = await ensure({});
  const figures: BinaryFigures = {
    dir: binDir(),
    versions: Object.fromEntries(ALL_BINARIES.map((n) => [n, builtVersion(n)])),
    ensure: { ...ensured, outcome: present ? 'present' : 'restored' },
  };
  if (!present) return figures;
  if (!freshIn(shared)) return { ...figures, restoreSkipped: `the machine cache ${shared} is not filled (ensure.sh fills it after a build)` };
  const scratch = mkdtempSync(join(scratchBase, 'bin-'));
  try {
    const restored = await ensure({ DRSIM_BIN_DIR: scratch });
    const bytes = ALL_BINARIES.reduce((sum, n) => sum + statSync(join(scratch, n)).size, 0);
    return { ...figures, restore: { ...restored, bytes } };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function measureClusters(root: string): Promise<ClusterFigures> {
  const cpu0 = childrenCpuS();
  const started = await timed(() => startEnvironment({ root }));
  const env = started.value;
  const stopped = await timed(() => env.stop({ removeData: true }));
  return {
    clusters: [...env.clusters.keys(), ...(env.minio ? ['minio'] : [])],
    start: secondsOf(started.timing),
    reportedStartS: s(env.startMs),
    stop: secondsOf(stopped.timing),
    ...optional('serversCpuS', cpuDelta(cpu0)),
  };
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

async function measureFailover(root: string): Promise<FailoverFigures> {
  const scenario = loadScenario(join(REPO_ROOT, APISERVER_SCENARIO));
  const sims = [];
  for (let i = 0; i < SIM_RUNS; i++) sims.push(await timed(() => runScenarioChecked(scenario, { wallClockMs: () => performance.now() })));
  const simResult = sims[0]!.value.result;
  const simSteps = simResult.steps ?? [];
  const simWallMs = median(sims.map((x) => x.timing.wallMs));
  progress(`apiserver: ${APISERVER_SCENARIO} on the simulator: ${simResult.passed ? 'passed' : 'FAILED'}, median ${s(simWallMs)} s wall of ${SIM_RUNS}`);

  const t0 = performance.now();
  let serversUp = Number.NaN;
  const starts: number[] = [];
  const ends: number[] = [];
  const steps: StepFigure[] = [];
  const cpu0 = childrenCpuS();
  const real = await timed(() =>
    runScenarioRealTime(scenario, {
      root,
      onProgress: (line) => {
        if (line.startsWith('servers up')) serversUp = performance.now();
        progress(`apiserver: ${line}`);
      },
      onStepStart: (i) => void (starts[i] = performance.now()),
      onStep: (o) => {
        ends[o.index] = performance.now();
        const wallMs = ends[o.index]! - (starts[o.index] ?? Number.NaN);
        const simAt = simSteps[o.index]?.atMs;
        const simBefore = o.index > 0 ? (simSteps[o.index - 1]?.atMs ?? 0) : 0;
        steps.push({ label: o.label, ok: o.ok, wallS: s(wallMs), ...optional('simVirtualS', simAt === undefined ? undefined : s(simAt - simBefore)) });
        progress(`apiserver: ${o.ok ? 'ok' : 'FAIL'} ${o.label} (${s(wallMs)} s)`);
      },
    }),
  );
  const end = performance.now();
  const result = real.value.result;
  const first = starts[0] ?? end;
  const last = ends[ends.length - 1] ?? end;
  // Enable is everything before the failover action; the failover is the action and the wait after it.
  const action = scenario.steps.findIndex((x) => x.kind === 'failover');
  const failed = result.steps?.find((x) => !x.ok);
  return {
    scenario: APISERVER_SCENARIO,
    passed: result.passed,
    total: secondsOf(real.timing),
    serversUpS: s(serversUp - t0),
    operatorsUpS: s(first - serversUp),
    stepsS: s(last - first),
    teardownS: s(end - last),
    steps,
    enableS: s((starts[action] ?? Number.NaN) - first),
    failoverS: s((ends[action + 1] ?? Number.NaN) - (starts[action] ?? Number.NaN)),
    ...optional('serversCpuS', cpuDelta(cpu0)),
    sim: {
      runs: SIM_RUNS,
      passed: sims.every((x) => x.value.result.passed),
      sameDigest: sims.every((x) => x.value.result.traceDigest === simResult.traceDigest),
      firstWallS: s(sims[0]!.timing.wallMs),
      medianWallS: s(simWallMs),
      medianCpuS: s(median(sims.map((x) => x.timing.cpuMs))),
      virtualS: s(simResult.virtualDurationMs),
    },
    realOverSimWall: round(real.timing.wallMs / simWallMs, 0),
    realStepsOverSimVirtual: round((last - first) / simResult.virtualDurationMs, 2),
    ...(failed ? { failure: `${failed.label}: ${failed.message ?? 'failed'}` } : {}),
    ...(real.value.kept ? { kept: real.value.kept } : {}),
  };
}

/** Server processes whose command line names `root`, stopped by pid; returns what was found. */
function stopLeftovers(root: string): string[] {
  let lines: string[] = [];
  try {
    lines = execFileSync('pgrep', ['-af', 'kube-apiserver|kube-controller-manager|etcd|minio'], { encoding: 'utf8' }).split('\n');
  } catch {
    // pgrep exits 1 when nothing matches.
  }
  const ours = lines.filter((l) => l.includes(root));
  for (const l of ours) {
    try {
      process.kill(Number(l.split(' ')[0]), 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  return ours;
}

export async function runApiServer(options: { skip?: string } = {}): Promise<ApiServerFigures> {
  if (options.skip) return { status: 'skipped', reason: options.skip, leftovers: [] };
  if (!freshIn(binDir()) && !freshIn(sharedCacheDir())) {
    const missing = missingBinaries();
    return {
      status: 'skipped',
      reason: `${missing.length > 0 ? missing.join(', ') : 'binaries of the pinned versions'} not in ${binDir()} nor in the machine cache ${sharedCacheDir()}: run \`${ENSURE_COMMAND}\` (builds them from the Go module proxy, about 15 min, needs Go >= 1.24, and fills the cache)`,
      leftovers: [],
    };
  }
  const base = join(REPO_ROOT, '.cache', 'apiserver');
  mkdirSync(base, { recursive: true });
  const root = mkdtempSync(join(base, 'bench-'));
  const figures: ApiServerFigures = { status: 'measured', leftovers: [] };
  try {
    progress('apiserver: binaries');
    figures.binaries = await measureBinaries(root);
    progress('apiserver: starting and stopping hub, dr1, dr2 and MinIO');
    figures.clusters = await measureClusters(join(root, 'up'));
    progress(`apiserver: ${APISERVER_SCENARIO}`);
    figures.failover = await measureFailover(join(root, 'run'));
  } catch (err) {
    figures.status = 'failed';
    figures.error = err instanceof Error ? err.message : String(err);
  } finally {
    figures.leftovers = stopLeftovers(root);
    if (figures.status === 'measured' && figures.failover?.passed) rmSync(root, { recursive: true, force: true });
    else figures.kept = root;
  }
  return figures;
}
