// Goal: a PVC deleted (or deselected) on a primary is unprotected as Ramen does with
// volumeUnprotectionEnabled: its S3 copies, VR, finalizer and status entry go; the operator start
// rewrites its ConfigMap merged onto the defaults. Method: DR operator on the simulator.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PVC_VR_PROTECTION_FINALIZER, RAMEN_CONFIG_MAP_KEY, RAMEN_CONFIG_MAP_NAME } from '../../../../engine/api/ramen/dr-constants.js';
import type { ConfigMap, Pvc } from '../../../../engine/dr/core-kinds.js';
import { conditionOf, deployApp, makeDrRig, NS, OPERATOR_NS, ramenConfigYaml, vrgManifest } from './rig.js';

describe('PVC unprotection on a primary', () => {
  it('unprotects a deleted PVC: S3 keys, VR, finalizer and status entry', async () => {
    const w = await makeDrRig();
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary'));
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.status === 'True', 120_000);
    const pvc = w.dr1.server.peek('v1', 'PersistentVolumeClaim', 'data-1', NS) as Pvc;
    // The workload stops using the volume, then the PVC is deleted.
    await w.dr1.client.delete({ apiVersion: 'v1', kind: 'Pod' }, { namespace: NS, name: 'app-writer' });
    await w.dr1.client.delete({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, { namespace: NS, name: 'data-1' });
    await w.until(() => w.dr1.server.peek('v1', 'PersistentVolumeClaim', 'data-1', NS) === undefined, 300_000);
    expect(w.s3Keys(`${NS}/app-vrg/v1.PersistentVolumeClaim/${NS}/data-1`)).toEqual([]);
    expect(w.s3Keys(`${NS}/app-vrg/v1.PersistentVolume/${pvc.spec.volumeName}`)).toEqual([]);
    expect(w.dr1.server.peek('replication.storage.openshift.io/v1alpha1', 'VolumeReplication', 'data-1', NS)).toBeUndefined();
    await w.until(() => (w.vrg(w.dr1)?.status?.protectedPVCs ?? []).every((p) => p.name !== 'data-1'), 60_000);
    const kept = w.dr1.server.peek('v1', 'PersistentVolumeClaim', 'data-0', NS) as Pvc;
    expect(kept.metadata.finalizers).toContain(PVC_VR_PROTECTION_FINALIZER);
  });

  it('deselects a PVC whose labels no longer match', async () => {
    const w = await makeDrRig();
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary'));
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.status === 'True', 120_000);
    await w.dr1.client.patch({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, { namespace: NS, name: 'data-1' }, { metadata: { labels: { 'app.drsim.io/name': 'other' } } });
    await w.until(() => !((w.dr1.server.peek('v1', 'PersistentVolumeClaim', 'data-1', NS) as Pvc).metadata.finalizers ?? []).includes(PVC_VR_PROTECTION_FINALIZER), 120_000);
    expect(w.vrg(w.dr1)?.status?.protectedPVCs?.map((p) => p.name)).toEqual(['data-0']);
  });
});

describe('operator start', () => {
  it('rewrites the ConfigMap merged onto the defaults, dropping unknown keys', async () => {
    const w = await makeDrRig({ configYaml: ramenConfigYaml() + 'someTypo: true\nvolSync:\n  disabled: true\n' });
    await w.advance(1_000);
    const cm = w.dr1.server.peek('v1', 'ConfigMap', RAMEN_CONFIG_MAP_NAME, OPERATOR_NS) as ConfigMap;
    const cfg = parse(cm.data![RAMEN_CONFIG_MAP_KEY]!) as Record<string, unknown>;
    expect(cfg['someTypo']).toBeUndefined();
    expect(cfg).toMatchObject({ volSync: { disabled: true, destinationCopyMethod: 'Direct' }, ramenOpsNamespace: 'ramen-ops', s3StoreProfiles: [{ s3ProfileName: 'minio-s3' }] });
  });
});
