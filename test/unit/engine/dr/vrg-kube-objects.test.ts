// Goal: with kubeObjectProtection, a primary captures its namespace's objects through Velero into
// alternating S3 slots, records the capture in status and in the S3 copy of the VRG, and a new primary
// restores that capture after failover. Method: DR operator with the simulated Velero on both clusters.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import { VRG_KIND } from '../../../../engine/api/ramen/vrg.js';
import type { VolumeReplicationGroup } from '../../../../engine/api/ramen/vrg.js';
import { decodeObject } from '../../../../engine/dr/vrg/s3-layout.js';
import { BUCKET, conditionOf, deployApp, makeDrRig, NS, vrgManifest } from './rig.js';

describe('VRG kube-object protection', () => {
  it('captures into alternating slots and restores the recorded capture on failover', async () => {
    const w = await makeDrRig({ velero: true });
    await w.dr1.client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-settings', namespace: NS, labels: { 'app.drsim.io/name': 'app' } }, data: { mode: 'blue' } } as KubeObject);
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary', { kubeObjectProtection: { captureInterval: '5m' } }));
    await w.dr2.client.create(vrgManifest('secondary', { kubeObjectProtection: { captureInterval: '5m' } }));
    await w.until(() => w.vrg(w.dr1)?.status?.kubeObjectProtection?.captureToRecoverFrom !== undefined, 300_000);
    const first = w.vrg(w.dr1)!.status!.kubeObjectProtection!.captureToRecoverFrom!;
    expect(first.number).toBe(1);
    expect(w.s3Keys(`${NS}/app-vrg/kube-objects/1/velero/backups/`).length).toBeGreaterThan(0);
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.status === 'True', 120_000);
    // The S3 copy of the VRG names the capture to recover from.
    const key = `${NS}/app-vrg/v1alpha1.VolumeReplicationGroup/a`;
    expect(decodeObject<VolumeReplicationGroup>(w.s3.peek(BUCKET, key)!, key).status?.kubeObjectProtection?.captureToRecoverFrom?.number).toBe(1);

    // The next capture goes to the other slot after the interval.
    await w.until(() => w.vrg(w.dr1)?.status?.kubeObjectProtection?.captureToRecoverFrom?.number === 0, 900_000, 5_000);
    expect(w.s3Keys(`${NS}/app-vrg/kube-objects/1/velero/backups/`).length).toBeGreaterThan(0);
    expect(w.s3Keys(`${NS}/app-vrg/kube-objects/0/velero/backups/`).length).toBeGreaterThan(0);
    await w.advance(30_000);

    // Failover: dr2 restores PVs/PVCs, then the kube objects of the last complete capture.
    w.dr1.operator.stop();
    for (const m of w.dr1.agents) m.stop();
    w.network.setUp('dr1', false);
    await w.dr2.client.patch(VRG_KIND, { namespace: NS, name: 'app-vrg' }, { spec: { replicationState: 'primary', action: 'Failover' } });
    await w.until(() => conditionOf(w.vrg(w.dr2), 'KubeObjectsReady')?.reason === 'KubeObjectsRestored', 900_000, 5_000);
    expect(w.dr2.server.peek('v1', 'ConfigMap', 'app-settings', NS)).toMatchObject({ data: { mode: 'blue' } });
    expect(w.vrg(w.dr2)?.status?.kubeObjectProtection?.captureToRecoverFrom?.number).toBe(0);
    await w.until(() => w.vrg(w.dr2)?.status?.state === 'Primary', 300_000);
  });
});
