// Goal: the findings the campaigns made against the real operators keep reproducing from their
// scenario files, with the invariant they were found by. Method: replay each file and require that
// invariant to be violated; when an operator fix lands, the matching case fails and is updated.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDINGS } from '../../../../scenarios/chaos/findings/index.js';
import { parseScenario } from '../../../../scenarios/format/parse-scenario.js';
import { runScenarioChecked } from '../../../../scenarios/runner/run-result.js';

describe('known findings reproduce', () => {
  for (const f of FINDINGS) {
    it(`${f.id}: ${f.summary}`, async () => {
      const scenario = parseScenario(readFileSync(f.file, 'utf8'), f.file);
      const { result } = await runScenarioChecked(scenario, { converge: f.converge });
      const inv = result.invariants.find((i) => i.name === f.invariant)!;
      expect(inv.verdict).toBe('violated');
      expect(inv.violations[0]!.events.length).toBeGreaterThan(0);
    }, 120_000);
  }
});
