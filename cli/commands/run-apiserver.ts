// `drsim run --backend apiserver SCENARIO.yaml`: the scenario over real kube-apiservers and MinIO
// started for the run, drsim's operators and agents in wall time. Same verdict printing and exit
// codes as the simulator (0 passed, 1 failed, 2 a scenario this backend cannot run or bad usage,
// 130 interrupted); the servers are stopped however the run ends, Ctrl-C included.

import { writeFileSync } from 'node:fs';
import { formatRunSummary } from '../summary.js';
import { ScenarioError } from '../../scenarios/format/yaml-reader.js';
import type { Scenario } from '../../scenarios/format/scenario-types.js';
import { Interrupted } from '../../scenarios/runner/real-time-world.js';
import { realTimeProblems } from '../../scenarios/runner/real-time-support.js';
import { runScenarioRealTime } from '../../scenarios/runner/run-real-time.js';
import type { StepOutcome } from '../../scenarios/runner/run-scenario.js';
import { loadScenario } from '../../scenarios/runner/run-scenario-file.js';
import { missingMessage } from '../../kind/control-plane/binaries.js';

export interface ApiServerRunFlags {
  trace?: string;
  json?: boolean;
  ui?: boolean;
}

export function formatClock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** One finished step, as `drsim run` prints it on stderr for every backend. */
export function stepLine(o: StepOutcome): string {
  return `[${formatClock(o.atMs)}] ${o.ok ? 'ok  ' : 'FAIL'} ${o.label}${o.message ? `\n         ${o.message.replace(/\n/g, '\n         ')}` : ''}\n`;
}

/** The parsed scenario, or undefined once the reason it could not be read is on stderr (exit 2). */
export function loadOrSay(file: string): Scenario | undefined {
  try {
    return loadScenario(file);
  } catch (err) {
    process.stderr.write(`${err instanceof ScenarioError ? err.message : err instanceof Error ? err.message : String(err)}\n`);
    return undefined;
  }
}

export async function runOnApiServer(file: string, flags: ApiServerRunFlags): Promise<number> {
  const scenario = loadOrSay(file);
  if (!scenario) return 2;
  const problems = realTimeProblems(scenario);
  const missing = missingMessage();
  if (problems.length > 0 || missing) {
    process.stderr.write(`drsim run: cannot run on the apiserver backend:\n  ${[...problems, ...(missing ? [missing] : [])].join('\n  ')}\n`);
    return 2;
  }
  const say = (line: string): void => {
    if (!flags.json) process.stderr.write(line);
  };
  if (flags.ui) say('drsim run: --ui is the simulator\'s live view; on the apiserver backend the progress log is shown\n');
  if (flags.trace) writeFileSync(flags.trace, '');
  const began = Date.now();
  const controller = new AbortController();
  // Every Ctrl-C after the first (and the one the server supervisor re-raises) only repeats the abort.
  const onSigint = (): void => {
    if (controller.signal.aborted) return;
    process.stderr.write('\ninterrupted: stopping the servers\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const { result } = await runScenarioRealTime(scenario, {
      signal: controller.signal,
      ...(flags.trace ? { traceFile: flags.trace } : {}),
      onProgress: (line) => say(`[${formatClock(Date.now() - began)}]      ${line}\n`),
      onStepStart: (_i, label) => say(`[${formatClock(Date.now() - began)}] ...  ${label}\n`),
      onStep: (o) => say(stepLine({ ...o, atMs: Date.now() - began })),
    });
    process.stdout.write(flags.json ? JSON.stringify(result, null, 2) + '\n' : formatRunSummary(result, file));
    return result.passed ? 0 : 1;
  } catch (err) {
    if (err instanceof Interrupted) return 130;
    process.stderr.write(`drsim run: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
