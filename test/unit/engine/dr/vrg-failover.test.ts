// Goal: the hand-made-VRG disaster-recovery flow works end to end as in Ramen: primary on dr1 and
// secondary on dr2; dr1 fails; `primary` + `action: Failover` on dr2 restores PVs/PVCs from S3 before
// the app starts there; when dr1 returns, `secondary` + `action: Failover` demotes it once its app is
// gone, leaving it with no VRs. Method: DR operator, storage and workload agents on virtual time.

import { describe, expect, it } from 'vitest';
import { ANN_RAMEN_RESTORE } from '../../../../engine/api/ramen/dr-constants.js';
import { VRG_KIND } from '../../../../engine/api/ramen/vrg.js';
import type { VolumeReplicationGroup } from '../../../../engine/api/ramen/vrg.js';
import type { Pv, Pvc } from '../../../../engine/dr/core-kinds.js';
import { appManifests } from '../../../../sim/workload/app.js';
import type { DrRig } from './rig.js';
import { APP, conditionOf, deployApp, makeDrRig, NS, vrgManifest } from './rig.js';

async function patchVrg(w: DrRig, rig: DrRig['dr1'], spec: Partial<VolumeReplicationGroup['spec']>): Promise<void> {
  await rig.client.patch(VRG_KIND, { namespace: NS, name: 'app-vrg' }, { spec });
  void w;
}

async function protectedPair(): Promise<DrRig> {
  const w = await makeDrRig();
  await deployApp(w.dr1);
  await w.advance(10_000);
  await w.dr1.client.create(vrgManifest('primary'));
  await w.dr2.client.create(vrgManifest('secondary'));
  await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.status === 'True' && w.vrg(w.dr2)?.status?.state === 'Secondary', 120_000);
  // Let replication ship at least one snapshot of the data.
  await w.advance(6 * 60_000);
  return w;
}

describe('hand-made VRG failover', () => {
  it('secondary with no PVCs settles as Secondary with Unused restore conditions', async () => {
    const w = await protectedPair();
    const vrg = w.vrg(w.dr2)!;
    expect(vrg.status?.state).toBe('Secondary');
    expect(conditionOf(vrg, 'DataReady')).toMatchObject({ status: 'True', reason: 'Unused' });
    expect(conditionOf(vrg, 'ClusterDataReady')).toMatchObject({ status: 'True', reason: 'Unused', message: 'PV and PVC restore skipped as Secondary' });
    expect(conditionOf(vrg, 'KubeObjectsReady')).toMatchObject({ status: 'True', reason: 'Unused', message: 'k8s resource restore skipped as Secondary' });
    expect(conditionOf(vrg, 'ClusterDataProtected')).toMatchObject({ status: 'True', reason: 'Unused' });
    expect(vrg.status?.lastGroupSyncTime).toBeUndefined();
  });

  it('fails over to dr2 (restore from S3 first), then demotes dr1 when it returns', async () => {
    const w = await protectedPair();
    // dr1 is lost: its processes stop and it drops off the network.
    w.dr1.operator.stop();
    for (const m of w.dr1.agents) m.stop();
    w.network.setUp('dr1', false);

    await patchVrg(w, w.dr2, { replicationState: 'primary', action: 'Failover' });
    await w.until(() => conditionOf(w.vrg(w.dr2), 'ClusterDataReady')?.reason === 'Restored', 60_000);
    const restored = w.vrg(w.dr2)!;
    expect(conditionOf(restored, 'ClusterDataReady')).toMatchObject({ status: 'True', message: 'Restored 0 volsync PVs/PVCs and 4 volrep PVs/PVCs' });
    for (const name of ['data-0', 'data-1']) {
      const pvc = w.dr2.server.peek('v1', 'PersistentVolumeClaim', name, NS) as Pvc;
      expect(pvc.metadata.annotations?.[ANN_RAMEN_RESTORE]).toBe('True');
      expect(pvc.metadata.labels?.['ramendr.openshift.io/created-by-ramen']).toBeUndefined();
      const pv = w.dr2.server.peek('v1', 'PersistentVolume', pvc.spec.volumeName!) as Pv;
      expect(pv.metadata.annotations?.[ANN_RAMEN_RESTORE]).toBe('True');
      // The restored PV names dr2's replica of the volume, so the app finds its replicated data.
      expect(w.storage.hasVolume('s2', pv.spec.csi!.volumeHandle)).toBe(true);
      expect(pv.spec.claimRef?.uid).toBe(pvc.metadata.uid);
    }
    // The app has not started yet on dr2: the hub places it only after ClusterDataReady.
    expect(w.dr2.server.peek('v1', 'Pod', 'app-writer', NS)).toBeUndefined();

    await w.until(() => w.vrg(w.dr2)?.status?.state === 'Primary', 300_000);
    expect(conditionOf(w.vrg(w.dr2), 'DataReady')).toMatchObject({ status: 'True', reason: 'Ready' });
    for (const obj of appManifests(APP)) if (obj.kind === 'Pod') await w.dr2.client.create(obj);
    await w.until(() => (w.dr2.server.peek('v1', 'PersistentVolumeClaim', 'data-0', NS) as Pvc | undefined)?.status?.phase === 'Bound', 60_000);
    await w.until(() => conditionOf(w.vrg(w.dr2), 'ClusterDataProtected')?.status === 'True', 300_000);

    // dr1 comes back with its stale primary VRG; the hub turns it secondary and removes the app.
    w.network.setUp('dr1', true);
    for (const m of w.dr1.agents) m.start();
    w.dr1.operator.start();
    await patchVrg(w, w.dr1, { replicationState: 'secondary', action: 'Failover' });
    await w.advance(30_000);
    expect(conditionOf(w.vrg(w.dr1), 'DataReady')?.status).not.toBe('True');
    const inUse = w.vrg(w.dr1)!.status!.protectedPVCs!.find((p) => p.name === 'data-0')!;
    expect(inUse.conditions?.find((c) => c.type === 'DataReady')).toMatchObject({ reason: 'Progressing', message: 'Secondary transition failed as PVC is potentially in use by a pod' });
    // Removing the app (as the hub's ManifestWork deletion does) deletes its Pod and PVCs; the PVCs stay
    // Terminating under Ramen's finalizer until their VRs are demoted and removed.
    await w.dr1.client.delete({ apiVersion: 'v1', kind: 'Pod' }, { namespace: NS, name: 'app-writer' });
    for (const name of ['data-0', 'data-1']) await w.dr1.client.delete({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, { namespace: NS, name });
    await w.until(() => w.vrg(w.dr1)?.status?.state === 'Secondary', 600_000, 5_000);
    await w.until(() => w.dr1.server.peekAll('replication.storage.openshift.io/v1alpha1', 'VolumeReplication', NS).length === 0, 600_000, 5_000);
    const demoted = w.vrg(w.dr1)!;
    await w.until(() => w.dr1.server.peekAll('v1', 'PersistentVolumeClaim', NS).length === 0, 600_000, 5_000);
    await w.advance(30_000);
    expect(conditionOf(w.vrg(w.dr1), 'DataReady')).toMatchObject({ status: 'True', reason: 'Unused' });
    expect(w.vrg(w.dr1)?.status?.state).toBe('Secondary');
    expect(demoted.status?.protectedPVCs ?? []).toEqual([]);
    // The new primary keeps protecting.
    expect(w.vrg(w.dr2)?.status?.state).toBe('Primary');
  });
});
