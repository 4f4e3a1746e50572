// Goal: PVCs get volumes as in Kubernetes: dynamic provisioning binds a new PV both ways with the
// class's reclaim policy, a PV created with a claimRef binds its claim statically, and deleting a
// claim reclaims its volume by policy. Method: real API server and storage agents on virtual time.

import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../../sim/storage/core-shapes.js';
import { PV_KIND, PVC_KIND } from '../../../../sim/storage/core-shapes.js';
import { imageKey } from '../../../../sim/storage/volume-data.js';
import { CLASS, DRIVER, makeStorageWorld, NS, peek } from './world.js';

function claim(name: string, extra: Partial<PersistentVolumeClaim['spec']> = {}): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: NS },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } }, storageClassName: CLASS, ...extra },
  };
}

describe('CSI provisioning and binding', () => {
  it('provisions a PV named pvc-<uid> and binds it both ways', async () => {
    const w = await makeStorageWorld({ topology: 'regional' });
    const created = await w.c1.client.create(claim('data'));
    await w.advance(5_000);
    const pvc = peek<PersistentVolumeClaim>(w.c1, 'v1', 'PersistentVolumeClaim', 'data', NS)!;
    const pvName = `pvc-${created.metadata.uid}`;
    expect(pvc.status?.phase).toBe('Bound');
    expect(pvc.spec.volumeName).toBe(pvName);
    expect(pvc.status?.capacity).toEqual({ storage: '2Gi' });
    expect(pvc.metadata.finalizers).toContain('kubernetes.io/pvc-protection');
    const pv = peek<PersistentVolume>(w.c1, 'v1', 'PersistentVolume', pvName)!;
    expect(pv.status?.phase).toBe('Bound');
    expect(pv.spec.claimRef).toMatchObject({ namespace: NS, name: 'data', uid: created.metadata.uid });
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(pv.spec.csi).toMatchObject({ driver: DRIVER, volumeHandle: `vol-${created.metadata.uid}` });
    expect(w.storage.data.has(imageKey('s1', `vol-${created.metadata.uid}`))).toBe(true);
  });

  it('binds a PV created with a claimRef (no uid) to the claim that names it, as Ramen restores', async () => {
    const w = await makeStorageWorld({ topology: 'regional' });
    w.storage.createVolume('s2', 'vol-restored');
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pvc-restored' },
      spec: {
        capacity: { storage: '2Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: CLASS,
        claimRef: { kind: 'PersistentVolumeClaim', namespace: NS, name: 'data' },
        csi: { driver: DRIVER, volumeHandle: 'vol-restored' },
      },
    };
    await w.c2.client.create(pv);
    await w.advance(2_000);
    expect(peek<PersistentVolume>(w.c2, 'v1', 'PersistentVolume', 'pvc-restored')?.status?.phase).toBe('Available');
    const pvc = await w.c2.client.create(claim('data', { volumeName: 'pvc-restored' }));
    await w.advance(2_000);
    expect(peek<PersistentVolumeClaim>(w.c2, 'v1', 'PersistentVolumeClaim', 'data', NS)?.status?.phase).toBe('Bound');
    const bound = peek<PersistentVolume>(w.c2, 'v1', 'PersistentVolume', 'pvc-restored')!;
    expect(bound.status?.phase).toBe('Bound');
    expect(bound.spec.claimRef?.uid).toBe(pvc.metadata.uid);
    // No second volume was provisioned for the claim.
    expect((await w.c2.client.list(PV_KIND)).items.map((p) => p.metadata.name)).toEqual(['pvc-restored']);
  });

  it('binds statically also when the claim names no volume', async () => {
    const w = await makeStorageWorld({ topology: 'regional' });
    w.storage.createVolume('s1', 'vol-x');
    await w.c1.client.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-x' },
      spec: { capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: CLASS, claimRef: { namespace: NS, name: 'data' }, csi: { driver: DRIVER, volumeHandle: 'vol-x' } },
    });
    await w.c1.client.create(claim('data'));
    await w.advance(3_000);
    expect(peek<PersistentVolumeClaim>(w.c1, 'v1', 'PersistentVolumeClaim', 'data', NS)?.spec.volumeName).toBe('pv-x');
  });

  it('deletes the volume and the PV of a deleted claim under Delete, and keeps a Released PV under Retain', async () => {
    const w = await makeStorageWorld({ topology: 'regional' });
    const a = await w.c1.client.create(claim('a'));
    const b = await w.c1.client.create(claim('b'));
    await w.advance(3_000);
    const pvB = peek<PersistentVolume>(w.c1, 'v1', 'PersistentVolume', `pvc-${b.metadata.uid}`)!;
    await w.c1.client.update({ ...pvB, spec: { ...pvB.spec, persistentVolumeReclaimPolicy: 'Retain' } });
    await w.c1.client.delete(PVC_KIND, { namespace: NS, name: 'a' });
    await w.c1.client.delete(PVC_KIND, { namespace: NS, name: 'b' });
    await w.advance(5_000);
    expect(peek(w.c1, 'v1', 'PersistentVolumeClaim', 'a', NS)).toBeUndefined();
    expect(peek(w.c1, 'v1', 'PersistentVolume', `pvc-${a.metadata.uid}`)).toBeUndefined();
    expect(w.storage.data.has(imageKey('s1', `vol-${a.metadata.uid}`))).toBe(false);
    expect(peek<PersistentVolume>(w.c1, 'v1', 'PersistentVolume', `pvc-${b.metadata.uid}`)?.status?.phase).toBe('Released');
    expect(w.storage.data.has(imageKey('s1', `vol-${b.metadata.uid}`))).toBe(true);
  });
});
