// Goal: shrinking gives a smaller scenario that still fails the same way, and the file it writes
// replays the failure exactly. Method: a campaign with a broken variant (the DR-cluster operator
// keeps its volumes primary) fails early; compare the original and shrunk plans and replay the file.

import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../scenarios/chaos/campaign.js';
import { parseScenario } from '../../scenarios/format/parse-scenario.js';
import { vrIgnoresVrgSpec } from '../../scenarios/variants/vr-ignores-vrg-spec.js';

describe('shrinking', () => {
  it('shrinks a failing run to a smaller plan that fails the same invariant and replays from its file', async () => {
    const out = await runCampaign({
      runs: 10,
      seed: 1,
      runLengthMs: 10 * 60_000,
      apps: 1,
      maxActions: 2,
      volSync: false,
      writesPerMinuteMax: 6,
      convergeSettleMs: 60_000,
      shrinkBudgetMs: 60_000,
      faults: ['clusterDown', 'partition', 's3Outage', 'controllerCrash', 'hubDown', 'clockSkew'],
      wrapClient: vrIgnoresVrgSpec.wrapClient(),
    });
    const f = out.failures[0]!;
    expect(f.failure.invariant).toBe('vr-follows-vrg');
    expect(out.exitCode).toBe(11);
    expect(f.shrunkSize).toBeLessThan(f.originalSize);
    expect(f.numShrinks).toBeGreaterThan(0);
    expect(f.reproduced).toBe(true);
    const original = out.runs.find((r) => r.seed === f.seed)!;
    expect(parseScenario(f.yaml, 'shrunk.yaml').steps.length).toBeLessThan(original.steps!.length);
    expect(f.replay.path).toMatch(/^\d+(:\d+)*$/);
  }, 180_000);
});
