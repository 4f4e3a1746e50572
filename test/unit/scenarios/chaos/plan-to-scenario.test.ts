// Goal: every plan the generators draw becomes a scenario file that parses, keeps its faults and
// actions in time order, heals what is still broken and ends with the converge phase. Method: a
// fast-check property over drawn plans, plus the tidying rules on hand-made ones.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chaosPlanArb } from '../../../../scenarios/chaos/chaos-plan-arb.js';
import type { ChaosPlan } from '../../../../scenarios/chaos/chaos-plan.js';
import { convergePhaseOf, normalizeFaults, planToScenario, planToYaml } from '../../../../scenarios/chaos/plan-to-scenario.js';

const TEXT = { name: 'chaos', description: 'test', convergeMs: 120_000 };

describe('plans written as scenario files', () => {
  it('every drawn plan parses, runs its steps in time order and ends with a converge phase', () => {
    fc.assert(
      fc.property(chaosPlanArb({ runLengthMs: 30 * 60_000, apps: 2 }), (plan) => {
        const s = planToScenario(plan, TEXT);
        expect(s.seed).toBe(plan.worldSeed);
        expect(s.world.apps.map((a) => a.name)).toEqual(['app1', 'app2']);
        const last = s.steps[s.steps.length - 1]!;
        expect(last.kind === 'advance' && last.durationMs).toBe(120_000);
        expect(convergePhaseOf(s)).toBeDefined();
        const advanced = s.steps.slice(0, convergePhaseOf(s)).reduce((t, st) => t + (st.kind === 'advance' ? st.durationMs : 0), 0);
        expect(advanced).toBe(plan.runLengthMs);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('merges overlapping windows of one fault on one target', () => {
    const merged = normalizeFaults([
      { kind: 'clusterDown', cluster: 'dr1', atMs: 0, durationMs: 60_000 },
      { kind: 'clusterDown', cluster: 'dr1', atMs: 30_000, durationMs: 60_000 },
      { kind: 'clusterDown', cluster: 'dr2', atMs: 30_000, durationMs: 10_000 },
    ]);
    expect(merged).toEqual([
      { kind: 'clusterDown', cluster: 'dr1', atMs: 0, durationMs: 90_000 },
      { kind: 'clusterDown', cluster: 'dr2', atMs: 30_000, durationMs: 10_000 },
    ]);
  });

  it('moves user actions out of hub outages and drops actions after a disable', () => {
    const plan: ChaosPlan = {
      worldSeed: 3,
      world: { clusters: [{ name: 'dr1', region: 'east' }, { name: 'dr2', region: 'west' }], storage: 'regional', schedulingInterval: '5m', s3: 'per-cluster', ramen: 'configured', apps: [{ name: 'app1', namespace: 'app1', pvcs: [{ name: 'data1', size: '1Gi' }], writesPerMinute: 6, dataPath: 'volrep', kubeObjectProtection: false, protection: 'drpc', cluster: 'dr1' }] },
      runLengthMs: 10 * 60_000,
      faults: [{ kind: 'hubDown', atMs: 60_000, durationMs: 60_000 }],
      actions: [
        { atMs: 90_000, app: 'app1', kind: 'failover', to: 'dr2' },
        { atMs: 200_000, app: 'app1', kind: 'disable', to: 'dr1' },
        { atMs: 300_000, app: 'app1', kind: 'relocate', to: 'dr1' },
      ],
    };
    const s = planToScenario(plan, TEXT);
    const kinds = s.steps.map((x) => x.kind);
    expect(kinds).toEqual(['advance', 'fault', 'advance', 'fault', 'advance', 'failover', 'advance', 'delete', 'advance', 'advance']);
    const failoverAt = s.steps.slice(0, kinds.indexOf('failover')).reduce((t, st) => t + (st.kind === 'advance' ? st.durationMs : 0), 0);
    expect(failoverAt).toBe(130_000);
    expect(planToYaml(plan, TEXT)).not.toContain('relocate:');
  });
});
