// Goal: bad input and broken dependencies surface exactly where and how Ramen surfaces them (the
// condition, reason and message), never as a crash, and the VRG recovers once the cause is fixed.
// Method: the DR-cluster operator on the simulator with the input or dependency broken.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RAMEN_CONFIG_MAP_KEY, RAMEN_CONFIG_MAP_NAME, VRG_FINALIZER } from '../../../../engine/api/ramen/dr-constants.js';
import type { ConfigMap } from '../../../../engine/dr/core-kinds.js';
import { appManifests } from '../../../../sim/workload/app.js';
import { APP, conditionOf, deployApp, makeDrRig, NS, OPERATOR_NS, PROFILE, vrgManifest } from './rig.js';

describe('VRG bad input', () => {
  it('rejects an invalid replicationState with DataReady False/Error, state Unknown, no finalizer', async () => {
    const w = await makeDrRig();
    await w.dr1.client.create(vrgManifest('primry'));
    await w.until(() => conditionOf(w.vrg(w.dr1), 'DataReady')?.reason === 'Error', 30_000);
    const vrg = w.vrg(w.dr1)!;
    expect(conditionOf(vrg, 'DataReady')).toMatchObject({
      status: 'False',
      message: 'VolumeReplicationGroup state is invalid: invalid or unknown replication state detected (deleted false, desired replicationState primry)',
    });
    expect(vrg.status?.state).toBe('Unknown');
    expect(vrg.metadata.finalizers ?? []).not.toContain(VRG_FINALIZER);
    expect(w.trace.ofType('dr.event').some((e) => e['reason'] === 'FailedValidation')).toBe(true);
    // No requeue: the reconciler waits for a spec change.
    const before = w.trace.ofType('dr.vrg.reconciled').length;
    await w.advance(120_000);
    expect(w.trace.ofType('dr.vrg.reconciled').length).toBe(before);
  });

  it('rejects a VRG with neither async nor sync', async () => {
    const w = await makeDrRig();
    const m = vrgManifest('primary');
    delete m.spec.async;
    await w.dr1.client.create(m);
    await w.until(() => conditionOf(w.vrg(w.dr1), 'DataReady')?.reason === 'Error', 30_000);
    expect(conditionOf(w.vrg(w.dr1), 'DataReady')?.message).toBe('VolumeReplicationGroup mode is invalid: neither of sync or async mode is enabled (deleted false)');
  });

  it('stalls on a missing S3 secret at the cluster-data restore gate, then proceeds once it exists', async () => {
    const w = await makeDrRig({ s3Secret: false });
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary'));
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataReady')?.reason === 'Error', 30_000);
    const c = conditionOf(w.vrg(w.dr1), 'ClusterDataReady')!;
    expect(c.status).toBe('False');
    expect(c.message).toMatch(
      /^Failed to restore PVs\/PVCs: failed to restore PV\/PVC for VolRep \(failed to restore PVs and PVCs using profile list \(\[minio-s3\]\): failed to get secret \{ramen-s3-secret \} for caller app\/app-vrg, failed to get secret \{ramen-s3-secret \}, /,
    );
    expect(w.vrg(w.dr1)?.status?.state).toBe('Unknown');
    await w.dr1.client.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'ramen-s3-secret', namespace: OPERATOR_NS },
      data: { AWS_ACCESS_KEY_ID: Buffer.from('minio').toString('base64'), AWS_SECRET_ACCESS_KEY: Buffer.from('minio123').toString('base64') },
    } as ConfigMap);
    await w.until(() => w.vrg(w.dr1)?.status?.state === 'Primary', 300_000);
    expect(conditionOf(w.vrg(w.dr1), 'ClusterDataReady')).toMatchObject({ status: 'True', reason: 'Restored' });
  });

  it("ignores the guide's wrongly named ConfigMap: the operator creates its own, and the VRG stalls on the unknown profile", async () => {
    const w = await makeDrRig({ configYaml: null });
    const guideYaml = `ramenControllerType: dr-cluster\ndrClusterOperator:\n  s3StoreProfiles:\n  - s3ProfileName: ${PROFILE}\n    s3Bucket: bucket\n    s3CompatibleEndpoint: http://minio.sim:9000\n    s3Region: us-east-1\n    s3SecretRef:\n      name: ramen-s3-secret\n`;
    await w.dr1.client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ramen-dr-cluster-config', namespace: OPERATOR_NS }, data: { [RAMEN_CONFIG_MAP_KEY]: guideYaml } } as ConfigMap);
    await deployApp(w.dr1);
    await w.advance(10_000);
    const created = w.dr1.server.peek('v1', 'ConfigMap', RAMEN_CONFIG_MAP_NAME, OPERATOR_NS) as ConfigMap;
    expect(created.metadata.labels?.['ramendr.openshift.io/created-by-ramen']).toBe('true');
    expect(parse(created.data![RAMEN_CONFIG_MAP_KEY]!)).toMatchObject({ kind: 'RamenConfig', volumeUnprotectionEnabled: true });
    expect((parse(created.data![RAMEN_CONFIG_MAP_KEY]!) as { s3StoreProfiles?: unknown }).s3StoreProfiles).toBeUndefined();
    await w.dr1.client.create(vrgManifest('primary'));
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataReady')?.reason === 'Error', 30_000);
    expect(conditionOf(w.vrg(w.dr1), 'ClusterDataReady')?.message).toBe(
      'Failed to restore PVs/PVCs: failed to restore PV/PVC for VolRep (failed to restore PVs and PVCs using profile list ([minio-s3]): failed to get profile minio-s3 for caller app/app-vrg, s3 profile minio-s3 not found in RamenConfig)',
    );
    await w.advance(300_000);
    expect(w.vrg(w.dr1)?.status?.state).toBe('Unknown');
    expect(w.dr1.server.peekAll('replication.storage.openshift.io/v1alpha1', 'VolumeReplication', NS)).toEqual([]);
  });

  it('reports UploadError while S3 is down and recovers when it returns', async () => {
    const w = await makeDrRig();
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary'));
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.status === 'True', 120_000);
    w.s3.up = false;
    // A new PVC joins the application while S3 is unreachable.
    const extra = { ...APP, pvcs: [{ name: 'data-2', storageClassName: 'rbd' }] };
    for (const obj of appManifests(extra)) if (obj.kind === 'PersistentVolumeClaim') await w.dr1.client.create(obj);
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.reason === 'UploadError', 120_000);
    const vrg = w.vrg(w.dr1)!;
    expect(conditionOf(vrg, 'ClusterDataProtected')).toMatchObject({ status: 'False', message: 'Cluster data of one or more PVs are unprotected' });
    const entry = vrg.status!.protectedPVCs!.find((p) => p.name === 'data-2')!;
    expect(entry.conditions?.find((c) => c.type === 'ClusterDataProtected')).toMatchObject({
      status: 'False',
      reason: 'UploadError',
      message: expect.stringMatching(/^error uploading PV to s3Profile minio-s3, failed to protect cluster data for PVC data-2, failed to upload data of .*: code: Unavailable/),
    });
    // DataReady does not depend on S3: the VRG stays Primary.
    expect(vrg.status?.state).toBe('Primary');
    expect(w.trace.ofType('dr.event').some((e) => e['reason'] === 'UploadFailed')).toBe(true);
    w.s3.up = true;
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.status === 'True', 300_000);
    expect(w.s3Keys(`${NS}/app-vrg/v1.PersistentVolumeClaim/${NS}/data-2`)).toHaveLength(1);
  });

  it("reports success on restore with the NoS3 profile but fails the PV/PVC upload on it, as Ramen does", async () => {
    const w = await makeDrRig();
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary', { s3Profiles: ['NoS3'] }));
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.reason === 'UploadError', 120_000);
    const vrg = w.vrg(w.dr1)!;
    expect(conditionOf(vrg, 'ClusterDataReady')).toMatchObject({ status: 'True', reason: 'Restored', message: 'Nothing to restore' });
    const entry = vrg.status!.protectedPVCs![0]!;
    expect(entry.conditions?.find((c) => c.type === 'ClusterDataProtected')?.message).toBe(
      'error getting object store, failed to protect cluster data for PVC ' + entry.name + ', error creating object store for s3Profile NoS3, failed to get profile NoS3 for caller app/app-vrg, s3 profile NoS3 not found in RamenConfig',
    );
  });
});
