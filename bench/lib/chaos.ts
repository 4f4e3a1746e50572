// Benchmark (d): chaos throughput, 2,000 runs of one simulated hour each with invariant checking in 5
// minutes. The bench runs a real campaign (`runCampaign`: 2 apps, every fault kind, every invariant,
// the heal-and-converge phase, no shrinking) in one process and extrapolates to 2,000 runs spread
// over the machine's cores, one shard per core, as `drsim chaos --shard I/N` spreads them.

import { availableParallelism } from 'node:os';
import { runCampaign } from '../../scenarios/chaos/campaign.js';
import { progress, round, timed } from './measure.js';

export interface ChaosFigures {
  status: 'measured';
  note: string;
  runs: number;
  runLengthMs: number;
  /** The campaign's mean wall ms per run. */
  medianRunWallMs: number;
  /** Wall ms that 2,000 runs take over the machine's cores. */
  wallMsFor2000: number;
  /** Failed runs. */
  violations: number;
  target: { runs: number; wallMs: number; met: boolean | null };
}

const TARGET = { runs: 2000, wallMs: 5 * 60_000 };
const MIN = 60_000;

export async function runChaos(options: { campaignRuns: number; runLengthMs?: number }): Promise<ChaosFigures> {
  const runLengthMs = options.runLengthMs ?? 60 * MIN;
  const cores = availableParallelism();
  const t = await timed(() =>
    runCampaign({
      runs: options.campaignRuns,
      runLengthMs,
      seed: 1,
      apps: 2,
      stopOnFailure: false,
      shrink: false,
      onProgress: (p) => progress(`chaos campaign: ${p.runsDone}/${options.campaignRuns} runs`),
    }),
  );
  const done = Math.max(1, t.value.runs.length);
  const per = t.timing.wallMs / done;
  const for2000 = (per * TARGET.runs) / cores;
  return {
    status: 'measured',
    note: `${t.value.runs.length} campaign runs of ${runLengthMs / MIN} simulated minutes (2 apps, every fault kind, invariants, converge phase, no shrinking) in one process; 2,000 runs extrapolated over ${cores} cores (one shard per core)`,
    runs: t.value.runs.length,
    runLengthMs,
    medianRunWallMs: round(per),
    wallMsFor2000: round(for2000),
    violations: t.value.failures.length,
    // Runs shorter than the target's hour (tiny test configurations) say nothing about the target.
    target: { ...TARGET, met: runLengthMs === 60 * MIN ? for2000 <= TARGET.wallMs : null },
  };
}
