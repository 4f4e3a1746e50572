// `drsim conformance`: the gate a CI job trusts. Runs the built-in suite and writes JUnit, a Markdown
// summary (for a CI job summary) and a self-contained HTML report; exits 1 when anything fails.

import { writeFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { renderHtml } from '../../reports/html.js';
import { renderJunit } from '../../reports/junit.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { runConformance } from '../../scenarios/conformance.js';
import { runCampaign } from '../../scenarios/chaos/campaign.js';
import { parseBackend } from '../options.js';
import type { Backend } from '../options.js';

/** The campaign is part of the gate, so its seed and size are fixed: every project runs the same runs. */
export const CONFORMANCE_CHAOS_SEED = 20261125;
export const CONFORMANCE_CHAOS_RUNS = 25;

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return Number(value);
}

interface ConformanceFlags {
  backend: Backend;
  chaosRuns: number;
  junit?: string;
  summary?: string;
  html?: string;
  filter?: string;
}

export function registerConformance(program: Command): void {
  program
    .command('conformance')
    .description('run the built-in conformance suite (library scenarios and a fixed-seed chaos campaign) and report')
    .option('--backend <backend>', 'sim, apiserver or kind', parseBackend, 'sim' as Backend)
    .option('--junit <file>', 'write JUnit XML here')
    .option('--summary <file>', 'write a Markdown summary here (for example $GITHUB_STEP_SUMMARY)')
    .option('--html <file>', 'write a self-contained HTML report here')
    .option('--filter <text>', 'only scenarios whose file name contains this')
    .option('--chaos-runs <n>', 'runs of the fixed-seed chaos campaign (0 to leave it out)', parseCount, CONFORMANCE_CHAOS_RUNS)
    .action(async (flags: ConformanceFlags) => {
      if (flags.backend !== 'sim') {
        process.stderr.write(`drsim conformance: the ${flags.backend} backend is not available for the suite in this build; use --backend sim\n`);
        process.exitCode = 2;
        return;
      }
      const result = await runConformance({
        ...(flags.filter ? { filter: flags.filter } : {}),
        wallClock: () => performance.now(),
        onScenario: (name, i, total) => process.stderr.write(`[${i + 1}/${total}] ${name} ... `),
        onResult: (r) => process.stderr.write(`${r.passed ? 'ok' : 'FAILED'} (${(r.wallMs / 1000).toFixed(1)}s)\n`),
        ...(flags.chaosRuns > 0
          ? {
              campaign: () => {
                process.stderr.write(`chaos campaign: ${flags.chaosRuns} runs of 1h from seed ${CONFORMANCE_CHAOS_SEED} ...\n`);
                return runCampaign({ runs: flags.chaosRuns, seed: CONFORMANCE_CHAOS_SEED, runLengthMs: 3_600_000, apps: 2, name: 'conformance-chaos' });
              },
            }
          : {}),
      });
      const set = { campaigns: result.campaigns, runs: result.runs };
      if (flags.junit) writeFileSync(flags.junit, renderJunit(set));
      if (flags.summary) writeFileSync(flags.summary, renderMarkdown(set, { title: 'drsim conformance' }));
      if (flags.html) writeFileSync(flags.html, renderHtml(set, { title: 'drsim conformance' }));
      const runs = [...result.runs, ...result.campaigns.flatMap((c) => c.runs)];
      const failed = runs.filter((r) => !r.passed);
      process.stdout.write(`${runs.length - failed.length} passed, ${failed.length} failed\n`);
      for (const f of failed) process.stdout.write(`  FAILED ${f.scenario} (seed ${f.seed}): replay with ${f.replayCommand}\n`);
      process.exitCode = result.passed ? 0 : 1;
    });
}
