// Goal: relocate demotion follows Ramen's gates: no demotion while the PVC is not deleted, while a Pod
// uses it, and `status.state` turns Secondary only once DataProtected is True; autoResync stays false.
// Also: deleting a primary VRG removes its VRs, unprotects its PVCs and empties its S3 prefix.
// Method: the DR-cluster operator on the simulator.

import { describe, expect, it } from 'vitest';
import { PVC_VR_PROTECTION_FINALIZER } from '../../../../engine/api/ramen/dr-constants.js';
import { VRG_KIND } from '../../../../engine/api/ramen/vrg.js';
import type { VolumeReplication } from '../../../../engine/api/storage/volume-replication.js';
import type { Pv, Pvc } from '../../../../engine/dr/core-kinds.js';
import { conditionOf, deployApp, makeDrRig, NS, vrgManifest } from './rig.js';

const VR_API = 'replication.storage.openshift.io/v1alpha1';

describe('VRG relocate and deletion', () => {
  it('demotes only after the PVCs are deleted and unused, and reports Secondary only when DataProtected', async () => {
    const w = await makeDrRig();
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary'));
    await w.dr2.client.create(vrgManifest('secondary'));
    await w.until(() => w.vrg(w.dr1)?.status?.state === 'Primary' && conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.status === 'True', 120_000);
    await w.advance(6 * 60_000);

    await w.dr1.client.patch(VRG_KIND, { namespace: NS, name: 'app-vrg' }, { spec: { replicationState: 'secondary', action: 'Relocate' } });
    await w.advance(30_000);
    let vrg = w.vrg(w.dr1)!;
    const pvcCond = (name: string) => vrg.status!.protectedPVCs!.find((p) => p.name === name)?.conditions?.find((c) => c.type === 'DataReady');
    expect(pvcCond('data-0')).toMatchObject({ status: 'False', reason: 'Progressing', message: 'unable to transition to Secondary as PVC is not deleted' });
    expect(vrg.status?.state).toBe('Unknown');
    for (const name of ['data-0', 'data-1']) expect((w.dr1.server.peek(VR_API, 'VolumeReplication', name, NS) as VolumeReplication).spec.replicationState).toBe('primary');

    // PVCs deleted but the Pod still runs: still no demotion.
    for (const name of ['data-0', 'data-1']) await w.dr1.client.delete({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, { namespace: NS, name });
    await w.advance(30_000);
    vrg = w.vrg(w.dr1)!;
    expect(pvcCond('data-0')).toMatchObject({ reason: 'Progressing', message: 'Secondary transition failed as PVC is potentially in use by a pod' });
    expect((w.dr1.server.peek(VR_API, 'VolumeReplication', 'data-0', NS) as VolumeReplication).spec.replicationState).toBe('primary');

    await w.dr1.client.delete({ apiVersion: 'v1', kind: 'Pod' }, { namespace: NS, name: 'app-writer' });
    let sawSecondaryVr = false;
    await w.until(() => {
      const vr = w.dr1.server.peek(VR_API, 'VolumeReplication', 'data-0', NS) as VolumeReplication | undefined;
      if (vr?.spec.replicationState === 'secondary') {
        sawSecondaryVr = true;
        expect(vr.spec.autoResync).toBe(false);
        // While the VR resyncs, a relocating VRG is not Secondary yet.
        if (conditionOf(w.vrg(w.dr1), 'DataProtected')?.status !== 'True') expect(w.vrg(w.dr1)?.status?.state).not.toBe('Secondary');
      }
      return w.vrg(w.dr1)?.status?.state === 'Secondary';
    }, 900_000, 2_000);
    expect(sawSecondaryVr).toBe(true);
    expect(conditionOf(w.vrg(w.dr1), 'DataProtected')).toMatchObject({ status: 'True' });
  });

  it('deleting a primary VRG removes VRs, undoes PVC/PV protection and deletes its S3 prefix', async () => {
    const w = await makeDrRig();
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary'));
    await w.until(() => w.vrg(w.dr1)?.status?.state === 'Primary' && w.s3Keys(`${NS}/app-vrg/`).length >= 5, 120_000);
    await w.dr1.client.delete(VRG_KIND, { namespace: NS, name: 'app-vrg' });
    await w.until(() => w.vrg(w.dr1) === undefined, 300_000);
    expect(w.dr1.server.peekAll(VR_API, 'VolumeReplication', NS)).toEqual([]);
    expect(w.s3Keys(`${NS}/app-vrg/`)).toEqual([]);
    for (const name of ['data-0', 'data-1']) {
      const pvc = w.dr1.server.peek('v1', 'PersistentVolumeClaim', name, NS) as Pvc;
      expect(pvc.metadata.finalizers ?? []).not.toContain(PVC_VR_PROTECTION_FINALIZER);
      expect(pvc.metadata.labels?.['ramendr.openshift.io/owner-name']).toBeUndefined();
      expect(pvc.metadata.annotations?.['volumereplicationgroups.ramendr.openshift.io/vr-protected']).toBeUndefined();
      const pv = w.dr1.server.peek('v1', 'PersistentVolume', pvc.spec.volumeName!) as Pv;
      expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Delete');
      expect(pv.metadata.annotations?.['volumereplicationgroups.ramendr.openshift.io/vr-retained']).toBeUndefined();
    }
  });

  it('deleting a secondary VRG leaves the S3 data alone', async () => {
    const w = await makeDrRig();
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary'));
    await w.dr2.client.create(vrgManifest('secondary'));
    await w.until(() => w.vrg(w.dr2)?.status?.state === 'Secondary' && w.s3Keys(`${NS}/app-vrg/`).length >= 5, 120_000);
    const keys = w.s3Keys(`${NS}/app-vrg/`);
    await w.dr2.client.delete(VRG_KIND, { namespace: NS, name: 'app-vrg' });
    await w.until(() => w.vrg(w.dr2) === undefined, 60_000);
    expect(w.s3Keys(`${NS}/app-vrg/`)).toEqual(keys);
  });
});
