// Goal: failover (hub spec §6.3): the target is promoted while the old primary keeps its primary work
// (N1); the old home is demoted only after the decision moved (S10); with the old primary unreachable
// the DRPC fails over, parks at FailedOver/Cleaning Up with PeerReady False, and completes once the
// old cluster returns (L2).
import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../hub-rig.js';
import { hubRig } from '../hub-rig.js';

const MIN = 60_000;
type WorkEvent = Extract<HubEvent, { kind: 'work' }>;
type DecisionEvent = Extract<HubEvent, { kind: 'decision' }>;

describe('failover', () => {
  it('planned: promotes the target, moves the decision, then demotes the old primary', async () => {
    const rig = await hubRig({ seed: 21 });
    expect(await rig.untilState('Deployed', 'Completed', 15 * MIN, { protectedTrue: true })).toBe(true);
    const t0 = rig.env.world.elapsedMs();
    await rig.patchDrpc({ action: 'Failover', failoverCluster: 'dr2' });
    expect(await rig.untilState('FailedOver', 'Completed', 20 * MIN)).toBe(true);

    expect(rig.condition('Available')).toMatchObject({ status: 'True', reason: 'FailedOver', message: 'Completed' });
    expect(rig.condition('PeerReady')).toMatchObject({ status: 'True', reason: 'Success' });
    expect(rig.workState('dr2')).toBe('primary');
    expect(rig.workState('dr1')).toBe('secondary');
    expect(rig.drpc()!.metadata.annotations).toMatchObject({
      'drplacementcontrol.ramendr.openshift.io/last-app-deployment-cluster': 'dr2',
      'drplacementcontrol.ramendr.openshift.io/last-action': 'Failover',
      'drplacementcontrol.ramendr.openshift.io/dr-action-count': '{"failover":1,"relocate":0,"lastPhase":"FailingOver"}',
    });
    // preferredDecision tracks the initially preferred cluster, not the new home (Q2).
    expect(rig.drpc()!.status?.preferredDecision?.clusterName).toBe('dr1');

    const events = rig.since(t0);
    const promote = events.findIndex((h) => h.kind === 'work' && h.cluster === 'dr2' && h.state === 'primary');
    const demote = events.findIndex((h) => h.kind === 'work' && h.cluster === 'dr1' && h.state === 'secondary');
    const moved = events.findIndex((h) => h.kind === 'decision' && (h as DecisionEvent).decisions.includes('dr2'));
    const retained = events.findIndex((h) => h.kind === 'decision' && (h as DecisionEvent).decisions.join() === 'dr1(retained)');
    const dropped = events.findIndex((h) => h.kind === 'decision' && (h as DecisionEvent).decisions.join() === 'dr2');
    expect(promote).toBeGreaterThanOrEqual(0);
    // The old home's decision is retained before the target is promoted; the target was a proven secondary (S6).
    expect(retained).toBeGreaterThanOrEqual(0);
    expect(retained).toBeLessThan(promote);
    expect((events[promote] as WorkEvent).vrgs.dr2).toMatchObject({ state: 'Secondary' });
    // Both works were primary between promotion and demotion (N1), and demotion followed the decision (S10).
    expect(promote).toBeLessThan(moved);
    expect(moved).toBeLessThan(demote);
    expect((events[moved] as DecisionEvent).decisions).toEqual(['dr1(retained)', 'dr2']);
    // The target was ready when the decision moved to it (S9).
    expect((events[moved] as DecisionEvent).vrgs.dr2).toMatchObject({ state: 'Primary' });
    // The retained decision goes only once dr1's VRG took the secondary spec at its generation.
    expect(dropped).toBeGreaterThan(demote);
    expect((events[dropped] as DecisionEvent).vrgs.dr1).toMatchObject({ replicationState: 'secondary' });
    const phases = events.filter((h): h is Extract<HubEvent, { kind: 'drpc' }> => h.kind === 'drpc').map((h) => h.phase);
    expect(phases).toContain('FailingOver');
  }, 120_000);

  it('with the old primary down: fails over, parks in cleanup, completes when the cluster returns', async () => {
    const rig = await hubRig({ seed: 22 });
    expect(await rig.untilState('Deployed', 'Completed', 15 * MIN, { protectedTrue: true })).toBe(true);
    await rig.env.faults.inject({ type: 'clusterDown', cluster: 'dr1' });
    await rig.env.world.runFor(MIN);
    await rig.patchDrpc({ action: 'Failover', failoverCluster: 'dr2' });
    expect(await rig.untilState('FailedOver', 'Cleaning Up', 20 * MIN)).toBe(true);
    await rig.env.world.runFor(10 * MIN);

    // Parked: Available True, PeerReady False, the app on dr2; the hub-side demotion is already written.
    expect(rig.drpc()!.status?.progression).toBe('Cleaning Up');
    expect(rig.condition('Available')).toMatchObject({ status: 'True', reason: 'FailedOver' });
    expect(rig.condition('PeerReady')).toMatchObject({ status: 'False', reason: 'NotStarted', message: 'Started failover to cluster "dr2"' });
    expect(rig.workState('dr2')).toBe('primary');
    expect(rig.workState('dr1')).toBe('secondary');
    expect(rig.env.appRunningOn('busybox')).toEqual(['dr2']);

    await rig.env.faults.inject({ type: 'clusterUp', cluster: 'dr1' });
    expect(await rig.untilState('FailedOver', 'Completed', 20 * MIN)).toBe(true);
    expect(rig.condition('PeerReady')).toMatchObject({ status: 'True', reason: 'Success' });
    expect(rig.env.world.peek('dr1', 'ramendr.openshift.io/v1alpha1', 'VolumeReplicationGroup', 'busybox', 'busybox')?.status).toMatchObject({ state: 'Secondary' });
  }, 120_000);

  it('a target whose VRG cannot be read is never promoted, and no work changes (F1, S6)', async () => {
    const rig = await hubRig({ seed: 23 });
    // dr2 is down from the start, so its VRG view never gets a status.
    await rig.env.faults.inject({ type: 'clusterDown', cluster: 'dr2' });
    expect(await rig.runUntil(() => rig.drpc()?.status?.phase === 'Deployed', 15 * MIN)).toBe(true);
    await rig.env.world.runFor(2 * MIN);
    const t0 = rig.env.world.elapsedMs();
    await rig.patchDrpc({ action: 'Failover', failoverCluster: 'dr2' });
    await rig.env.world.runFor(10 * MIN);
    expect(rig.condition('Available')?.message).toMatch(/^unable to start failover, spec.FailoverCluster \(dr2\) is not a valid Secondary target: failed to get VRG from managed cluster dr2: /);
    expect(rig.since(t0).filter((h) => h.kind === 'work' || h.kind === 'decision')).toEqual([]);
    expect(rig.workState('dr1')).toBe('primary');
    expect(rig.drpc()!.status?.phase).toBe('Deployed');
  }, 120_000);
});
