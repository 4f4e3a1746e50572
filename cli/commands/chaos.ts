// `drsim chaos`: a property-based chaos campaign on the simulator. Each run draws a world, a fault
// schedule and user DR actions from its seed, runs a chaos phase then a heal-and-converge phase, and
// checks every invariant. A failure is shrunk to a minimal schedule and written out as a scenario
// file that `drsim run` replays exactly. Exit codes: 0 passed, 11 invariant, 12 liveness, 13 harness.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { runCampaign } from '../../scenarios/chaos/campaign.js';
import type { CampaignOutcome, CampaignProgress } from '../../scenarios/chaos/campaign.js';
import { CHAOS_FAULT_KINDS } from '../../scenarios/chaos/chaos-plan.js';
import { parseDurationOption, parsePositiveInt, parseSeed, parseShard } from '../options.js';
import type { CampaignResult, RunResult } from '../../reports/result-types.js';

interface ChaosFlags {
  runs?: number;
  budget?: number;
  runLength: number;
  seed: number;
  apps: number;
  faults?: string[];
  shard?: { index: number; count: number };
  json?: boolean;
  out?: string;
  failuresDir: string;
  shrink: boolean;
}

function parseFaults(value: string): string[] {
  const kinds = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const k of kinds) if (!(CHAOS_FAULT_KINDS as readonly string[]).includes(k)) throw new InvalidArgumentError(`unknown fault kind "${k}"; known: ${CHAOS_FAULT_KINDS.join(', ')}`);
  return kinds;
}

function parseApps(value: string): number {
  const n = parsePositiveInt(value);
  if (n > 8) throw new InvalidArgumentError(`at most 8 apps per world, got ${n}`);
  return n;
}

