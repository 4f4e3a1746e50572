// Goal: each DR-cluster safety checker added for dr §15 (3, 4, 6-8, 10-20) and the
// kube-object restore check can fail. Method: a protected world in which the test writes as the
// DR-cluster operator (or a client wrapper makes an agent lie), breaking exactly one property; the
// checker must report it with its virtual time and trace events.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import type { VolumeReplicationGroup } from '../../../../engine/api/ramen/vrg.js';
import type { InvariantResult } from '../../../../reports/result-types.js';
import { forwarding, wrapActor } from '../../../../scenarios/variants/variant.js';
import { encodeObject } from '../../../../engine/dr/vrg/s3-layout.js';
import { SimObjectStore } from '../../../../sim/s3/sim-object-store.js';
import { S3_ACCESS_KEY, S3_BUCKET, S3_SECRET_KEY, s3EndpointUrl } from '../../../../sim/world/bootstrap-manifests.js';
import type { BuiltEnvironment } from '../../../../sim/world/build-environment.js';
import type { ClientWrapper } from '../../../../sim/world/world.js';
import { MW, RAMEN, rig, smallWorld, userAction, verdictOf, waitDrpc } from './rig.js';

const OP = 'ramen-dr-cluster-operator';
const VRG = { apiVersion: RAMEN, kind: 'VolumeReplicationGroup' };
const PVC = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' };
const PV = { apiVersion: 'v1', kind: 'PersistentVolume' };
const KEY = { namespace: 'app1', name: 'app1' };

function expectOnly(results: InvariantResult[], name: string): void {
  const r = verdictOf(results, name);
  expect(r.verdict, `${name} should be violated`).toBe('violated');
  expect(r.violations[0]!.atMs).toBeGreaterThan(0);
  expect(r.violations[0]!.events.length).toBeGreaterThan(0);
}

async function protectedRig(decl = smallWorld(), wrapClient?: ClientWrapper) {
  const r = await rig(decl, wrapClient ? { wrapClient } : {});
  await waitDrpc(r.env, 'Deployed');
  await r.env.world.runFor(6 * 60_000);
  return r;
}

const withKubeObjects = () => smallWorld({ apps: [{ ...smallWorld().apps[0]!, kubeObjectProtection: true }] });

function store(env: BuiltEnvironment, endpointOf: string, caller: string): SimObjectStore {
  const w = env.world;
  return new SimObjectStore(w.s3.get(s3EndpointUrl(w.decl, endpointOf))!, S3_BUCKET, { accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY }, w.network, caller, w.trace);
}

function pvNameOf(env: BuiltEnvironment, cluster: string): string {
  return env.world.peek<KubeObject & { spec: { volumeName: string } }>(cluster, 'v1', 'PersistentVolumeClaim', 'data1', 'app1')!.spec.volumeName;
}

/** Writes a VRG status as the DR-cluster operator would, after `edit` changes the stored copy. */
async function writeVrgStatus(env: BuiltEnvironment, cluster: string, edit: (vrg: VolumeReplicationGroup) => void): Promise<void> {
  const client = env.world.client(cluster, OP);
  const vrg = structuredClone(await client.get<VolumeReplicationGroup>(VRG, KEY));
  edit(vrg);
  await client.updateStatus(vrg);
}

/** Changes the VRG spec the hub's ManifestWork carries to `cluster`, so the work agent keeps applying it. */
async function editWorkVrgSpec(env: BuiltEnvironment, cluster: string, spec: Record<string, unknown>): Promise<void> {
  const hub = env.world.client('hub', 'ramen-hub-operator');
  const mw = structuredClone(await hub.get<KubeObject & { spec: { workload: { manifests: { spec: Record<string, unknown> }[] } } }>(MW, { namespace: cluster, name: 'app1-app1-vrg-mw' }));
  Object.assign(mw.spec.workload.manifests[0]!.spec, spec);
  await hub.update(mw);
}

function setCondition(vrg: VolumeReplicationGroup, type: string, status: 'True' | 'False', reason: string): void {
  const conds = ((vrg.status ??= {}).conditions ??= []);
  const c = { type, status, reason, message: 'set by the test', observedGeneration: vrg.metadata.generation ?? 0, lastTransitionTime: '2026-01-01T00:00:00Z' };
  const i = conds.findIndex((x) => x.type === type);
  if (i >= 0) conds[i] = c;
  else conds.push(c);
}

