// Loading scenario files, and the command that replays one. Running them is run-result.ts's
// `runScenarioChecked`: build the world, watch every invariant, run the steps, assemble the result.

import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseScenario } from '../format/parse-scenario.js';
import type { Scenario } from '../format/scenario-types.js';

export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read the scenario file (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseScenario(text, path);
}

/** The command that replays a run, naming the file as a user in the working directory would type it. */
export function replayCommandFor(file: string, seed: number, cwd: string): string {
  const rel = relative(cwd, file);
  return `npx drsim run ${rel.startsWith('..') ? file : rel} --seed ${seed}`;
}

