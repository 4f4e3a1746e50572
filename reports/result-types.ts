// The results that reports are made from. The scenario and campaign runners produce them; the
// formatters in this folder are pure functions of them (plus, optionally, the runs' traces), so a
// report can be rebuilt at any time from the JSON files a CI job kept.

/** Which world a run ran against: the simulator, a real kube-apiserver, or kind clusters. */
export type Backend = 'sim' | 'apiserver' | 'kind';

/** `measured` invariants report a number (RPO, divergence) rather than pass or fail. */
export type Verdict = 'held' | 'violated' | 'measured';

export interface Violation {
  /** Virtual milliseconds since the run began. */
  atMs: number;
  message: string;
  /** Trace sequence numbers of the events that show the violation. */
  events: number[];
}

export interface InvariantResult {
  name: string;
  verdict: Verdict;
  explanation: string;
  violations: Violation[];
}

/** What one failover cost, measured against the write ledger. */
export interface FailoverMeasure {
  atMs: number;
  /** Virtual time between the newest write the app had acknowledged and the newest one the failover target held. */
  rpoMs: number;
  /** Acknowledged writes the failover target did not hold. */
  rpoWrites: number;
  divergenceMs: number;
  divergenceWrites: number;
}

export interface AppResult {
  name: string;
  /** The DRPC's phase and progression at the end of the run ('' when the app has no DRPC). */
  phase: string;
  progression: string;
  /** The cluster the app's data is primary on at the end ('' when none). */
  primary: string;
  ackedWrites: number;
  lostWrites: number;
  failovers: FailoverMeasure[];
}

export interface StepResult {
  label: string;
  /** The line of the scenario file the step came from. */
  line: number;
  ok: boolean;
  message?: string;
  atMs: number;
}

export interface RunResult {
  scenario: string;
  seed: number;
  backend: Backend;
  passed: boolean;
  invariants: InvariantResult[];
  apps: AppResult[];
  steps?: StepResult[];
  virtualDurationMs: number;
  wallMs: number;
  /** sha256 of the run's canonical NDJSON trace; pairs a result with its trace file. */
  traceDigest: string;
  /** A shell command that replays this run exactly. */
  replayCommand: string;
  faultKinds: string[];
}

export interface CampaignResult {
  name: string;
  seedStart: number;
  runs: RunResult[];
  /** Set on the result of one shard of a campaign split across CI jobs (`index` counts from 0). */
  shard?: { index: number; count: number };
}

export const BACKENDS: readonly Backend[] = ['sim', 'apiserver', 'kind'];
export const VERDICTS: readonly Verdict[] = ['held', 'violated', 'measured'];

/** Runs in the order every report lists them, so reports do not depend on how shards were cut. */
export function compareRuns(a: RunResult, b: RunResult): number {
  if (a.scenario !== b.scenario) return a.scenario < b.scenario ? -1 : 1;
  if (a.seed !== b.seed) return a.seed - b.seed;
  if (a.backend !== b.backend) return a.backend < b.backend ? -1 : 1;
  return 0;
}

export function sortRuns(runs: readonly RunResult[]): RunResult[] {
  return [...runs].sort(compareRuns);
}

/** The invariants that failed a run, plus a pseudo-invariant for a failed scenario step. */
export function failuresOf(run: RunResult): { name: string; explanation: string; violations: Violation[] }[] {
  const out: { name: string; explanation: string; violations: Violation[] }[] = run.invariants.filter((i) => i.verdict === 'violated');
  const failedStep = run.steps?.find((s) => !s.ok);
  if (failedStep) {
    out.push({
      name: 'scenario step',
      explanation: `step "${failedStep.label}" (line ${failedStep.line}) failed${failedStep.message ? `: ${failedStep.message}` : ''}`,
      violations: [{ atMs: failedStep.atMs, message: failedStep.message ?? 'failed', events: [] }],
    });
  }
  if (out.length === 0 && !run.passed) out.push({ name: 'run', explanation: 'the run failed without a violated invariant or a failed step', violations: [] });
  return out;
}
