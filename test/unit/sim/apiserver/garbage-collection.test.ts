// Garbage collection of dependents by ownerReference uid, the Orphan policy, and kube's scoping rule.

import { describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference } from '../../../../engine/api/meta.js';
import { CM, THING, WIDGET, configMap, rigWithNamespaces, widget } from './fixtures.js';
import { rejection } from './reject.js';

function ownedBy(obj: KubeObject, ...owners: KubeObject[]): KubeObject {
  // Kube allows one controller reference; the first owner is the controller.
  const refs: OwnerReference[] = owners.map((o, i) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid!, controller: i === 0 }));
  return { ...obj, metadata: { ...obj.metadata, ownerReferences: refs } };
}

describe('garbage collection', () => {
  it('deletes dependents after the owner is removed, as separate scheduler events', async () => {
    const { admin, settle, trace } = await rigWithNamespaces();
    const owner = await admin.create(widget('w'));
    await admin.create(ownedBy(configMap('child1'), owner));
    await admin.create(ownedBy(configMap('child2'), owner));
    await admin.delete(WIDGET, { namespace: 'default', name: 'w' });
    // Nothing happens to dependents inside the delete call itself.
    expect((await admin.list(CM, { namespace: 'default' })).items).toHaveLength(2);
    await settle();
    expect((await admin.list(CM, { namespace: 'default' })).items).toHaveLength(0);
    const gcWrites = trace.ofType('api.write').filter((e) => e.actor === 'garbage-collector');
    expect(gcWrites.map((e) => `${e.verb} ${e.name}`)).toEqual(['delete child1', 'remove child1', 'delete child2', 'remove child2']);
  });

  it('cascades through several levels', async () => {
    const { admin, settle } = await rigWithNamespaces();
    const top = await admin.create(widget('top'));
    const mid = await admin.create(ownedBy(widget('mid'), top));
    await admin.create(ownedBy(configMap('leaf'), mid));
    await admin.delete(WIDGET, { namespace: 'default', name: 'top' });
    await settle();
    expect(await admin.list(WIDGET)).toMatchObject({ items: [] });
    expect(await admin.list(CM)).toMatchObject({ items: [] });
  });

  it('only marks dependents that carry finalizers', async () => {
    const { admin, settle } = await rigWithNamespaces();
    const owner = await admin.create(widget('w'));
    const child = ownedBy(configMap('held'), owner);
    child.metadata.finalizers = ['example.com/keep'];
    await admin.create(child);
    await admin.delete(WIDGET, { namespace: 'default', name: 'w' });
    await settle();
    const held = await admin.get(CM, { namespace: 'default', name: 'held' });
    expect(held.metadata.deletionTimestamp).toBeDefined();
  });

  it('keeps a dependent that has another live owner and drops only the dangling reference', async () => {
    const { admin, settle } = await rigWithNamespaces();
    const a = await admin.create(widget('a'));
    const b = await admin.create(widget('b'));
    await admin.create(ownedBy(configMap('shared'), a, b));
    await admin.delete(WIDGET, { namespace: 'default', name: 'a' });
    await settle();
    const shared = await admin.get(CM, { namespace: 'default', name: 'shared' });
    expect(shared.metadata.ownerReferences?.map((r) => r.name)).toEqual(['b']);
  });

  it('Orphan removes the owner reference instead of deleting dependents', async () => {
    const { admin, settle } = await rigWithNamespaces();
    const owner = await admin.create(widget('w'));
    await admin.create(ownedBy(configMap('child'), owner));
    await admin.delete(WIDGET, { namespace: 'default', name: 'w' }, { propagationPolicy: 'Orphan' });
    await settle();
    const child = await admin.get(CM, { namespace: 'default', name: 'child' });
    expect(child.metadata.ownerReferences).toBeUndefined();
  });

  it('collects a dependent whose namespaced owner lives in another namespace, as kube treats that owner as absent', async () => {
    const { admin, settle } = await rigWithNamespaces();
    const owner = await admin.create(widget('w', 'default'));
    await admin.create(ownedBy(configMap('elsewhere', 'other'), owner));
    await settle();
    expect((await rejection(admin.get(CM, { namespace: 'other', name: 'elsewhere' }))).reason).toBe('NotFound');
    await expect(admin.get(WIDGET, { namespace: 'default', name: 'w' })).resolves.toBeDefined();
  });

  it('collects an object written with a made-up owner uid', async () => {
    const { admin, settle } = await rigWithNamespaces();
    const fake: KubeObject = { apiVersion: WIDGET.apiVersion, kind: WIDGET.kind, metadata: { name: 'ghost', namespace: 'default', uid: 'not-a-real-uid' } };
    await admin.create(ownedBy(configMap('orphaned'), fake));
    await settle();
    expect((await rejection(admin.get(CM, { namespace: 'default', name: 'orphaned' }))).reason).toBe('NotFound');
  });

  it('keeps an object whose owner is of a kind this cluster does not serve', async () => {
    const { admin, settle } = await rigWithNamespaces();
    const foreign: KubeObject = { apiVersion: 'work.example.io/v1', kind: 'Elsewhere', metadata: { name: 'f', uid: 'foreign-uid' } };
    await admin.create(ownedBy(configMap('kept'), foreign));
    await settle();
    await expect(admin.get(CM, { namespace: 'default', name: 'kept' })).resolves.toBeDefined();
  });

  it('schedules no collector work for a removal without dependents', async () => {
    const { admin, settle, time } = await rigWithNamespaces();
    await admin.create(configMap('lonely'));
    const labels: string[] = [];
    time.onEvent = (label) => void labels.push(label);
    await admin.delete(CM, { namespace: 'default', name: 'lonely' });
    await settle();
    expect(labels.filter((l) => l.endsWith(':gc'))).toEqual([]);
  });

  it('lets a cluster-scoped owner own objects in any namespace', async () => {
    const { admin, settle } = await rigWithNamespaces();
    const owner = await admin.create({ apiVersion: THING.apiVersion, kind: THING.kind, metadata: { name: 't' } });
    await admin.create(ownedBy(configMap('x', 'default'), owner));
    await admin.create(ownedBy(configMap('y', 'other'), owner));
    await admin.delete(THING, { name: 't' });
    await settle();
    expect((await admin.list(CM)).items).toHaveLength(0);
  });

  it('makes no progress while the server is down and resumes when it is back', async () => {
    const { admin, server, settle } = await rigWithNamespaces();
    const owner = await admin.create(widget('w'));
    await admin.create(ownedBy(configMap('child'), owner));
    await admin.delete(WIDGET, { namespace: 'default', name: 'w' });
    server.setAvailable(false);
    await settle();
    expect(server.dump().some((o) => o.metadata.name === 'child')).toBe(true);
    server.setAvailable(true);
    await settle();
    expect((await rejection(admin.get(CM, { namespace: 'default', name: 'child' }))).reason).toBe('NotFound');
  });
});
