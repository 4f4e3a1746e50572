// Goal: a chaos campaign of a few hundred runs passes (shard 0 of 2; the other shard is the sibling
// file). Method: run the suite's campaign profile and require no failure; a failure prints its seed,
// invariant and the scenario file that reproduces it.

import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../../../scenarios/chaos/campaign.js';
import { SUITE_CAMPAIGN_RUNS, suiteCampaign } from './campaign-profile.js';

describe('chaos campaign, shard 0/2', () => {
  it(`${SUITE_CAMPAIGN_RUNS / 2} runs pass`, async () => {
    const out = await runCampaign(suiteCampaign(0));
    for (const f of out.failures) console.log(`seed ${f.seed}: ${f.failure.class} ${f.failure.invariant}: ${f.failure.message}\n${f.yaml}`);
    expect(out.runs.length + out.failures.filter((f) => !f.result).length).toBe(SUITE_CAMPAIGN_RUNS / 2);
    expect(out.failures.map((f) => `${f.seed} ${f.failure.invariant}`)).toEqual([]);
    expect(out.exitCode).toBe(0);
    console.log(`${out.runs.length} runs in ${out.wallMs} ms (${Math.round(out.wallMs / out.runs.length)} ms a run); inconclusive ${out.inconclusive.length}; faults ${JSON.stringify(out.faultKindsExercised)}`);
  }, 180_000);
});
