// Goal: a dry-run failover (hub spec §10, S18) promotes the target without demoting the original home,
// records the test in the DRPC's annotation, and leaves last-action / last-app-deployment-cluster alone.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import { RAMEN_API, hubRig } from '../hub-rig.js';

const MIN = 60_000;

describe('dry-run failover', () => {
  it('tests the failover on the target while the original primary keeps running', async () => {
    const rig = await hubRig({ seed: 91 });
    expect(await rig.untilState('Deployed', 'Completed', 15 * MIN, { protectedTrue: true })).toBe(true);
    const t0 = rig.env.world.elapsedMs();
    await rig.patchDrpc({ action: 'Failover', failoverCluster: 'dr2', dryRun: true });
    expect(await rig.untilState('FailedOver', 'TestingFailover', 20 * MIN)).toBe(true);
    await rig.env.world.runFor(5 * MIN);

    expect(rig.condition('Available')).toMatchObject({ status: 'True', reason: 'FailedOver' });
    expect(rig.workState('dr1')).toBe('primary');
    expect(rig.workState('dr2')).toBe('primary');
    expect(rig.since(t0).some((h) => h.kind === 'work' && h.cluster === 'dr1' && h.state === 'secondary')).toBe(false);
    const annotations = rig.drpc()!.metadata.annotations!;
    expect(annotations['drplacementcontrol.ramendr.openshift.io/test-failover-dryrun']).toBe('true');
    expect(annotations['drplacementcontrol.ramendr.openshift.io/last-app-deployment-cluster']).toBe('dr1');
    expect(annotations['drplacementcontrol.ramendr.openshift.io/last-action']).toBe('');
    // The target's VRG runs the test: dryRun and the dry-run annotation are set in its work.
    const mw = rig.vrgWork('dr2') as KubeObject<{ workload: { manifests: KubeObject<{ dryRun?: boolean; action?: string }>[] } }>;
    const vrg = mw.spec!.workload.manifests[0]!;
    expect(vrg.spec).toMatchObject({ dryRun: true, action: 'Failover', replicationState: 'primary' });
    expect(vrg.metadata.annotations?.['drplacementcontrol.ramendr.openshift.io/test-failover-dryrun']).toBe('true');
    // With a Placement, the original home's decision is retained, so the app runs on both.
    const pd = rig.env.world.peekAll<KubeObject<unknown, { decisions?: { clusterName: string; reason: string }[] }>>('hub', 'cluster.open-cluster-management.io/v1beta1', 'PlacementDecision', 'busybox')[0]!;
    expect(pd.status?.decisions?.map((d) => `${d.clusterName}/${d.reason}`)).toEqual(['dr1/RetainedForFailover', 'dr2/dr2']);
    expect(rig.env.world.peek('dr1', RAMEN_API, 'VolumeReplicationGroup', 'busybox', 'busybox')?.spec).toMatchObject({ replicationState: 'primary' });
  }, 120_000);

  it('is refused when the target is the current home', async () => {
    const rig = await hubRig({ seed: 92 });
    expect(await rig.untilState('Deployed', 'Completed', 15 * MIN)).toBe(true);
    await rig.patchDrpc({ action: 'Failover', failoverCluster: 'dr1', dryRun: true });
    await rig.env.world.runFor(3 * MIN);
    expect(rig.condition('Available')).toMatchObject({ status: 'False', reason: 'ValidationFailed', message: 'dryRun failover target cannot be the same as current deployment cluster: dr1' });
    expect(rig.workState('dr2')).toBe('secondary');
  }, 120_000);
});
