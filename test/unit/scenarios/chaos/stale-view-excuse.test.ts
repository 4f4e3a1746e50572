// Goal: the relocate checkers excuse a promotion over a stale view exactly when Ramen would make it,
// and nothing else: F3's relocate (the hub's stored view of the cut-off old home still showed
// Secondary) is measured with the view's age and what the stored VRG said, while a broken hub that
// reads views older than the ones it has stored is still caught. Method: replay F3's file; then run a
// hub that keeps reading dr2's view as it was before a relocate to dr2, and re-target the relocate to
// dr1 once dr2 is primary and its stored view says so.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenarios/format/parse-scenario.js';
import { runScenarioChecked } from '../../../../scenarios/runner/run-result.js';
import type { KubeObject } from '../../../../engine/api/meta.js';
import type { VolumeReplicationGroup } from '../../../../engine/api/ramen/vrg.js';
import { forwarding, wrapActor } from '../../../../scenarios/variants/variant.js';
import { RAMEN, rig, smallWorld, userAction, verdictOf, waitDrpc } from '../invariants/rig.js';

const F3 = 'scenarios/chaos/findings/f3-relocate-over-stale-view.yaml';

describe('relocate over a stale view', () => {
  it("F3: the promotion over dr2's stale view is measured, not flagged", async () => {
    const { result } = await runScenarioChecked(parseScenario(readFileSync(F3, 'utf8'), F3));
    expect(verdictOf(result.invariants, 'relocate-demotes-first').verdict).toBe('held');
    const m = verdictOf(result.invariants, 'relocate-over-stale-view');
    expect(m.violations).toHaveLength(1);
    expect(m.violations[0]!.message).toMatch(/promoted dr1 over a stale view of dr2: the hub's view showed spec secondary, state Secondary at generation (\d+)\/\1 .*last updated [\d.]+ s before, out of date for [\d.]+ s; dr2's stored VRG said spec primary, state Primary/);
  }, 60_000);

  it('a hub reading views older than it has stored is still caught by relocate-demotes-first', async () => {
    // A broken hub: once frozen, it keeps reading dr2's VRG view as it last saw it, whatever the view
    // agent stores since. The stored view is fresh, so nothing excuses what the hub then does.
    let frozen: KubeObject | undefined;
    let freeze = false;
    const wrap = wrapActor('ramen-hub-operator', (n) => n === 'hub', (inner) =>
      forwarding(inner, {
        async get(kind, key) {
          const fresh = await inner.get(kind, key);
          if (kind.kind !== 'ManagedClusterView' || key.namespace !== 'dr2' || !key.name.endsWith('-vrg-mcv')) return fresh as never;
          if (!freeze || !frozen) frozen = fresh;
          return { ...frozen, metadata: fresh.metadata, spec: fresh.spec } as never;
        },
      }),
    );
    const r = await rig(smallWorld(), { wrapClient: wrap });
    await waitDrpc(r.env, 'Deployed', 'Completed');
    await r.env.world.runFor(6 * 60_000);
    freeze = true;
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr2' });
    const dr2Primary = await r.env.world.runUntil(() => r.env.world.peek<VolumeReplicationGroup>('dr2', RAMEN, 'VolumeReplicationGroup', 'app1', 'app1')?.status?.state === 'Primary', 30 * 60_000);
    expect(dr2Primary).toBe(true);
    await r.env.world.runFor(90_000);
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr1' });
    await r.env.world.runFor(10 * 60_000);
    const results = r.finish();
    const v = verdictOf(results, 'relocate-demotes-first');
    expect(v.verdict).toBe('violated');
    expect(v.violations[0]!.message).toMatch(/promoted dr1 while/);
    expect(verdictOf(results, 'relocate-over-stale-view').violations).toEqual([]);
  }, 120_000);
});
