// Puts the shards of a campaign back together. CI splits a long campaign across jobs
// (`shard: {index, count}`); each job writes its part, and one job merges them and makes the
// reports. Merging then reporting must equal reporting the unsharded campaign, so the merge keeps
// every run exactly once, in the canonical order, and refuses anything that would make the sum
// different from the whole: a missing or repeated shard, shards of different campaigns, or one run
// reported twice.

import type { CampaignResult, RunResult } from './result-types.js';
import { sortRuns } from './result-types.js';

export interface MergeOptions {
  /** Merge even when some shards are missing (the result then covers only the shards given). Default false. */
  allowPartial?: boolean;
}

export interface MergeResult {
  campaigns: CampaignResult[];
  runs: RunResult[];
  /** Things a person should know but that did not stop the merge (missing shards with `allowPartial`). */
  warnings: string[];
}

function runId(r: RunResult): string {
  return `${r.scenario} seed ${r.seed} on ${r.backend}`;
}

function noDuplicates(runs: RunResult[], where: string): void {
  const seen = new Set<string>();
  for (const r of runs) {
    const id = runId(r);
    if (seen.has(id)) throw new Error(`${where}: run "${id}" appears twice; were the same shard's results given twice?`);
    seen.add(id);
  }
}

function mergeOne(name: string, parts: CampaignResult[], options: MergeOptions, warnings: string[]): CampaignResult {
  const seedStarts = [...new Set(parts.map((p) => p.seedStart))];
  if (seedStarts.length > 1) throw new Error(`campaign "${name}": shards disagree on seedStart (${seedStarts.join(', ')}); they are not parts of one campaign`);
  if (parts.length === 1 && !parts[0]!.shard) return { name, seedStart: parts[0]!.seedStart, runs: sortRuns(parts[0]!.runs) };
  const unsharded = parts.filter((p) => !p.shard);
  if (unsharded.length) throw new Error(`campaign "${name}": ${parts.length} results given but ${unsharded.length} of them have no "shard"; only shards of one campaign can be merged`);
  const counts = [...new Set(parts.map((p) => p.shard!.count))];
  if (counts.length > 1) throw new Error(`campaign "${name}": shards disagree on shard.count (${counts.join(', ')})`);
  const count = counts[0]!;
  const indices = new Set<number>();
  for (const p of parts) {
    if (indices.has(p.shard!.index)) throw new Error(`campaign "${name}": shard ${p.shard!.index + 1} of ${count} is given twice`);
    indices.add(p.shard!.index);
  }
  const missing = [...Array(count).keys()].filter((i) => !indices.has(i)).map((i) => i + 1);
  if (missing.length) {
    const text = `campaign "${name}": shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} missing`;
    if (!options.allowPartial) throw new Error(`${text} (pass allowPartial / --allow-partial to merge what there is)`);
    warnings.push(`${text}; the merged result covers ${indices.size} of ${count} shards`);
  }
  const runs = parts.flatMap((p) => p.runs);
  noDuplicates(runs, `campaign "${name}"`);
  return { name, seedStart: seedStarts[0]!, runs: sortRuns(runs) };
}

/** Merges shards by campaign name; loose runs are kept (once each), and campaigns come out sorted by name. */
export function mergeResults(campaigns: readonly CampaignResult[], runs: readonly RunResult[] = [], options: MergeOptions = {}): MergeResult {
  const byName = new Map<string, CampaignResult[]>();
  for (const c of campaigns) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  const warnings: string[] = [];
  const merged = [...byName.keys()].sort().map((name) => mergeOne(name, byName.get(name)!, options, warnings));
  noDuplicates([...runs], 'scenario runs');
  return { campaigns: merged, runs: sortRuns(runs), warnings };
}
