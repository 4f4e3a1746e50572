// Goal: a DRPC deleted while a failover had promoted a target that never restored the PVC (two
// primaries in spec) is judged on the PVCs of the primary that had them bound. Method: replay the
// shrunk campaign run (seed 1099); clean-disable must hold (it required the PVC on dr1, which never
// had it, before the fix) and nothing else may be violated.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenarios/format/parse-scenario.js';
import { runScenarioChecked } from '../../../../scenarios/runner/run-result.js';

const FILE = 'test/unit/scenarios/chaos/fixtures/disable-mid-failover.yaml';

describe('disable during a failover', () => {
  it('judges the PVCs of the primary that had them bound', async () => {
    const { result } = await runScenarioChecked(parseScenario(readFileSync(FILE, 'utf8'), FILE), { converge: false });
    const inv = result.invariants.find((i) => i.name === 'clean-disable')!;
    expect(inv.verdict).toBe('held');
    expect(result.invariants.filter((i) => i.verdict === 'violated').map((i) => i.name)).toEqual([]);
  }, 120_000);
});
