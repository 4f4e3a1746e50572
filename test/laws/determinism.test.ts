// Goal: the same seed gives the same trace, byte for byte, twice in one process and in two processes,
// for a busy world with faults; and watching a run (the invariant monitor) changes nothing in it.
// Method: compare trace digests (sha256 of the canonical NDJSON trace).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPlan } from '../../scenarios/chaos/run-plan.js';
import { planToScenario } from '../../scenarios/chaos/plan-to-scenario.js';
import { runScenarioChecked } from '../../scenarios/runner/run-result.js';
import { runSteps } from '../../scenarios/runner/run-scenario.js';
import { buildEnvironment } from '../../sim/world/build-environment.js';
import { BUSY_PLAN } from './busy-plan.js';

describe('determinism', () => {
  it('same seed, same trace: twice in one process, once more in another process, and from the written file', async () => {
    const a = await runPlan(BUSY_PLAN, { seed: 1, replayCommand: '' });
    const b = await runPlan(BUSY_PLAN, { seed: 1, replayCommand: '' });
    expect(a.result?.traceDigest).toBeDefined();
    expect(b.result?.traceDigest).toBe(a.result?.traceDigest);
    expect(b.yaml).toBe(a.yaml);
    const dir = mkdtempSync(join(tmpdir(), 'drsim-law-'));
    const file = join(dir, 'busy.yaml');
    writeFileSync(file, a.yaml);
    // The written file replays the campaign's run exactly, converge phase included.
    const { result } = await runScenarioChecked(planToScenario(BUSY_PLAN, { name: 'chaos', description: 'A chaos run written out by drsim chaos.', convergeMs: a.result!.virtualDurationMs - BUSY_PLAN.runLengthMs }, file));
    expect(result.virtualDurationMs).toBe(a.result!.virtualDurationMs);
    const other = execFileSync('npx', ['tsx', 'test/laws/digest-of.ts', file], { encoding: 'utf8' }).trim();
    expect(other).toBe(result.traceDigest);
    expect(result.traceDigest).toBe(a.result?.traceDigest);
  }, 120_000);

  it('the invariant monitor observes without changing the run', async () => {
    const scenario = planToScenario(BUSY_PLAN, { name: 'chaos', description: 'watched or not', convergeMs: 5 * 60_000 });
    const watched = (await runScenarioChecked(scenario)).result.traceDigest;
    const env = await buildEnvironment({ seed: scenario.seed, decl: scenario.world });
    await runSteps(scenario, env);
    expect(env.world.trace.digest()).toBe(watched);
  }, 120_000);
});
