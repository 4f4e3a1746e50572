// Goal: with no faults, every invariant holds: a checker that fires on a healthy world is wrong.
// Method: a fast-check property over drawn worlds with no faults and at most one DR action (two
// actions in a row hit finding F4; VolSync apps hit F2), each run through its converge phase.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chaosPlanArb } from '../../scenarios/chaos/chaos-plan-arb.js';
import { runPlan } from '../../scenarios/chaos/run-plan.js';

describe('fault-free law', () => {
  it('no invariant is violated in a world without faults', async () => {
    await fc.assert(
      fc.asyncProperty(chaosPlanArb({ runLengthMs: 8 * 60_000, apps: 2, faultKinds: [], maxActions: 1, volSync: false, writesPerMinuteMax: 12 }), async (plan) => {
        const out = await runPlan(plan, { seed: plan.worldSeed, replayCommand: '', converge: { settleMs: 60_000 } });
        const violated = out.result?.invariants.filter((i) => i.verdict === 'violated').map((i) => `${i.name}: ${i.violations[0]?.message}`) ?? ['crashed'];
        expect(violated).toEqual([]);
      }),
      { numRuns: 25, seed: 5 },
    );
  }, 180_000);
});
