// Namespaced versus cluster-scoped objects, missing namespaces, and namespace termination.

import { describe, expect, it } from 'vitest';
import { CM, NS, THING, WIDGET, configMap, configMapKind, makeRig, namespace, rigWithNamespaces, widget } from './fixtures.js';
import { rejection } from './reject.js';

describe('scope', () => {
  it('silently clears metadata.namespace on a cluster-scoped kind', async () => {
    const { admin } = await rigWithNamespaces();
    const created = await admin.create({ apiVersion: THING.apiVersion, kind: THING.kind, metadata: { name: 't', namespace: 'default' } });
    expect(created.metadata.namespace).toBeUndefined();
    const read = await admin.get(THING, { name: 't', namespace: 'ignored' });
    expect(read.metadata.name).toBe('t');
  });

  it('refuses a namespaced object without a namespace', async () => {
    const { admin } = await rigWithNamespaces();
    const err = await rejection(admin.create({ ...configMap('a'), metadata: { name: 'a' } }));
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toContain('namespace');
    expect((await rejection(admin.get(CM, { name: 'a' }))).reason).toBe('BadRequest');
  });

  it('refuses content for a namespace that does not exist', async () => {
    const { admin } = await rigWithNamespaces();
    const err = await rejection(admin.create(configMap('a', 'missing')));
    expect(err.reason).toBe('NotFound');
    expect(err.message).toBe('namespaces "missing" not found');
  });

  it('does not require namespaces on a server that does not serve them', async () => {
    const { server } = makeRig({ kinds: [configMapKind] });
    const created = await server.client().create(configMap('a', 'anywhere'));
    expect(created.metadata.namespace).toBe('anywhere');
  });

  it('marks a new namespace Active', async () => {
    const { admin } = await rigWithNamespaces();
    expect((await admin.get(NS, { name: 'default' })).status).toEqual({ phase: 'Active' });
  });
});

describe('namespace deletion', () => {
  it('terminates: marks, deletes content, then removes the namespace', async () => {
    const { admin, settle } = await rigWithNamespaces();
    await admin.create(configMap('a', 'other'));
    await admin.create(widget('w', 'other'));
    await admin.create(configMap('keep', 'default'));
    await admin.delete(NS, { name: 'other' });
    const terminating = await admin.get(NS, { name: 'other' });
    expect(terminating.metadata.deletionTimestamp).toBeDefined();
    expect(terminating.status).toEqual({ phase: 'Terminating' });
    expect((await rejection(admin.create(configMap('late', 'other')))).reason).toBe('Forbidden');
    await settle();
    expect((await rejection(admin.get(NS, { name: 'other' }))).reason).toBe('NotFound');
    expect((await admin.list(CM)).items.map((o) => o.metadata.name)).toEqual(['keep']);
  });

  it('waits for content held by finalizers', async () => {
    const { admin, settle } = await rigWithNamespaces();
    await admin.create({ ...widget('w', 'other'), metadata: { name: 'w', namespace: 'other', finalizers: ['hold'] } });
    await admin.delete(NS, { name: 'other' });
    await settle();
    const held = await admin.get(WIDGET, { namespace: 'other', name: 'w' });
    expect(held.metadata.deletionTimestamp).toBeDefined();
    expect((await admin.get(NS, { name: 'other' })).metadata.deletionTimestamp).toBeDefined();
    await admin.patch(WIDGET, { namespace: 'other', name: 'w' }, { metadata: { finalizers: null } });
    await settle();
    expect((await rejection(admin.get(NS, { name: 'other' }))).reason).toBe('NotFound');
  });

  it('refuses to delete the default namespace', async () => {
    const { admin } = await rigWithNamespaces();
    const err = await rejection(admin.delete(NS, { name: 'default' }));
    expect(err.reason).toBe('Forbidden');
    expect(err.message).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
  });

  it('can be re-created after it is gone', async () => {
    const { admin, settle } = await rigWithNamespaces();
    await admin.delete(NS, { name: 'other' });
    await settle();
    await admin.create(namespace('other'));
    await expect(admin.create(configMap('a', 'other'))).resolves.toBeDefined();
  });
});
