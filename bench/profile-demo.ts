// Runs the demo scenario once and reports where wall time goes: events processed, trace size, and
// per-event cost. A quick look before any optimisation.
import { loadScenario } from '../scenarios/runner/run-scenario-file.js';
import { runScenarioChecked as runScenario } from '../scenarios/runner/run-result.js';

const s = loadScenario('scenarios/library/demo-failover-and-relocate.yaml');
const t0 = performance.now();
const { env, result } = await runScenario(s, { wallClockMs: () => performance.now() });
const wall = performance.now() - t0;
const events = env.world.time.eventsProcessed;
const types = new Map<string, number>();
for (const e of env.world.trace.all()) types.set(e.type, (types.get(e.type) ?? 0) + 1);
console.log({ passed: result.passed, wallMs: Math.round(wall), simEvents: events, traceEvents: env.world.trace.length, usPerSimEvent: ((wall * 1000) / events).toFixed(1), speedup: Math.round(result.virtualDurationMs / wall) });
console.log([...types.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15));
