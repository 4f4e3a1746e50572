// Goal: a primary VRG protecting two PVCs reaches DataReady, ClusterDataProtected and state Primary
// with Ramen's reasons, with the PVs and PVCs in S3 under the exact keys. Method: the real DR-cluster
// operator over a simulated cluster, storage agents and S3 on virtual time.

import { describe, expect, it } from 'vitest';
import { VolumeReplicationKind } from '../../../../engine/api/storage/volume-replication.js';
import type { VolumeReplication } from '../../../../engine/api/storage/volume-replication.js';
import { decodeObject } from '../../../../engine/dr/vrg/s3-layout.js';
import { ANN_VR_ARCHIVED, ANN_VR_PROTECTED, ANN_VR_RETAINED, PVC_VR_PROTECTION_FINALIZER, VRG_FINALIZER } from '../../../../engine/api/ramen/dr-constants.js';
import type { Pv, Pvc } from '../../../../engine/dr/core-kinds.js';
import { BUCKET, conditionOf, deployApp, makeDrRig, NS, vrgManifest } from './rig.js';

describe('VRG as primary (VolRep)', () => {
  it('protects two PVCs: VRs, finalizers, PV retention, S3 copies, then DataReady/ClusterDataProtected', async () => {
    const w = await makeDrRig();
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary'));
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.status === 'True', 120_000);

    const vrg = w.vrg(w.dr1)!;
    expect(vrg.metadata.finalizers).toContain(VRG_FINALIZER);
    expect(vrg.status?.state).toBe('Primary');
    expect(vrg.status?.observedGeneration).toBe(vrg.metadata.generation);
    expect(conditionOf(vrg, 'DataReady')).toMatchObject({ status: 'True', reason: 'Ready', message: 'PVCs in the VolumeReplicationGroup are ready for use' });
    // Quirk kept: a primary VolRep VRG never reports DataProtected True.
    expect(conditionOf(vrg, 'DataProtected')).toMatchObject({ status: 'False', reason: 'Replicating', message: 'VolumeReplicationGroup is replicating' });
    expect(conditionOf(vrg, 'ClusterDataReady')).toMatchObject({ status: 'True', reason: 'Restored', message: 'Nothing to restore' });
    // The VRG-object sub-condition is merged in only on passes that uploaded the VRG (resourceVersion changed).
    expect(conditionOf(vrg, 'ClusterDataProtected')).toMatchObject({ status: 'True', reason: 'Uploaded' });
    expect(conditionOf(vrg, 'ClusterDataProtected')?.message).toMatch(/^Cluster data of all PVs are protected(\. VRG object protected)?$/);
    expect(conditionOf(vrg, 'KubeObjectsReady')).toMatchObject({ status: 'True', reason: 'KubeObjectsRestored' });
    expect(conditionOf(vrg, 'NoClusterDataConflict')).toMatchObject({ status: 'True', reason: 'NoConflictDetected' });
    expect(conditionOf(vrg, 'AutoCleanup')).toMatchObject({ status: 'False', reason: 'Unused' });
    expect(conditionOf(vrg, 'HooksReady')).toMatchObject({ status: 'Unknown', reason: 'Initializing' });
    expect(vrg.status?.protectedPVCs?.map((p) => p.name).sort()).toEqual(['data-0', 'data-1']);
    for (const entry of vrg.status!.protectedPVCs!) {
      expect(entry).toMatchObject({ namespace: NS, protectedByVolSync: false, storageClassName: 'rbd', csiProvisioner: 'rbd.csi.ceph.com', storageID: { id: 's1' } });
      expect(conditionOf({ ...vrg, status: { conditions: entry.conditions ?? [] } }, 'ClusterDataProtected')?.message).toBe('Done uploading PV/PVC cluster data to 1 of 1 S3 profile(s): [minio-s3]');
    }

    for (const name of ['data-0', 'data-1']) {
      const vr = w.dr1.server.peek(VolumeReplicationKind.apiVersion, 'VolumeReplication', name, NS) as VolumeReplication;
      expect(vr.spec).toMatchObject({ replicationState: 'primary', autoResync: false, dataSource: { apiGroup: '', kind: 'PersistentVolumeClaim', name } });
      expect(vr.metadata.labels).toMatchObject({ 'ramendr.openshift.io/owner-name': 'app-vrg', 'ramendr.openshift.io/owner-namespace-name': NS, 'ramendr.openshift.io/created-by-ramen': 'true' });
      expect(vr.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'VolumeReplicationGroup', name: 'app-vrg', controller: true });
      const pvc = w.dr1.server.peek('v1', 'PersistentVolumeClaim', name, NS) as Pvc;
      expect(pvc.metadata.finalizers).toContain(PVC_VR_PROTECTION_FINALIZER);
      expect(pvc.metadata.annotations?.[ANN_VR_PROTECTED]).toBe('protected');
      expect(pvc.metadata.annotations?.[ANN_VR_ARCHIVED]).toMatch(/^[0-9a-f]{64}$/);
      const pv = w.dr1.server.peek('v1', 'PersistentVolume', pvc.spec.volumeName!) as Pv;
      expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Retain');
      expect(pv.metadata.annotations?.[ANN_VR_RETAINED]).toBe('retained');
      expect(pv.metadata.annotations?.[ANN_VR_ARCHIVED]).toBe(`archiveV1-${pv.metadata.generation}`);
      // The exact keys, gzip JSON bodies.
      const pvKey = `${NS}/app-vrg/v1.PersistentVolume/${pv.metadata.name}`;
      const pvcKey = `${NS}/app-vrg/v1.PersistentVolumeClaim/${NS}/${name}`;
      expect(w.s3Keys()).toContain(pvKey);
      expect(w.s3Keys()).toContain(pvcKey);
      expect(decodeObject<Pvc>(w.s3.peek(BUCKET, pvcKey)!, pvcKey).metadata.name).toBe(name);
    }
    // The VRG object goes up on the first pass that asks for no requeue before it (§5.8).
    await w.until(() => w.s3Keys().includes(`${NS}/app-vrg/v1alpha1.VolumeReplicationGroup/a`), 60_000);
    const copy = decodeObject<typeof vrg>(w.s3.peek(BUCKET, `${NS}/app-vrg/v1alpha1.VolumeReplicationGroup/a`)!, 'vrg');
    expect(copy.spec.replicationState).toBe('primary');
  });

  it('uploads PV/PVC before reporting ClusterDataProtected, and lastGroupSyncTime follows the VRs', async () => {
    const w = await makeDrRig();
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary'));
    let uploadedFirst = true;
    await w.until(() => {
      const c = conditionOf(w.vrg(w.dr1), 'ClusterDataProtected');
      if (c?.status === 'True' && w.s3Keys(`${NS}/app-vrg/v1.PersistentVolume/`).length < 2) uploadedFirst = false;
      return c?.status === 'True';
    }, 120_000);
    expect(uploadedFirst).toBe(true);
    await w.until(() => w.vrg(w.dr1)?.status?.lastGroupSyncTime !== undefined, 900_000, 10_000);
    const vrg = w.vrg(w.dr1)!;
    const times = vrg.status!.protectedPVCs!.map((p) => Date.parse(p.lastSyncTime!));
    expect(Date.parse(vrg.status!.lastGroupSyncTime!)).toBe(Math.min(...times));
  });
});
