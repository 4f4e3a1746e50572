// What every formatter takes: campaign results, runs that came on their own, and optionally the
// traces of some runs. Formatters group runs into suites the same way, here, so a JUnit file and a
// Markdown summary made from the same inputs always count the same runs.

import type { CampaignResult, RunResult } from './result-types.js';
import { sortRuns } from './result-types.js';
import type { TraceEvent } from './trace/read-trace.js';

export interface TraceInput {
  source: string;
  events: readonly TraceEvent[];
}

export interface ReportSet {
  campaigns: readonly CampaignResult[];
  runs: readonly RunResult[];
  traces?: readonly TraceInput[];
}

export interface Suite {
  name: string;
  /** Set for one shard of a campaign, so a report of a shard says it is partial. */
  shard?: { index: number; count: number };
  runs: RunResult[];
  /** Whether the suite is a campaign (test cases are named by seed) or loose scenario runs. */
  campaign: boolean;
}

export const LOOSE_SUITE_NAME = 'scenarios';

export function suitesOf(set: ReportSet): Suite[] {
  const suites: Suite[] = set.campaigns.map((c) => ({ name: c.name, runs: sortRuns(c.runs), campaign: true, ...(c.shard ? { shard: c.shard } : {}) }));
  if (set.runs.length) suites.push({ name: LOOSE_SUITE_NAME, runs: sortRuns(set.runs), campaign: false });
  return suites;
}

export function allRuns(set: ReportSet): RunResult[] {
  return suitesOf(set).flatMap((s) => s.runs);
}

/** The name of a run as a test case: its seed within a one-scenario campaign, else scenario and seed. */
export function caseName(run: RunResult, suite: Suite): string {
  const scenarios = new Set(suite.runs.map((r) => r.scenario));
  if (suite.campaign && scenarios.size === 1) return `seed ${run.seed}`;
  const sameScenario = suite.runs.filter((r) => r.scenario === run.scenario).length;
  return sameScenario > 1 || suite.campaign ? `${run.scenario} seed ${run.seed}` : run.scenario;
}
