// Goal: validation surfaces with the spec's exact reasons: admission rejects (CEL, pattern, size), DRPolicy
// and DRCluster Validated reasons, CIDR reasons, and the DRPC's early failures (hub spec §2, §4, §14, §15).
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../../../engine/api/meta.js';
import type { DRCluster } from '../../../../../engine/api/ramen/drcluster.js';
import type { DRPolicy } from '../../../../../engine/api/ramen/drpolicy.js';
import { isApiError } from '../../../../../engine/runtime/errors.js';
import { HUB } from '../../../../../sim/world/world.js';
import { s3EndpointUrl } from '../../../../../sim/world/bootstrap-manifests.js';
import { RAMEN_API, decl, hubRig } from '../hub-rig.js';

const MIN = 60_000;

function cond(obj: { status?: { conditions?: Condition[] } } | undefined, type: string): Condition | undefined {
  return obj?.status?.conditions?.find((c) => c.type === type);
}

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isApiError(err, 'Invalid')) return err.message;
    throw err;
  }
  return '';
}

describe('validation', () => {
  it('admission refuses what the CRDs refuse', async () => {
    const rig = await hubRig({ seed: 71, protect: false });
    const admin = rig.env.world.client(HUB, 'admin');
    const policy = (clusters: string[], interval: string) => ({ apiVersion: RAMEN_API, kind: 'DRPolicy', metadata: { name: `p-${clusters.length}-${interval}` }, spec: { drClusters: clusters, schedulingInterval: interval } });
    expect(await rejection(admin.create(policy(['dr1'], '5m')))).toContain('drClusters requires a list of 2 clusters');
    expect(await rejection(admin.create(policy(['dr1', 'dr2'], '5s')))).toContain('spec.schedulingInterval');
    await admin.create(policy(['dr1', 'dr2'], '1h'));
    expect(await rejection(admin.patch({ apiVersion: RAMEN_API, kind: 'DRPolicy' }, { name: 'p-2-1h' }, { spec: { schedulingInterval: '2h' } }))).toContain('schedulingInterval is immutable');
    expect(await rejection(admin.patch({ apiVersion: RAMEN_API, kind: 'DRCluster' }, { name: 'dr1' }, { spec: { s3ProfileName: 'other' } }))).toContain('s3ProfileName is immutable');
    expect(await rejection(admin.patch({ apiVersion: RAMEN_API, kind: 'DRCluster' }, { name: 'dr1' }, { spec: { clusterFence: 'Half' } }))).toContain('spec.clusterFence');
  }, 120_000);

  it('DRPolicy and DRCluster report their reasons', async () => {
    const rig = await hubRig({ seed: 72, protect: false });
    const w = rig.env.world;
    const admin = w.client(HUB, 'admin');
    await admin.create({ apiVersion: RAMEN_API, kind: 'DRPolicy', metadata: { name: 'missing' }, spec: { drClusters: ['dr1', 'nowhere'], schedulingInterval: '5m' } });
    await admin.create({ apiVersion: RAMEN_API, kind: 'DRCluster', metadata: { name: 'nowhere' }, spec: { s3ProfileName: 'minio-on-dr1', cidrs: ['not-a-cidr'] } });
    await w.runFor(5 * MIN);
    const missingPolicy = (): DRPolicy | undefined => w.peek<DRPolicy>(HUB, RAMEN_API, 'DRPolicy', 'missing');
    // `nowhere` exists now but has no cluster namespace on the hub: its deployment fails first.
    expect(cond(w.peek<DRCluster>(HUB, RAMEN_API, 'DRCluster', 'nowhere'), 'Validated')).toMatchObject({ status: 'False', reason: 'DrClustersDeployFailed' });
    expect(cond(missingPolicy(), 'Validated')).toMatchObject({ status: 'True', reason: 'Succeeded' });

    // A DRCluster whose S3 endpoint is down: HeadBucket fails.
    await rig.env.faults.inject({ type: 's3Outage', endpoint: s3EndpointUrl(w.decl, 'dr2') });
    await admin.patch({ apiVersion: RAMEN_API, kind: 'DRCluster' }, { name: 'dr2' }, { spec: { cidrs: ['10.0.0.0/33'] } });
    await w.runFor(5 * MIN);
    const dr2 = w.peek<DRCluster>(HUB, RAMEN_API, 'DRCluster', 'dr2');
    expect(cond(dr2, 'Validated')).toMatchObject({ status: 'False', reason: 's3BucketNotFound' });
    await rig.env.faults.inject({ type: 's3Restore', endpoint: s3EndpointUrl(w.decl, 'dr2') });
    await w.runFor(5 * MIN);
    const dr2b = w.peek<DRCluster>(HUB, RAMEN_API, 'DRCluster', 'dr2');
    expect(cond(dr2b, 'Validated')).toMatchObject({ status: 'False', reason: 'ValidationFailed', message: 'CIDRs validation failed' });
    expect(cond(dr2b, 'CIDRsValidated')).toMatchObject({ status: 'False', reason: 'InvalidCIDRsFormat', message: 'invalid CIDRs format specified 10.0.0.0/33' });

    // A policy naming a DRCluster that does not exist.
    await admin.create({ apiVersion: RAMEN_API, kind: 'DRPolicy', metadata: { name: 'ghost' }, spec: { drClusters: ['dr1', 'ghost'], schedulingInterval: '5m' } });
    await w.runFor(2 * MIN);
    expect(cond(w.peek<DRPolicy>(HUB, RAMEN_API, 'DRPolicy', 'ghost'), 'Validated')).toMatchObject({ status: 'False', reason: 'DRClusterNotFound' });
  }, 120_000);

  it('a DRPC records early failures in Available', async () => {
    const rig = await hubRig({ seed: 73, decl: decl() });
    expect(await rig.untilState('Deployed', 'Completed', 15 * MIN)).toBe(true);
    await rig.patchDrpc({ dryRun: true });
    await rig.env.world.runFor(2 * MIN);
    expect(rig.condition('Available')).toMatchObject({ status: 'False', reason: 'ValidationFailed', message: 'dryRun is enabled but action is not failover' });
    await rig.patchDrpc({ dryRun: false, protectedNamespaces: ['busybox'] });
    await rig.env.world.runFor(2 * MIN);
    expect(rig.condition('Available')).toMatchObject({ status: 'False', reason: 'Error', message: 'drpc in non-admin namespace(busybox) cannot have protected namespaces, admin-namespaces: ramen-ops' });
    expect(
      await rejection(
        rig.env.world.client(HUB, 'admin').patch({ apiVersion: RAMEN_API, kind: 'DRPlacementControl' }, { namespace: 'busybox', name: 'busybox' }, { spec: { placementRef: { kind: 'Placement', name: 'other' } } }),
      ),
    ).toContain('placementRef is immutable');
  }, 120_000);
});
