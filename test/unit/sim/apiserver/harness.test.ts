// The harness operations: dump, wipe (cluster destroyed) and restore (hub-backup restore).

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import type { WatchEvent } from '../../../../engine/runtime/client.js';
import { CM, NS, WIDGET, configMap, rigWithNamespaces, widget } from './fixtures.js';
import { rejection } from './reject.js';

describe('dump', () => {
  it('lists every object sorted by kind, namespace and name, as copies', async () => {
    const { admin, server } = await rigWithNamespaces();
    await admin.create(widget('w'));
    await admin.create(configMap('b', 'other'));
    await admin.create(configMap('a', 'other'));
    const dump = server.dump();
    expect(dump.map((o) => `${o.apiVersion}/${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'example.com/v1alpha1/Widget default/w',
      'v1/ConfigMap other/a',
      'v1/ConfigMap other/b',
      'v1/Namespace /default',
      'v1/Namespace /other',
    ]);
    dump[0]!.metadata.name = 'mutated';
    expect(server.dump()[0]!.metadata.name).toBe('w');
  });
});

describe('wipe', () => {
  it('removes everything, ends watches, and keeps counting resource versions', async () => {
    const { admin, server, settle, trace } = await rigWithNamespaces();
    const before = await admin.create(configMap('a'));
    const closes: string[] = [];
    const events: WatchEvent[] = [];
    admin.watch(CM, {}, { onEvent: (e) => events.push(e), onClose: (r) => closes.push(r) });
    await settle();
    events.length = 0;
    server.wipe();
    await settle();
    expect(server.dump()).toEqual([]);
    expect(events).toEqual([]);
    expect(closes).toEqual(['cluster wiped']);
    expect(trace.ofType('api.wipe')).toEqual([{ type: 'api.wipe', cluster: 'cluster1', objects: 3 }]);
    const ns = await admin.create<KubeObject>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    expect(Number(ns.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));
    expect(ns.metadata.uid).not.toBe(before.metadata.uid);
  });

  it('does not let a watch resume from before the wipe', async () => {
    const { admin, server, settle } = await rigWithNamespaces();
    const listed = await admin.list(CM);
    server.wipe();
    const closes: string[] = [];
    admin.watch(CM, { resourceVersion: String(Number(listed.resourceVersion) - 1) }, { onEvent: () => undefined, onClose: (r) => closes.push(r) });
    await settle();
    expect(closes[0]).toMatch(/^Expired/);
  });
});

describe('restore', () => {
  it('re-creates objects with new identities, no status or owner references, and namespaces first', async () => {
    const source = await rigWithNamespaces({ name: 'hub' });
    await source.admin.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } });
    const owner = await source.admin.create<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner', namespace: 'apps' } });
    const created = await source.admin.create<KubeObject>({
      ...widget('w', 'apps'),
      metadata: {
        name: 'w',
        namespace: 'apps',
        labels: { l: 'v' },
        finalizers: ['keep'],
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid! }],
      },
    });
    await source.admin.updateStatus({ ...created, status: { phase: 'Ready' } });
    const backup = source.server.dump().filter((o) => o.kind !== 'ConfigMap' && (o.metadata.namespace === 'apps' || o.metadata.name === 'apps'));

    const target = await rigWithNamespaces({ name: 'hub2' });
    // The widget comes before its namespace on purpose: restore must order them.
    const result = target.server.restore([...backup].reverse());
    expect(result.failed).toEqual([]);
    expect(result.created.map((o) => o.kind)).toEqual(['Namespace', 'Widget']);
    const restored = await target.admin.get(WIDGET, { namespace: 'apps', name: 'w' });
    expect(restored.metadata.uid).not.toBe(created.metadata.uid);
    expect(restored.metadata.generation).toBe(1);
    expect(restored.metadata.labels).toEqual({ l: 'v' });
    expect(restored.metadata.finalizers).toEqual(['keep']);
    // The owner's uid means nothing on the new cluster, so the reference is dropped as Velero does.
    expect(restored.metadata.ownerReferences).toBeUndefined();
    expect(restored.status).toBeUndefined();
    expect(restored.spec).toEqual(created.spec);
  });

  it('creates missing namespaces and skips objects that already exist', async () => {
    const { admin, server } = await rigWithNamespaces();
    await admin.create(configMap('exists'));
    const result = server.restore([configMap('exists'), configMap('fresh', 'newns')]);
    expect(result.skipped).toEqual(['ConfigMap default/exists']);
    expect((await admin.get(NS, { name: 'newns' })).metadata.name).toBe('newns');
    expect((await admin.get(CM, { namespace: 'newns', name: 'fresh' })).metadata.name).toBe('fresh');
  });

  it('reports objects of unserved kinds as failed', async () => {
    const { server, admin } = await rigWithNamespaces();
    const result = server.restore([{ apiVersion: 'nope.io/v1', kind: 'Nope', metadata: { name: 'x' } }]);
    expect(result.failed[0]).toContain('no matches for kind "Nope"');
    expect((await rejection(admin.get(CM, { namespace: 'default', name: 'x' }))).reason).toBe('NotFound');
  });
});
