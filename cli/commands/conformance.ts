// `drsim conformance`: the gate a CI job trusts. Runs the built-in suite and writes JUnit, a Markdown
// summary (for a CI job summary) and a self-contained HTML report; exits 1 when anything fails.

import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { renderHtml } from '../../reports/html.js';
import { renderJunit } from '../../reports/junit.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { runConformance } from '../../scenarios/conformance.js';
import { parseBackend } from '../options.js';
import type { Backend } from '../options.js';

interface ConformanceFlags {
  backend: Backend;
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
