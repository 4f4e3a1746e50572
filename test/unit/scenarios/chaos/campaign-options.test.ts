// Goal: campaign bookkeeping is exact: shards partition the seeds, options are validated with
// messages naming the field, and failures map to distinct exit codes. Method: direct checks.

import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../../../scenarios/chaos/campaign.js';
import { EXIT_CODES, exitCodeOf } from '../../../../scenarios/chaos/failure.js';
import { inShard, parseShard, seedOfRun } from '../../../../scenarios/chaos/shard.js';

describe('campaign bookkeeping', () => {
  it('shards partition the runs: every run index is in exactly one shard', () => {
    for (const count of [1, 2, 3, 7]) {
      for (let i = 0; i < 50; i++) expect(Array.from({ length: count }, (_, index) => inShard(i, { index, count })).filter(Boolean)).toHaveLength(1);
    }
    expect(seedOfRun(100, 7)).toBe(107);
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('4/4')).toThrow(/shard.index/);
    expect(() => parseShard('x')).toThrow(/I\/N/);
  });

  it('validates options and names the field', async () => {
    await expect(runCampaign({ runLengthMs: 0, seed: 1, apps: 1 })).rejects.toThrow(/runLengthMs/);
    await expect(runCampaign({ runLengthMs: 60_000, seed: 1, apps: 1, faults: ['meteor'] })).rejects.toThrow(/faults: unknown fault kind "meteor"/);
    await expect(runCampaign({ runLengthMs: 60_000, seed: 1.5, apps: 1 })).rejects.toThrow(/seed/);
  });

  it('gives each failure class its own exit code, the gravest winning', () => {
    const f = (c: 'invariant' | 'liveness' | 'crash') => ({ class: c, invariant: 'x', explanation: '', message: '' });
    expect(new Set(Object.values(EXIT_CODES)).size).toBe(4);
    expect(exitCodeOf([])).toBe(EXIT_CODES.passed);
    expect(exitCodeOf([f('liveness')])).toBe(EXIT_CODES.liveness);
    expect(exitCodeOf([f('liveness'), f('invariant')])).toBe(EXIT_CODES.invariant);
    expect(exitCodeOf([f('invariant'), f('crash')])).toBe(EXIT_CODES.crash);
  });

  it('a shard of a campaign runs exactly its seeds and reports progress', async () => {
    const seen: number[] = [];
    const out = await runCampaign({ runs: 4, runLengthMs: 60_000, seed: 50, apps: 0, shard: { index: 1, count: 2 }, onProgress: (p) => seen.push(p.seed), convergeTimeoutMs: 60_000 });
    expect(seen).toEqual([51, 53]);
    expect(out.runs.map((r) => r.seed)).toEqual([51, 53]);
    expect(out.shard).toEqual({ index: 1, count: 2 });
    expect(out.exitCode).toBe(EXIT_CODES.passed);
  });
});
