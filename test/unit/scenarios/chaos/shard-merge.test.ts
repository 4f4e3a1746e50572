// Goal: a campaign spread over machines is the same campaign: the shards together run exactly the
// seeds of the unsharded campaign with the same results, and the merged reports equal the reports of
// the unsharded campaign. Method: run a small real campaign whole and as 3 shards, merge, compare.
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../../reports/junit.js';
import { renderMarkdown } from '../../../../reports/markdown.js';
import { mergeResults } from '../../../../reports/merge.js';
import type { CampaignResult } from '../../../../reports/result-types.js';
import { runCampaign } from '../../../../scenarios/chaos/campaign.js';

const BASE = { runs: 6, runLengthMs: 10 * 60_000, seed: 7000, apps: 1, convergeTimeoutMs: 20 * 60_000, faults: ['controllerCrash', 's3Outage', 'clockSkew'] };

// Wall time is the one field that legitimately differs between two executions of the same runs.
function withoutWallTime(c: CampaignResult): CampaignResult {
  return { name: c.name, seedStart: c.seedStart, runs: c.runs.map((r) => ({ ...r, wallMs: 0 })), ...(c.shard ? { shard: c.shard } : {}) };
}

describe('sharded campaigns', () => {
  it('shards run exactly the unsharded seeds, and merged reports equal the unsharded reports', async () => {
    const whole = withoutWallTime(await runCampaign(BASE));
    const shards: CampaignResult[] = [];
    for (let i = 0; i < 3; i++) shards.push(withoutWallTime(await runCampaign({ ...BASE, shard: { index: i, count: 3 } })));
    const shardSeeds = shards.flatMap((s) => s.runs.map((r) => r.seed)).sort((a, b) => a - b);
    expect(shardSeeds).toEqual(whole.runs.map((r) => r.seed).sort((a, b) => a - b));
    const merged = mergeResults([shards[2]!, shards[0]!, shards[1]!]);
    const mergedSet = { campaigns: merged.campaigns, runs: merged.runs };
    const wholeSet = { campaigns: [whole], runs: [] };
    expect(renderJunit(mergedSet)).toBe(renderJunit(wholeSet));
    expect(renderMarkdown(mergedSet)).toBe(renderMarkdown(wholeSet));
    // Same seeds, same runs: the trace digests match one for one.
    const digest = (c: CampaignResult[]) => Object.fromEntries(c.flatMap((x) => x.runs.map((r) => [r.seed, r.traceDigest])));
    expect(digest(shards)).toEqual(digest([whole]));
  }, 240_000);
});
