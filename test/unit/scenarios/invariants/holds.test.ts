// Goal: every invariant holds on the passing library scenarios and on fault-free runs, so a violation
// in a campaign means something, not noise. Method: run them with every checker attached and require
// no verdict "violated" (measurements may report anything).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenarios/format/parse-scenario.js';
import { runScenarioChecked } from '../../../../scenarios/runner/run-result.js';
import { healAndConverge } from '../../../../scenarios/chaos/heal-and-converge.js';
import { rig, smallWorld, userAction, violated, waitDrpc } from './rig.js';

const LIBRARY = 'scenarios/library';

describe('invariants hold where Ramen behaves', () => {
  for (const file of readdirSync(LIBRARY).filter((f) => f.endsWith('.yaml')).sort()) {
    it(`library scenario ${file}, with a heal-and-converge phase`, async () => {
      const scenario = parseScenario(readFileSync(join(LIBRARY, file), 'utf8'), join(LIBRARY, file));
      const { result } = await runScenarioChecked(scenario, { converge: true });
      expect(result.steps?.every((s) => s.ok)).toBe(true);
      expect(result.invariants.filter((i) => i.verdict === 'violated').map((i) => `${i.name}: ${i.violations[0]?.message}`)).toEqual([]);
      expect(result.invariants.find((i) => i.name === 'convergence')?.verdict).toBe('held');
    });
  }

  it('a fault-free world with a failover and a relocate back', async () => {
    const r = await rig(smallWorld());
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.runFor(6 * 60_000);
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    await waitDrpc(r.env, 'FailedOver');
    await r.env.world.runFor(6 * 60_000);
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr1' });
    await waitDrpc(r.env, 'Relocated');
    const end = await healAndConverge(r.env, r.monitor.observed);
    const results = r.finish(end);
    expect(violated(results)).toEqual([]);
    expect(results.find((x) => x.name === 'convergence')?.verdict).toBe('held');
    // The failover with both clusters up measures its RPO and the old primary's divergence.
    expect(results.find((x) => x.name === 'failover-data-loss')?.violations.length).toBe(1);
  });

  it('a fault-free metro world with fencing, failover and relocate', async () => {
    const r = await rig(smallWorld({ storage: 'metro' }));
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.client('hub', 'user').patch({ apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'DRCluster' }, { name: 'dr1' }, { spec: { clusterFence: 'Fenced' } });
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    await waitDrpc(r.env, 'FailedOver');
    await r.env.world.client('hub', 'user').patch({ apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'DRCluster' }, { name: 'dr1' }, { spec: { clusterFence: 'Unfenced' } });
    await r.env.world.runFor(5 * 60_000);
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr1' });
    await waitDrpc(r.env, 'Relocated');
    const results = r.finish(await healAndConverge(r.env, r.monitor.observed));
    expect(violated(results)).toEqual([]);
  });

  it('a clean disable with every cluster reachable', async () => {
    const r = await rig(smallWorld());
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.runFor(5 * 60_000);
    await r.env.world.client('hub', 'user').delete({ apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'DRPlacementControl' }, { namespace: 'app1', name: 'app1' });
    await r.env.world.runFor(15 * 60_000);
    const results = r.finish();
    expect(violated(results)).toEqual([]);
    const clean = results.find((x) => x.name === 'clean-disable')!;
    expect(clean.verdict).toBe('held');
    expect(clean.explanation).not.toContain('Not flagged');
  });
});
