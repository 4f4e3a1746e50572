// `drsim demo`: the one-minute tour. A sample app with two PVCs and kube-object protection is
// protected, its primary cluster is lost, it fails over, the cluster returns, cleanup finishes
// (PeerReady, as Ramen requires before a relocate), and it relocates home. Narrated step by step.

import type { Command } from 'commander';
import { parseSeed } from '../options.js';
import { runCommand } from './run.js';

export const DEMO_SCENARIO = new URL('../../scenarios/library/demo-failover-and-relocate.yaml', import.meta.url).pathname;

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('protect a sample app, lose its cluster, fail over, recover and relocate home, on the simulator')
    .option('--seed <n>', 'seed of the run', parseSeed)
    .option('--trace <file>', 'write the NDJSON trace of the run to this file')
    .option('--json', 'print the result as JSON')
    .option('--fast', 'do not slow the live view down to a watchable pace')
    .action(async (flags: { seed?: number; trace?: string; json?: boolean; fast?: boolean }) => {
      const { fast, ...rest } = flags;
      process.exitCode = await runCommand(DEMO_SCENARIO, { backend: 'sim', ui: !flags.json, ...(fast ? { paceX: 0 } : {}), ...rest });
    });
}
