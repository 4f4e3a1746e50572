// The built-in conformance suite: every scenario of the library, run on its own seed, plus (where
// available) a fixed-seed chaos campaign. A project that reimplements or extends Ramen's operators
// gates its CI on this: the result is a ReportSet that becomes JUnit, a Markdown summary and HTML.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CampaignResult, RunResult } from '../reports/result-types.js';
import { runScenarioChecked } from './runner/run-result.js';
import { loadScenario } from './runner/run-scenario-file.js';

export const LIBRARY_DIR = new URL('./library/', import.meta.url).pathname;

export interface ConformanceOptions {
  /** Only scenarios whose name contains this. */
  filter?: string;
  onScenario?: (name: string, index: number, total: number) => void;
  onResult?: (result: RunResult) => void;
  wallClock?: () => number;
  /** The fixed-seed chaos part; left out when undefined. */
  campaign?: () => Promise<CampaignResult>;
}

export interface ConformanceResult {
  runs: RunResult[];
  campaigns: CampaignResult[];
  passed: boolean;
}

export function libraryFiles(dir = LIBRARY_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

export async function runConformance(options: ConformanceOptions = {}): Promise<ConformanceResult> {
  const files = libraryFiles().filter((f) => options.filter === undefined || f.includes(options.filter));
  const runs: RunResult[] = [];
  for (const [i, file] of files.entries()) {
    const scenario = loadScenario(file);
    options.onScenario?.(scenario.name, i, files.length);
    // Replay commands name the file relative to the repository, as a user would type them.
    const { result } = await runScenarioChecked(scenario, {
      ...(options.wallClock ? { wallClockMs: options.wallClock } : {}),
      replayCommand: `npx drsim run scenarios/library/${file.split('/').pop()} --seed ${scenario.seed}`,
    });
    runs.push(result);
    options.onResult?.(result);
  }
  const campaigns = options.campaign ? [await options.campaign()] : [];
  const passed = runs.every((r) => r.passed) && campaigns.every((c) => c.runs.every((r) => r.passed));
  return { runs, campaigns, passed };
}
