// Prints the trace digest of running a scenario file with every invariant watching: the second
// process of the cross-process determinism law (test/laws/determinism.test.ts).

import { readFileSync } from 'node:fs';
import { parseScenario } from '../../scenarios/format/parse-scenario.js';
import { runScenarioChecked } from '../../scenarios/runner/run-result.js';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx test/laws/digest-of.ts SCENARIO.yaml');
const { result } = await runScenarioChecked(parseScenario(readFileSync(file, 'utf8'), file));
process.stdout.write(`${result.traceDigest}\n`);
