// Goal: a metro failover waits for the old home to be fenced (hub spec §6.3 F9, S7): no promotion while
// dr1's DRCluster is not Fenced at its generation; fencing dr1 through a NetworkFence applied on dr2
// (§15.4) lets the failover proceed.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import type { DRCluster } from '../../../../../engine/api/ramen/drcluster.js';
import { HUB } from '../../../../../sim/world/world.js';
import { RBD_PROVISIONER } from '../../../../../sim/world/bootstrap-manifests.js';
import { RAMEN_API, decl, hubRig } from '../hub-rig.js';

const MIN = 60_000;

describe('metro failover', () => {
  it('is gated on the old home being Fenced', async () => {
    const rig = await hubRig({ seed: 51, decl: decl({ storage: 'metro', schedulingInterval: '' }) });
    const w = rig.env.world;
    expect(await rig.untilState('Deployed', 'Completed', 15 * MIN, { protectedTrue: true })).toBe(true);
    // The policy is metro through its sync peer classes (§14.3).
    const policy = w.peekAll<KubeObject<unknown, { sync?: { peerClasses?: unknown[] } }>>(HUB, RAMEN_API, 'DRPolicy')[0]!;
    expect(policy.status?.sync?.peerClasses?.length).toBeGreaterThan(0);

    const t0 = w.elapsedMs();
    await rig.patchDrpc({ action: 'Failover', failoverCluster: 'dr2' });
    await w.runFor(10 * MIN);
    expect(rig.drpc()!.status).toMatchObject({ phase: 'FailingOver', progression: 'WaitForFencing' });
    expect(rig.condition('Available')).toMatchObject({ status: 'False', reason: 'FailingOver', message: 'current home cluster dr1 is not fenced' });
    expect(rig.since(t0).some((h) => h.kind === 'work' && h.cluster === 'dr2' && h.state === 'primary')).toBe(false);
    expect(rig.workState('dr2')).toBe('secondary');

    // The admin fences dr1. Without NetworkFenceClasses, the fence is class-less and needs the storage
    // annotations on the DRCluster.
    const admin = w.client(HUB, 'admin');
    await admin.patch({ apiVersion: RAMEN_API, kind: 'DRCluster' }, { name: 'dr1' }, {
      metadata: {
        annotations: {
          'drcluster.ramendr.openshift.io/storage-driver': RBD_PROVISIONER,
          'drcluster.ramendr.openshift.io/storage-secret-name': 'rook-csi-rbd-provisioner',
          'drcluster.ramendr.openshift.io/storage-secret-namespace': 'rook-ceph',
          'drcluster.ramendr.openshift.io/storage-clusterid': 'rook-ceph',
        },
      },
      spec: { clusterFence: 'Fenced' },
    });
    const dr1 = (): DRCluster | undefined => w.peek<DRCluster>(HUB, RAMEN_API, 'DRCluster', 'dr1');
    expect(await rig.runUntil(() => dr1()?.status?.phase === 'Fenced', 15 * MIN)).toBe(true);
    const fencedAt = w.elapsedMs();
    expect(rig.since(t0).some((h) => h.kind === 'work' && h.cluster === 'dr2' && h.state === 'primary' && h.t < fencedAt)).toBe(false);
    expect(dr1()!.status!.conditions!.find((c) => c.type === 'Fenced')).toMatchObject({ status: 'True', reason: 'Fenced' });
    expect(w.peek(HUB, 'work.open-cluster-management.io/v1', 'ManifestWork', 'dr1-dr2-nf-mw', 'dr2')).toBeDefined();

    expect(await rig.runUntil(() => rig.drpc()?.status?.phase === 'FailedOver', 15 * MIN)).toBe(true);
    const promote = rig.since(t0).find((h) => h.kind === 'work' && h.cluster === 'dr2' && h.state === 'primary');
    expect(promote!.t).toBeGreaterThanOrEqual(fencedAt);
    expect(rig.workState('dr2')).toBe('primary');
  }, 180_000);
});
