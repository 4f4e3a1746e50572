// Goal: merging shards then reporting equals reporting the unsharded campaign, for every format, and
// shards that cannot add up to one campaign are refused with a message that says why.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../reports/html.js';
import { renderJunit } from '../../../reports/junit.js';
import { renderMarkdown } from '../../../reports/markdown.js';
import { mergeResults } from '../../../reports/merge.js';
import type { CampaignResult } from '../../../reports/result-types.js';
import { campaign, passingRun, shardsOf } from './fixtures/results.js';

function reports(c: CampaignResult): string[] {
  const set = { campaigns: [c], runs: [] };
  return [renderJunit(set), renderMarkdown(set), renderHtml(set)];
}

describe('mergeResults', () => {
  it('merging then reporting equals reporting the unsharded set, for any shard count and shard order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 29 })), fc.integer(), (count, shards, failing, shuffleSeed) => {
        const whole = campaign('nightly', 100, count, failing.map((f) => 100 + (f % count)));
        const parts = shardsOf(whole, shards);
        // Shards arrive in any order, as CI artifacts do.
        const order = parts.map((p, i) => ({ p, k: (i * 7919 + shuffleSeed) % 101 })).sort((a, b) => a.k - b.k).map((x) => x.p);
        const merged = mergeResults(order);
        expect(merged.campaigns).toHaveLength(1);
        expect(reports(merged.campaigns[0]!)).toEqual(reports(whole));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a missing shard unless partial merges are allowed', () => {
    const parts = shardsOf(campaign('nightly', 1, 9), 3);
    expect(() => mergeResults([parts[0]!, parts[2]!])).toThrow('campaign "nightly": shard 2 of 3 missing');
    const partial = mergeResults([parts[0]!, parts[2]!], [], { allowPartial: true });
    expect(partial.campaigns[0]!.runs).toHaveLength(6);
    expect(partial.warnings[0]).toContain('covers 2 of 3 shards');
  });

  it('refuses the same shard twice and a run reported twice', () => {
    const parts = shardsOf(campaign('nightly', 1, 4), 2);
    expect(() => mergeResults([parts[0]!, parts[0]!, parts[1]!])).toThrow('shard 1 of 2 is given twice');
    const dup = { ...parts[1]!, runs: [...parts[1]!.runs, parts[0]!.runs[0]!] };
    expect(() => mergeResults([parts[0]!, dup])).toThrow('run "chaos seed 1 on sim" appears twice');
  });

  it('refuses shards of different campaigns', () => {
    const [a] = shardsOf(campaign('nightly', 1, 4), 2);
    const [, b] = shardsOf(campaign('nightly', 50, 4), 2);
    expect(() => mergeResults([a!, b!])).toThrow('shards disagree on seedStart (1, 50)');
    const [, c] = shardsOf(campaign('nightly', 1, 4), 3);
    expect(() => mergeResults([a!, c!])).toThrow('shards disagree on shard.count (2, 3)');
  });

  it('keeps campaigns apart by name and loose runs as they are', () => {
    const merged = mergeResults([...shardsOf(campaign('b', 1, 2), 2), campaign('a', 1, 2)], [passingRun()]);
    expect(merged.campaigns.map((c) => [c.name, c.runs.length, c.shard])).toEqual([
      ['a', 2, undefined],
      ['b', 2, undefined],
    ]);
    expect(merged.runs).toHaveLength(1);
  });
});
