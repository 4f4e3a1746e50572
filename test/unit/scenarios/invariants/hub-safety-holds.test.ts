// Goal: the hub safety checkers added for issue #5 hold where Ramen behaves, on the flows the library
// scenarios do not walk: a dry-run failover and its revert (S18, and the dry-run exemptions of S9),
// and a regional failover that must wait for the target's storage maintenance mode (S8) followed by
// a relocate back (S3-S5, S19, S20). Method: fault-free runs with every checker attached; the
// checkers named here must hold, and the flows must really reach the states that exercise them.

import { describe, expect, it } from 'vitest';
import type { InvariantResult } from '../../../../reports/result-types.js';
import { requireFailoverMaintenanceMode } from './hub-safety-rig.js';
import { rig, smallWorld, userAction, verdictOf, waitDrpc } from './rig.js';

const NEW_HUB_CHECKERS = [
  'relocate-quiesce-order',
  'relocate-needs-every-cluster',
  'relocate-start-gates',
  'regional-failover-maintenance',
  'decision-on-ready-primary',
  'policy-gating',
  'placement-ownership',
  'dry-run-non-destructive',
  'relocate-split-brain-stops',
  'action-count-exact',
];

function expectHeld(results: InvariantResult[]): void {
  const broken = NEW_HUB_CHECKERS.map((n) => verdictOf(results, n)).filter((r) => r.verdict !== 'held');
  expect(broken.map((r) => `${r.name}: ${r.violations[0]?.message}`)).toEqual([]);
}

describe('the hub safety checkers hold where Ramen behaves', () => {
  it('a dry-run failover, then its revert', async () => {
    const r = await rig();
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.runFor(6 * 60_000);
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2', dryRun: true });
    await waitDrpc(r.env, 'FailedOver', 'TestingFailover');
    await r.env.world.runFor(2 * 60_000);
    await userAction(r.env, { action: null, failoverCluster: null, dryRun: false });
    await waitDrpc(r.env, 'Deployed', 'Completed');
    await r.env.world.runFor(2 * 60_000);
    expectHeld(r.finish());
  });

  it('a regional failover that waits for the Failover maintenance mode, then a relocate back', async () => {
    const r = await rig(smallWorld());
    await requireFailoverMaintenanceMode(r.env);
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.runFor(6 * 60_000);
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    await waitDrpc(r.env, 'FailedOver');
    // The failover really needed the mode: the target's storage activated it.
    expect(r.env.world.trace.all().some((e) => e.type === 'storage.maintenance.activated')).toBe(true);
    await r.env.world.runFor(6 * 60_000);
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr1' });
    await waitDrpc(r.env, 'Relocated');
    expectHeld(r.finish());
  });
});