describe('the DR-cluster safety checkers fire on deliberately broken runs', () => {
  it('finalizer-outlives-vr: the operator drops pvc-vr-protection while the VR is stored', async () => {
    const r = await protectedRig();
    const pvc = r.env.world.peek<KubeObject>('dr1', 'v1', 'PersistentVolumeClaim', 'data1', 'app1')!;
    const finalizers = (pvc.metadata.finalizers ?? []).filter((f) => !f.endsWith('/pvc-vr-protection'));
    await r.env.world.client('dr1', OP).patch(PVC, { namespace: 'app1', name: 'data1' }, { metadata: { finalizers } });
    await r.env.world.runFor(5_000);
    expectOnly(r.finish(), 'finalizer-outlives-vr');
  });

  it('retain-while-protected: the operator sets Delete on a protected PV it never recorded retaining', async () => {
    const r = await protectedRig();
    const pv = pvNameOf(r.env, 'dr1');
    await r.env.world.client('dr1', 'user').patch(PV, { name: pv }, { metadata: { annotations: { 'volumereplicationgroups.ramendr.openshift.io/vr-retained': null } } });
    await r.env.world.client('dr1', OP).patch(PV, { name: pv }, { spec: { persistentVolumeReclaimPolicy: 'Delete' } });
    await r.env.world.runFor(5_000);
    expectOnly(r.finish(), 'retain-while-protected');
  });

  it('cluster-data-before-app: a failover target reports its PVs restored while none was created', async () => {
    // The target's operator believes its PV creates succeeded; the API server never stored them.
    const dropPvCreates = wrapActor(OP, (n) => n === 'dr2', (inner) =>
      forwarding(inner, {
        create: async <T extends KubeObject>(obj: T, options?: Parameters<typeof inner.create>[1]) => (obj.kind === 'PersistentVolume' ? obj : inner.create(obj, options)),
      }),
    );
    const r = await protectedRig(smallWorld(), dropPvCreates);
    await r.env.faults.inject({ type: 'clusterDown', cluster: 'dr1' });
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    await r.env.world.runFor(5 * 60_000);
    const results = r.finish();
    expectOnly(results, 'cluster-data-before-app');
    expect(verdictOf(results, 'cluster-data-before-app').violations[0]!.message).toMatch(/PV .* not on the cluster/);
  });

  it('no-clobbering: a restore overwrites a PVC that is not Bound', async () => {
    const r = await protectedRig();
    const pending = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'pending', namespace: 'app1' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'no-such-class' } };
    await r.env.world.client('dr1', 'user').create(pending);
    await r.env.world.runFor(2_000);
    await r.env.world.client('dr1', OP).patch(PVC, { namespace: 'app1', name: 'pending' }, { metadata: { annotations: { 'volumereplicationgroups.ramendr.openshift.io/ramen-restore': 'True' } } });
    await r.env.world.runFor(2_000);
    expectOnly(r.finish(), 'no-clobbering');
  });

  it('no-restore-during-final-sync: a PVC restored while the VRG prepares for the final sync', async () => {
    const r = await protectedRig();
    await editWorkVrgSpec(r.env, 'dr1', { prepareForFinalSync: true });
    await r.env.world.runFor(5_000);
    expect(r.env.world.peek<VolumeReplicationGroup>('dr1', RAMEN, 'VolumeReplicationGroup', 'app1', 'app1')?.spec.prepareForFinalSync).toBe(true);
    const restored = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'restored', namespace: 'app1', annotations: { 'volumereplicationgroups.ramendr.openshift.io/ramen-restore': 'True' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'no-such-class' } };
    await r.env.world.client('dr1', OP).create(restored);
    await r.env.world.runFor(2_000);
    expectOnly(r.finish(), 'no-restore-during-final-sync');
  });

  it('rs-rd-exclusive: a ReplicationSource written while the same PVC\'s ReplicationDestination stands', async () => {
    const r = await protectedRig();
    const op = r.env.world.client('dr1', OP);
    const labels = { 'volumereplicationgroups-owner': 'app1', 'volumereplicationgroups-owner-namespace': 'app1' };
    await op.create({ apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationDestination', metadata: { name: 'data9', namespace: 'app1', labels }, spec: {} });
    await op.create({ apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationSource', metadata: { name: 'data9', namespace: 'app1', labels }, spec: { sourcePVC: 'data9' } });
    await r.env.world.runFor(2_000);
    expectOnly(r.finish(), 'rs-rd-exclusive');
  });

  it('deletion-completeness: the VRG finalizer goes while its VR is stored', async () => {
    const r = await protectedRig();
    const vrg = r.env.world.peek<KubeObject>('dr1', RAMEN, 'VolumeReplicationGroup', 'app1', 'app1')!;
    const finalizers = (vrg.metadata.finalizers ?? []).filter((f) => !f.endsWith('/vrg-protection'));
    await r.env.world.client('dr1', OP).patch(VRG, KEY, { metadata: { finalizers } });
    await r.env.world.runFor(2_000);
    expectOnly(r.finish(), 'deletion-completeness');
  });

  it('dry-run-no-upload: a dry-run VRG\'s cluster uploads a PV', async () => {
    const r = await protectedRig();
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2', dryRun: true });
    const inTest = await r.env.world.runUntil(() => r.env.world.peek<VolumeReplicationGroup>('dr2', RAMEN, 'VolumeReplicationGroup', 'app1', 'app1')?.spec.dryRun === true, 10 * 60_000);
    expect(inTest).toBe(true);
    await r.env.world.runFor(5_000);
    void store(r.env, 'dr1', 'dr2').put('app1/app1/v1.PersistentVolume/pv-test', new Uint8Array([1]));
    await r.env.world.runFor(2_000);
    expectOnly(r.finish(), 'dry-run-no-upload');
  });

  it('secondary-state-honesty: Secondary reported for a relocate whose data is not protected', async () => {
    const r = await protectedRig();
    await r.env.world.client('dr2', 'user').patch(VRG, KEY, { spec: { action: 'Relocate' } });
    await writeVrgStatus(r.env, 'dr2', (vrg) => {
      vrg.status = { ...vrg.status, state: 'Secondary', observedGeneration: vrg.metadata.generation ?? 0 };
      setCondition(vrg, 'DataReady', 'True', 'Replicating');
      setCondition(vrg, 'DataProtected', 'False', 'Replicating');
    });
    await r.env.world.runFor(1_000);
    const results = r.finish();
    expectOnly(results, 'secondary-state-honesty');
    expect(verdictOf(results, 'status-generation-honesty').verdict).toBe('held');
  });

  it('status-generation-honesty: state Primary written while DataReady is False', async () => {
    const r = await protectedRig();
    await writeVrgStatus(r.env, 'dr1', (vrg) => setCondition(vrg, 'DataReady', 'False', 'Progressing'));
    await r.env.world.runFor(1_000);
    expectOnly(r.finish(), 'status-generation-honesty');
  });

  it('referenced-capture-survives: the primary deletes the capture slot its VRG names', async () => {
    const r = await protectedRig(withKubeObjects());
    await r.env.world.runFor(2 * 60_000);
    const slot = r.env.world.peek<VolumeReplicationGroup>('dr1', RAMEN, 'VolumeReplicationGroup', 'app1', 'app1')!.status?.kubeObjectProtection?.captureToRecoverFrom?.number;
    expect(slot).toBeDefined();
    const keys = r.env.world.s3.get(s3EndpointUrl(r.env.world.decl, 'dr2'))!.keys(S3_BUCKET, `app1/app1/kube-objects/${String(slot)}/`);
    expect(keys.length).toBeGreaterThan(0);
    void store(r.env, 'dr2', 'dr1').deleteMany(keys);
    await r.env.world.runFor(2_000);
    expectOnly(r.finish(), 'referenced-capture-survives');
  });

  it('kube-objects-restored: Velero on the failover target skips an object of the capture', async () => {
    // Velero on dr2 answers the create of the user's ConfigMap without storing it.
    const dropSettings = wrapActor('velero', (n) => n === 'dr2', (inner) =>
      forwarding(inner, {
        create: async <T extends KubeObject>(obj: T, options?: Parameters<typeof inner.create>[1]) => (obj.kind === 'ConfigMap' && obj.metadata.name === 'settings' ? obj : inner.create(obj, options)),
      }),
    );
    const r = await rig(withKubeObjects(), { wrapClient: dropSettings });
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.client('dr1', 'user').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'app1' }, data: { mode: 'fast' } });
    await r.env.world.runFor(12 * 60_000);
    await r.env.faults.inject({ type: 'clusterDown', cluster: 'dr1' });
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    await waitDrpc(r.env, 'FailedOver', 'Cleaning Up');
    await r.env.world.runFor(2 * 60_000);
    const results = r.finish();
    expectOnly(results, 'kube-objects-restored');
    expect(verdictOf(results, 'kube-objects-restored').violations[0]!.message).toContain('ConfigMap app1/settings');
  });
  it('split-brain-guard: a restore reported from S3 copies that name one PVC twice', async () => {
    const r = await protectedRig();
    const w = r.env.world;
    // Both profiles hold a second PV for the same claim; a restore that still reports PVs is the broken part.
    const pv = w.peek<KubeObject>('dr1', 'v1', 'PersistentVolume', pvNameOf(r.env, 'dr1'))!;
    const twin = { ...structuredClone(pv), metadata: { name: `${pv.metadata.name}-twin` } };
    for (const c of ['dr1', 'dr2']) w.s3.get(s3EndpointUrl(w.decl, c))!.authorize({ accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY }, S3_BUCKET).set(`app1/app1/v1.PersistentVolume/${twin.metadata.name}`, encodeObject(twin));
    w.trace.emit({ type: 'dr.vrg.restore', cluster: 'dr1', vrg: 'app1/app1', volsync: 0, volrep: 2 });
    await w.runFor(1_000);
    expectOnly(r.finish(), 'split-brain-guard');
  });

  it('final-sync-integrity: a secondary reports finalSyncComplete with DataReady True', async () => {
    const r = await protectedRig();
    await writeVrgStatus(r.env, 'dr2', (vrg) => {
      vrg.status = { ...vrg.status, finalSyncComplete: true };
    });
    await r.env.world.runFor(1_000);
    expectOnly(r.finish(), 'final-sync-integrity');
  });

  it('volsync-restore-latest-image: a PVC restored from a snapshot no ReplicationDestination reported', async () => {
    const r = await protectedRig();
    const fromSnapshot = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data7', namespace: 'app1' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'no-such-class', dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'half-written' } } };
    await r.env.world.client('dr2', OP).create(fromSnapshot);
    await r.env.world.runFor(1_000);
    expectOnly(r.finish(), 'volsync-restore-latest-image');
  });

  it('ownership-exclusive: a PVC owned by one VRG relabelled for another before it is protected', async () => {
    const r = await protectedRig();
    const owned = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'shared', namespace: 'app1', labels: { 'ramendr.openshift.io/owner-name': 'app1', 'ramendr.openshift.io/owner-namespace-name': 'app1' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'no-such-class' } };
    await r.env.world.client('dr1', 'user').create(owned);
    await r.env.world.client('dr1', OP).patch(PVC, { namespace: 'app1', name: 'shared' }, { metadata: { labels: { 'ramendr.openshift.io/owner-name': 'other' } } });
    await r.env.world.runFor(1_000);
    expectOnly(r.finish(), 'ownership-exclusive');
  });
  it('vrg-object-complete-capture: a VRG object in S3 names a capture that never completed', async () => {
    const r = await protectedRig();
    const vrg = structuredClone(r.env.world.peek<VolumeReplicationGroup>('dr1', RAMEN, 'VolumeReplicationGroup', 'app1', 'app1')!);
    vrg.status = { ...vrg.status, kubeObjectProtection: { captureToRecoverFrom: { number: 1, startTime: '2026-01-01T00:00:00Z' } } };
    void store(r.env, 'dr2', 'dr1').put('app1/app1/v1alpha1.VolumeReplicationGroup/a', encodeObject(vrg));
    await r.env.world.runFor(2_000);
    expectOnly(r.finish(), 'vrg-object-complete-capture');
  });
});
