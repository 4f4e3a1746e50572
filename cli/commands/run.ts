// `drsim run SCENARIO.yaml`: one scenario, one seed, a verdict. Progress goes to stderr, the verdict to
// stdout (a readable summary, or one JSON object with --json). Exit 0 only when every step and
// invariant holds; 1 when one fails; 2 for a malformed scenario or bad usage.

import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { canonicalJson } from '../../sim/trace/canonical-json.js';
import { replayCommandFor } from '../../scenarios/runner/run-scenario-file.js';
import { runScenarioChecked } from '../../scenarios/runner/run-result.js';
import type { RunResult } from '../../reports/result-types.js';
import { parseBackend, parseSeed } from '../options.js';
import type { Backend } from '../options.js';
import { formatRunSummary } from '../summary.js';
import { liveView } from '../../reports/replay/live-view.js';
import type { LiveView } from '../../reports/replay/live-view.js';
import { realTimePacer } from '../pacer.js';
import { loadOrSay, runOnApiServer, stepLine } from './run-apiserver.js';

interface RunFlags {
  backend: Backend;
  seed?: number;
  trace?: string;
  json?: boolean;
  ui?: boolean;
  /** Virtual time per wall second while a live view watches; 0 runs flat out. */
  paceX?: number;
}

/** How much faster than real time a watched run goes: a 20-minute failover plays in 10 seconds. */
export const LIVE_PACE_X = 120;

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run one scenario file and check its expectations and invariants')
    .argument('<scenario>', 'a scenario YAML file (see scenarios/library/)')
    .option('--backend <backend>', 'sim, apiserver or kind', parseBackend, 'sim' as Backend)
    .option('--seed <n>', 'override the scenario seed', parseSeed)
    .option('--trace <file>', 'write the NDJSON trace of the run to this file')
    .option('--json', 'print one JSON object with the verdict and figures')
    .option('--ui', 'show the run live in the terminal UI (a progress log when not on a terminal)')
    .action(async (file: string, flags: RunFlags) => {
      process.exitCode = await runCommand(file, flags);
    });
}

export async function runCommand(file: string, flags: RunFlags): Promise<number> {
  if (flags.backend === 'apiserver') return runOnApiServer(file, flags);
  if (flags.backend !== 'sim') {
    process.stderr.write(`drsim run: scenarios do not run on the ${flags.backend} backend yet; use --backend sim or apiserver\n`);
    return 2;
  }
  const scenario = loadOrSay(file);
  if (!scenario) return 2;
  let traceOut: WriteStream | undefined;
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    process.stderr.write('\ninterrupted: writing what was recorded\n');
    traceOut?.end(() => process.exit(130));
    if (!traceOut) process.exit(130);
  };
  process.once('SIGINT', onSigint);
  try {
    let view: LiveView | undefined;
    const seed = flags.seed ?? scenario.seed;
    const { result } = await runScenarioChecked(scenario, {
      seed,
      wallClockMs: () => performance.now(),
      replayCommand: replayCommandFor(file, seed, process.cwd()),
      onEnvironment: (env) => {
        if (flags.ui) {
          view = liveView(env.world.trace, { label: scenario.name, onQuit: () => onSigint() });
          if (view.mode === 'ui') env.world.time.pacer = realTimePacer(env.world.time.nowMs(), flags.paceX ?? LIVE_PACE_X);
        }
        if (flags.trace) {
          traceOut = createWriteStream(flags.trace);
          const out = traceOut;
          for (const e of env.world.trace.all()) out.write(canonicalJson(e) + '\n');
          env.world.trace.subscribe((e) => out.write(canonicalJson(e) + '\n'));
        }
      },
      onStep: (o) => {
        if (!flags.json && !view) process.stderr.write(stepLine(o));
      },
    });
    await view?.stop();
    if (traceOut) await new Promise<void>((resolve) => traceOut!.end(resolve));
    if (interrupted) return 130;
    process.stdout.write(flags.json ? JSON.stringify(result, null, 2) + '\n' : formatRunSummary(result, file));
    return result.passed ? 0 : 1;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

export type { RunResult };