function bar(done: number, total: number | undefined, width = 30): string {
  if (total === undefined || total === 0) return `${done} runs`;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

export function registerChaos(program: Command): void {
  program
    .command('chaos')
    .description('run a property-based chaos campaign on the simulator and check every invariant')
    .option('--runs <n>', 'number of runs (default 100)', parsePositiveInt)
    .option('--budget <duration>', 'wall-clock budget instead of a run count, for example 5m', parseDurationOption)
    .option('--run-length <duration>', 'virtual length of each run\'s chaos phase', parseDurationOption, 3_600_000)
    .option('--seed <n>', 'seed of the first run', parseSeed, 1)
    .option('--apps <n>', 'protected apps per world (1-8)', parseApps, 2)
    .option('--faults <list>', `comma-separated fault kinds (default all: ${CHAOS_FAULT_KINDS.join(',')})`, parseFaults)
    .option('--shard <i/n>', 'run only the seeds of shard I of N (for campaigns spread over machines)', parseShard)
    .option('--json', 'print the campaign result as JSON')
    .option('--out <file>', 'write the campaign result (JSON) here, for drsim report')
    .option('--failures-dir <dir>', 'where shrunk failing scenarios are written', 'out/chaos-failures')
    .option('--no-shrink', 'report failures without shrinking them')
    .action(async (flags: ChaosFlags) => {
      if (flags.runs !== undefined && flags.budget !== undefined) {
        process.stderr.write('drsim chaos: give --runs or --budget, not both\n');
        process.exitCode = 2;
        return;
      }
      const tty = process.stderr.isTTY === true;
      let lastLine = 0;
      // Finished runs are kept as they arrive, so Ctrl-C still leaves a usable (partial) result.
      const finished: RunResult[] = [];
      const onSigint = () => {
        process.stderr.write(`\ninterrupted after ${finished.length} runs`);
        if (flags.out) {
          const partial: CampaignResult = { name: 'chaos', seedStart: flags.seed, runs: finished, ...(flags.shard ? { shard: flags.shard } : {}) };
          writeFileSync(flags.out, JSON.stringify(partial, null, 2) + '\n');
          process.stderr.write(`; partial result written to ${flags.out}`);
        }
        process.stderr.write('\n');
        process.exit(130);
      };
      process.once('SIGINT', onSigint);
      const onProgress = (p: CampaignProgress) => {
        if (p.last && !finished.includes(p.last)) finished.push(p.last);
        const line = `${p.shrinking ? 'shrinking a failure... ' : ''}${bar(p.runsDone, p.runsPlanned)}  seed ${p.seed}  failures ${p.failures}  ${(p.elapsedMs / 1000).toFixed(0)}s`;
        if (tty) process.stderr.write(`\r${line.padEnd(lastLine)}`);
        else if (p.runsDone % 25 === 0 || p.shrinking) process.stderr.write(line + '\n');
        lastLine = line.length;
      };
      const outcome = await runCampaign({
        ...(flags.runs !== undefined ? { runs: flags.runs } : {}),
        ...(flags.budget !== undefined ? { budgetMs: flags.budget } : {}),
        runLengthMs: flags.runLength,
        seed: flags.seed,
        apps: flags.apps,
        ...(flags.faults ? { faults: flags.faults } : {}),
        ...(flags.shard ? { shard: flags.shard } : {}),
        shrink: flags.shrink,
        onProgress,
      });
      process.removeListener('SIGINT', onSigint);
      if (tty) process.stderr.write('\n');
      if (flags.out) writeFileSync(flags.out, JSON.stringify(outcome, null, 2) + '\n');
      const written = writeFailures(outcome, flags.failuresDir);
      process.stdout.write(flags.json ? JSON.stringify(outcome, null, 2) + '\n' : formatCampaign(outcome, written));
      process.exitCode = outcome.exitCode;
    });
}

function writeFailures(outcome: CampaignOutcome, dir: string): string[] {
  if (outcome.failures.length === 0) return [];
  mkdirSync(dir, { recursive: true });
  return outcome.failures.map((f) => {
    const file = join(dir, `chaos-seed-${f.seed}.yaml`);
    writeFileSync(file, f.yaml);
    return file;
  });
}

export function formatCampaign(o: CampaignOutcome, files: string[]): string {
  const lines: string[] = [];
  const failed = o.runs.filter((r) => !r.passed).length;
  lines.push('');
  lines.push(`${failed === 0 ? 'PASSED' : 'FAILED'}  ${o.name}: ${o.runs.length} runs from seed ${o.seedStart}${o.shard ? ` (shard ${o.shard.index}/${o.shard.count})` : ''}, ${failed} failed, ${(o.wallMs / 1000).toFixed(1)}s wall`);
  const virtualMs = o.runs.reduce((a, r) => a + r.virtualDurationMs, 0);
  lines.push(`  simulated ${(virtualMs / 3_600_000).toFixed(1)}h in total (${o.wallMs > 0 ? Math.round(virtualMs / o.wallMs) : '∞'}x)`);
  lines.push('  fault kinds exercised:');
  for (const [k, n] of Object.entries(o.faultKindsExercised).sort()) lines.push(`    ${k.padEnd(18)} ${String(n).padStart(6)} runs`);
  lines.push(`  invariants checked (${o.invariantsChecked.length}): ${o.invariantsChecked.join(', ')}`);
  o.failures.forEach((f, i) => {
    lines.push('');
    lines.push(`  failure ${i + 1}: ${f.failure.class} — ${f.failure.invariant}`);
    lines.push(`    ${f.failure.explanation}`);
    lines.push(`    ${f.failure.message}`);
    lines.push(`    seed ${f.seed}; fast-check replay { seed: ${f.replay.seed}, path: "${f.replay.path}" }`);
    lines.push(`    shrunk from ${f.originalSize} to ${f.shrunkSize} (${f.numShrinks} shrinks, ${f.shrunkSteps} steps)${f.reproduced ? ', reproduces exactly' : ', DID NOT reproduce'}`);
    if (files[i]) lines.push(`    scenario: ${files[i]}   replay: npx drsim run ${files[i]}`);
  });
  return lines.join('\n') + '\n';
}
