// Prints the trace digest of every library scenario (and of a short default-world run), one line each,
// so that a pure optimisation can be shown not to change a single trace byte:
//   npx tsx bench/digests.ts > before.txt   (on the old code)
//   npx tsx bench/digests.ts --check before.txt
// A differing digest means the change altered behaviour (or event order) and must be explained.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../scenarios/runner/run-scenario-file.js';
import { runScenarioChecked as runScenario } from '../scenarios/runner/run-result.js';
import { runDefaultWorld } from './lib/default-world.js';

const LIBRARY = 'scenarios/library';

async function digests(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of readdirSync(LIBRARY).filter((f) => f.endsWith('.yaml')).sort()) {
    const { result } = await runScenario(loadScenario(join(LIBRARY, file)));
    out.set(file, `${result.traceDigest} ${result.passed ? 'passed' : 'FAILED'}`);
  }
  const world = await runDefaultWorld({ simulatedHours: 1, apps: 4 });
  out.set('default-world-4-apps-1h', `${world.traceDigest} events=${world.events}`);
  return out;
}

const args = process.argv.slice(2);
const checkIndex = args.indexOf('--check');
const current = await digests();
if (checkIndex < 0) {
  for (const [k, v] of current) console.log(`${k} ${v}`);
} else {
  const expected = new Map(
    readFileSync(args[checkIndex + 1]!, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [k, ...rest] = l.split(' ');
        return [k!, rest.join(' ')] as const;
      }),
  );
  let differ = 0;
  for (const [k, v] of current) {
    const same = expected.get(k) === v;
    if (!same) differ++;
    console.log(`${same ? 'same   ' : 'DIFFERS'} ${k} ${v}${same ? '' : ` (expected ${expected.get(k) ?? 'nothing'})`}`);
  }
  process.exitCode = differ === 0 ? 0 : 1;
}
