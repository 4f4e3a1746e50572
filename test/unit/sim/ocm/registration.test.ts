// ManagedCluster registration over the network: clusters join with the id.k8s.io claim, go Unknown
// (and tainted) only after 5 lease periods without renewal, and come back when the link heals.

import { describe, expect, it } from 'vitest';
import { LeaseKind, MANAGED_CLUSTER_LEASE_NAME, type Lease } from '../../../../engine/api/ocm/lease.js';
import {
  CLUSTER_CLAIM_ID,
  MANAGED_CLUSTER_AVAILABLE,
  MANAGED_CLUSTER_HUB_ACCEPTED,
  MANAGED_CLUSTER_JOINED,
  ManagedClusterKind,
  TAINT_UNREACHABLE,
  type ManagedCluster,
} from '../../../../engine/api/ocm/managed-cluster.js';
import { ocmRig } from './ocm-rig.js';

describe('managed cluster registration', () => {
  it('joins clusters with accepted, joined and available conditions and the kube-system uid as id.k8s.io', async () => {
    const rig = await ocmRig();
    const mc = rig.peek<ManagedCluster>('hub', ManagedClusterKind, 'east')!;
    const types = Object.fromEntries((mc.status?.conditions ?? []).map((c) => [c.type, c.status]));
    expect(types).toEqual({ [MANAGED_CLUSTER_HUB_ACCEPTED]: 'True', [MANAGED_CLUSTER_JOINED]: 'True', [MANAGED_CLUSTER_AVAILABLE]: 'True' });
    const kubeSystem = rig.peek('east', { apiVersion: 'v1', kind: 'Namespace' }, 'kube-system')!;
    expect(mc.status?.clusterClaims).toContainEqual({ name: CLUSTER_CLAIM_ID, value: kubeSystem.metadata.uid });
    // The hub namespace of each cluster exists and holds its lease.
    expect(rig.peek('hub', { apiVersion: 'v1', kind: 'Namespace' }, 'west')).toBeDefined();
    expect(rig.peek<Lease>('hub', LeaseKind, MANAGED_CLUSTER_LEASE_NAME, 'west')?.spec.renewTime).toBeDefined();
  });

  it('turns Available Unknown only after the grace period of a cut link, taints the cluster, and recovers on heal', async () => {
    const rig = await ocmRig();
    const cutAt = rig.time.nowMs();
    rig.network.cut('east', 'hub');
    // Four lease periods later the hub still trusts the last renewal.
    await rig.runFor(4 * 60_000);
    expect(rig.availability('east')).toBe('True');
    const wentUnknown = await rig.until(() => rig.availability('east') === 'Unknown', 10 * 60_000);
    expect(wentUnknown).toBe(true);
    const elapsed = rig.time.nowMs() - cutAt;
    expect(elapsed).toBeGreaterThanOrEqual(5 * 60_000 - 60_000);
    expect(elapsed).toBeLessThanOrEqual(10 * 60_000);
    const cond = rig.peek<ManagedCluster>('hub', ManagedClusterKind, 'east')!.status!.conditions!.find((c) => c.type === MANAGED_CLUSTER_AVAILABLE)!;
    expect(cond.reason).toBe('ManagedClusterLeaseUpdateStopped');
    expect(cond.message).toBe('Registration agent stopped updating its lease.');
    await rig.runFor(1_000);
    expect(rig.peek<ManagedCluster>('hub', ManagedClusterKind, 'east')!.spec.taints?.map((t) => t.key)).toEqual([TAINT_UNREACHABLE]);
    // The other cluster is unaffected.
    expect(rig.availability('west')).toBe('True');

    rig.network.heal('east', 'hub');
    expect(await rig.until(() => rig.availability('east') === 'True', 3 * 60_000)).toBe(true);
    await rig.runFor(1_000);
    expect(rig.peek<ManagedCluster>('hub', ManagedClusterKind, 'east')!.spec.taints ?? []).toEqual([]);
  });

  it('treats a down cluster like an unreachable one', async () => {
    const rig = await ocmRig();
    rig.network.setUp('west', false);
    rig.klusterlets.get('west')!.stop();
    expect(await rig.until(() => rig.availability('west') === 'Unknown', 11 * 60_000)).toBe(true);
    rig.network.setUp('west', true);
    rig.klusterlets.get('west')!.start();
    expect(await rig.until(() => rig.availability('west') === 'True', 3 * 60_000)).toBe(true);
  });
});
