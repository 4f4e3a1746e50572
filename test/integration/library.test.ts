// Goal: every scenario in the library runs to completion on the simulator.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenarios/format/parse-scenario.js';
import { runSteps } from '../../scenarios/runner/run-scenario.js';
import { buildEnvironment } from '../../sim/world/build-environment.js';

const DIR = 'scenarios/library';

describe('scenario library', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    it(file, async () => {
      const scenario = parseScenario(readFileSync(join(DIR, file), 'utf8'), join(DIR, file));
      const env = await buildEnvironment({ seed: scenario.seed, decl: scenario.world });
      const result = await runSteps(scenario, env, { onStep: (o) => console.log(`${(o.atMs / 1000).toFixed(0)}s ${o.ok ? 'ok ' : 'FAIL'} ${o.label}${o.message ? ` — ${o.message}` : ''}`) });
      if (!result.passed) {
        for (const e of env.world.trace.all().filter((x) => x.type === 'drpc.status' || x.type === 'vrg.status' || x.type.startsWith('fault') || x.type === 'user.action')) console.log(JSON.stringify(e));
      }
      expect(result.failure?.message ?? 'passed').toBe('passed');
    });
  }
});
