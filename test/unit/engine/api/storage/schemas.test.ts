// Goal: the storage kinds' schemas admit what the upstream CRDs admit and refuse what they refuse,
// with the upstream messages: enums, required fields, defaults, and the CEL immutability and
// one-of rules. Method: create and update objects through a real SimApiServer serving the schemas.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import { NamespaceSchema } from '../../../../../engine/api/core/namespace.js';
import { STORAGE_KIND_SCHEMAS } from '../../../../../engine/api/storage/storage-kinds.js';
import type { NetworkFence } from '../../../../../engine/api/storage/network-fence.js';
import type { VolumeReplication } from '../../../../../engine/api/storage/volume-replication.js';
import { isApiError } from '../../../../../engine/runtime/errors.js';
import { nullTraceSink } from '../../../../../engine/runtime/trace-sink.js';
import { SimApiServer } from '../../../../../sim/apiserver/server.js';
import { SimTime } from '../../../../../sim/kernel/sim-time.js';

async function server(): Promise<ReturnType<SimApiServer['client']>> {
  const time = new SimTime();
  const s = new SimApiServer({ name: 'c1', clock: time, scheduler: time, trace: nullTraceSink, kinds: [NamespaceSchema, ...STORAGE_KIND_SCHEMAS] });
  const client = s.client({ actor: 'test' });
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } });
  return client;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isApiError(err)) return `${err.reason}: ${err.message} ${err.causes.map((c) => `${c.field}: ${c.message}`).join('; ')}`;
    throw err;
  }
  throw new Error('expected a refusal');
}

function vr(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'replication.storage.openshift.io/v1alpha1', kind: 'VolumeReplication', metadata: { name: 'data', namespace: 'ns' }, spec };
}

const goodVr = { volumeReplicationClass: 'vrc', replicationState: 'primary', dataSource: { apiGroup: '', kind: 'PersistentVolumeClaim', name: 'data' } };

describe('VolumeReplication schema', () => {
  it('defaults autoResync and refuses an unknown replicationState', async () => {
    const c = await server();
    const created = await c.create<VolumeReplication>(vr(goodVr) as VolumeReplication);
    expect(created.spec.autoResync).toBe(false);
    expect(await refusal(c.create(vr({ ...goodVr, replicationState: 'primry' }) as VolumeReplication))).toMatch(/Invalid.*spec\.replicationState/);
  });

  it('keeps dataSource and volumeReplicationClass immutable', async () => {
    const c = await server();
    const created = await c.create<VolumeReplication>(vr(goodVr) as VolumeReplication);
    expect(await refusal(c.update({ ...created, spec: { ...created.spec, volumeReplicationClass: 'other' } }))).toContain('volumeReplicationClass is immutable');
    expect(await refusal(c.update({ ...created, spec: { ...created.spec, dataSource: { ...created.spec.dataSource, name: 'other' } } }))).toContain('dataSource is immutable');
    const updated = await c.update({ ...created, spec: { ...created.spec, replicationState: 'secondary' as const } });
    expect(updated.metadata.generation).toBe((created.metadata.generation ?? 1) + 1);
  });
});

describe('VolumeReplicationClass schema', () => {
  it('keeps provisioner and parameters immutable, including their presence', async () => {
    const c = await server();
    const vrc = await c.create<KubeObject>({ apiVersion: 'replication.storage.openshift.io/v1alpha1', kind: 'VolumeReplicationClass', metadata: { name: 'vrc' }, spec: { provisioner: 'p' } });
    expect(await refusal(c.update({ ...vrc, spec: { provisioner: 'q' } }))).toContain('provisioner is immutable');
    expect(await refusal(c.update({ ...vrc, spec: { provisioner: 'p', parameters: { schedulingInterval: '5m' } } }))).toContain('parameters are immutable');
  });
});

describe('NetworkFence schema', () => {
  const nf = (spec: Record<string, unknown>): NetworkFence => ({ apiVersion: 'csiaddons.openshift.io/v1alpha1', kind: 'NetworkFence', metadata: { name: 'f' }, spec: spec as unknown as NetworkFence['spec'] });

  it('defaults fenceState to Fenced and requires a driver or a class', async () => {
    const c = await server();
    const created = await c.create(nf({ networkFenceClassName: 'nfc', cidrs: ['10.0.0.0/8'] }));
    expect(created.spec.fenceState).toBe('Fenced');
    expect(await refusal(c.create({ ...nf({ cidrs: ['10.0.0.0/8'] }), metadata: { name: 'g' } }))).toContain('one of driver or networkFenceClassName must be present');
    expect(await refusal(c.create({ ...nf({ driver: 'd', cidrs: ['10.0.0.0/8'] }), metadata: { name: 'h' } }))).toContain('secret must be present when networkFenceClassName is not specified');
  });
});

describe('VolumeSnapshot schema', () => {
  it('requires exactly one source and keeps it immutable', async () => {
    const c = await server();
    const vs = (source: Record<string, string>, name = 's'): KubeObject => ({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name, namespace: 'ns' }, spec: { source } });
    expect(await refusal(c.create(vs({ persistentVolumeClaimName: 'a', volumeSnapshotContentName: 'b' })))).toContain('exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set');
    const created = await c.create(vs({ persistentVolumeClaimName: 'a' }));
    expect(await refusal(c.update({ ...created, spec: { source: { persistentVolumeClaimName: 'b' } } }))).toContain('persistentVolumeClaimName is immutable');
  });

  it('requires driver and deletionPolicy on a VolumeSnapshotClass', async () => {
    const c = await server();
    expect(await refusal(c.create({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: { name: 'vsc' }, driver: 'd' }))).toMatch(/deletionPolicy/);
  });

  it('a VolumeSnapshotContent: one handle, kept; a reference with name and namespace; a known deletion policy', async () => {
    const c = await server();
    const content = (spec: Record<string, unknown>, name = 'snapcontent-1'): KubeObject => ({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshotContent',
      metadata: { name },
      spec: { deletionPolicy: 'Delete', driver: 'hostpath.csi.k8s.io', volumeSnapshotRef: { name: 's', namespace: 'ns' }, ...spec },
    });
    expect(await refusal(c.create(content({ source: { volumeHandle: 'v', snapshotHandle: 'h' } })))).toContain('exactly one of volumeHandle and snapshotHandle must be set');
    expect(await refusal(c.create(content({ source: { volumeHandle: 'v' }, volumeSnapshotRef: { name: 's' } })))).toContain('both spec.volumeSnapshotRef.name and spec.volumeSnapshotRef.namespace must be set');
    expect(await refusal(c.create(content({ source: { volumeHandle: 'v' }, deletionPolicy: 'Keep' })))).toMatch(/deletionPolicy/);
    const created = await c.create(content({ source: { snapshotHandle: 'h' } }));
    expect(created.metadata.namespace).toBeUndefined();
    expect(await refusal(c.update({ ...created, spec: { ...(created.spec as object), source: { snapshotHandle: 'other' } } }))).toContain('snapshotHandle is immutable');
  });
});
