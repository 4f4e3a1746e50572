// Goal: each hub safety checker added for issue #5 can fail, on exactly the property it encodes.
// Method: a protected world in which the test closes the gate a property names (by forging what the
// hub's view shows, deleting the policy, annotating the placement, or simply acting before the
// gate could open), waits longer than a hub pass, then writes as the hub operator what a broken hub
// would write. The real hub operator keeps running: it never makes these writes itself (the library
// and fault-free runs hold every checker), so each violation is the forged write's.

import { describe, expect, it } from 'vitest';
import type { InvariantResult } from '../../../../reports/result-types.js';
import { AFTER_PASS_MS, HUB, editVrgWork, forgeView, requireFailoverMaintenanceMode, writeDecisions } from './hub-safety-rig.js';
import { DRPC, RAMEN, rig, smallWorld, userAction, verdictOf, waitDrpc } from './rig.js';

const DRPOLICY = { apiVersion: RAMEN, kind: 'DRPolicy' };
const PLACEMENT = { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement' };

function expectFired(results: InvariantResult[], name: string, message: RegExp): void {
  const r = verdictOf(results, name);
  expect(r.verdict, `${name} should be violated`).toBe('violated');
  expect(r.violations.map((v) => v.message).join(' | ')).toMatch(message);
  expect(r.violations[0]!.events.length).toBeGreaterThan(0);
}

async function protectedRig(decl = smallWorld()) {
  const r = await rig(decl);
  await waitDrpc(r.env, 'Deployed');
  await r.env.world.runFor(6 * 60_000);
  return r;
}

describe('the hub safety checkers fire on a broken hub write', () => {
  it('relocate-quiesce-order: the decision is cleared before the old home reported prepareForFinalSyncComplete', async () => {
    const r = await protectedRig();
    await forgeView(r.env, 'dr1', (vrg) => void (vrg.status = { ...vrg.status, prepareForFinalSyncComplete: false }));
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr2' });
    await r.env.world.runFor(AFTER_PASS_MS);
    await writeDecisions(r.env, []);
    await r.env.world.runFor(1_000);
    expectFired(r.finish(), 'relocate-quiesce-order', /cleared the decision \(was dr1\)/);
  });

  it('relocate-quiesce-order: the old home is demoted before its view reported finalSyncComplete', async () => {
    const r = await protectedRig();
    await forgeView(r.env, 'dr1', (vrg) => void (vrg.status = { ...vrg.status, prepareForFinalSyncComplete: false, finalSyncComplete: false }));
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr2' });
    await r.env.world.runFor(AFTER_PASS_MS);
    await editVrgWork(r.env, 'dr1', (spec) => void (spec['replicationState'] = 'secondary'));
    await r.env.world.runFor(1_000);
    expectFired(r.finish(), 'relocate-quiesce-order', /demoted dr1 while no view reported finalSyncComplete/);
  });

  it('relocate-needs-every-cluster: a relocate write while the view of one cluster fails', async () => {
    const r = await protectedRig();
    await forgeView(r.env, 'dr2', () => undefined, true);
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr2' });
    await r.env.world.runFor(AFTER_PASS_MS);
    await editVrgWork(r.env, 'dr1', (spec) => void (spec['prepareForFinalSync'] = true));
    await r.env.world.runFor(1_000);
    expectFired(r.finish(), 'relocate-needs-every-cluster', /query of dr2 failed/);
  });

  it('relocate-start-gates: the old home is asked to prepare while its view shows DataReady False', async () => {
    const r = await protectedRig();
    await forgeView(r.env, 'dr1', (vrg) => {
      for (const c of vrg.status?.conditions ?? []) if (c.type === 'DataReady') c.status = 'False';
    });
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr2' });
    await r.env.world.runFor(AFTER_PASS_MS);
    await editVrgWork(r.env, 'dr1', (spec) => void (spec['prepareForFinalSync'] = true));
    await r.env.world.runFor(1_000);
    expectFired(r.finish(), 'relocate-start-gates', /asked dr1 to prepare for the final sync/);
  });

  it('regional-failover-maintenance: the target is promoted before its storage activated the Failover mode', async () => {
    const r = await rig();
    await requireFailoverMaintenanceMode(r.env);
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.runFor(6 * 60_000);
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    await r.env.world.runFor(AFTER_PASS_MS);
    await editVrgWork(r.env, 'dr2', (spec) => void (spec['replicationState'] = 'primary'));
    await r.env.world.runFor(1_000);
    expectFired(r.finish(), 'regional-failover-maintenance', /did not report FailoverActivated/);
  });

  it('decision-on-ready-primary: the decision moves to the failover target before its view shows it ready', async () => {
    const r = await protectedRig();
    await forgeView(r.env, 'dr2', (vrg) => void (vrg.status = { ...vrg.status, state: 'Secondary' }));
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    await r.env.world.runFor(AFTER_PASS_MS);
    await writeDecisions(r.env, [{ clusterName: 'dr1', reason: 'RetainedForFailover' }, { clusterName: 'dr2', reason: '' }]);
    await r.env.world.runFor(1_000);
    expectFired(r.finish(), 'decision-on-ready-primary', /moved the decision to dr2/);
  });

  it('policy-gating: a VRG work written, and the policy finalizer dropped, while the DRPolicy is being deleted', async () => {
    const r = await protectedRig();
    await r.env.world.client('hub', 'user').delete(DRPOLICY, { name: 'dr-policy-5m' });
    await r.env.world.runFor(AFTER_PASS_MS);
    await editVrgWork(r.env, 'dr1', (spec) => void (spec['prepareForFinalSync'] = true));
    const hub = r.env.world.client('hub', HUB);
    const policy = await hub.get(DRPOLICY, { name: 'dr-policy-5m' });
    await hub.update({ ...policy, metadata: { ...policy.metadata, finalizers: [] } });
    await r.env.world.runFor(1_000);
    const results = r.finish();
    expectFired(results, 'policy-gating', /was being deleted/);
    expectFired(results, 'policy-gating', /removed DRPolicy dr-policy-5m's finalizer while DRPC app1\/app1 named it/);
  });

  it('placement-ownership: a decision written for a placement another DRPC owns', async () => {
    const r = await protectedRig();
    await r.env.world.client('hub', 'user').patch(PLACEMENT, { namespace: 'app1', name: 'app1-placement' }, { metadata: { annotations: { 'drplacementcontrol.ramendr.openshift.io/drpc-name': 'other' } } });
    await r.env.world.runFor(AFTER_PASS_MS);
    await writeDecisions(r.env, [{ clusterName: 'dr2', reason: '' }]);
    await r.env.world.runFor(1_000);
    expectFired(r.finish(), 'placement-ownership', /owned by DRPC app1\/other/);
  });

  it('dry-run-non-destructive: the original home demoted and the recorded state changed during a dry run', async () => {
    const r = await protectedRig();
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2', dryRun: true });
    await r.env.world.runFor(AFTER_PASS_MS);
    await editVrgWork(r.env, 'dr1', (spec) => void (spec['replicationState'] = 'secondary'));
    await r.env.world.client('hub', HUB).patch(DRPC, { namespace: 'app1', name: 'app1' }, { metadata: { annotations: { 'drplacementcontrol.ramendr.openshift.io/last-action': 'Failover' } } });
    await r.env.world.runFor(1_000);
    const results = r.finish();
    expectFired(results, 'dry-run-non-destructive', /demoted its original home dr1 during a dry run/);
    expectFired(results, 'dry-run-non-destructive', /changed drplacementcontrol.ramendr.openshift.io\/last-action/);
  });

  it('relocate-split-brain-stops: a relocate write while the views show two primaries', async () => {
    const r = await protectedRig();
    await forgeView(r.env, 'dr2', (vrg) => void (vrg.spec = { ...vrg.spec, replicationState: 'primary' }));
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr2' });
    await r.env.world.runFor(AFTER_PASS_MS);
    await editVrgWork(r.env, 'dr1', (spec) => void (spec['prepareForFinalSync'] = true));
    await r.env.world.runFor(1_000);
    expectFired(r.finish(), 'relocate-split-brain-stops', /primaries on dr1 and dr2/);
  });

  it('action-count-exact: the failover count raised with no failover', async () => {
    const r = await protectedRig();
    await r.env.world.client('hub', HUB).patch(DRPC, { namespace: 'app1', name: 'app1' }, { metadata: { annotations: { 'drplacementcontrol.ramendr.openshift.io/dr-action-count': '{"failover":1,"relocate":0,"lastPhase":"Deploying"}' } } });
    await r.env.world.runFor(1_000);
    expectFired(r.finish(), 'action-count-exact', /raised the failover count to 1 without moving from Initiating to FailingOver/);
  });
});
