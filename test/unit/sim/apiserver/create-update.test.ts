// Create and update semantics: server-set metadata, resourceVersion preconditions, generation bumps.

import { describe, expect, it } from 'vitest';
import { CM, WIDGET, configMap, rigWithNamespaces, widget } from './fixtures.js';
import { rejection } from './reject.js';

describe('create', () => {
  it('sets uid, creationTimestamp, resourceVersion and generation 1', async () => {
    const { admin } = await rigWithNamespaces();
    const created = await admin.create(configMap('a'));
    expect(created.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(created.metadata.generation).toBe(1);
    expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(0);
    const second = await admin.create(configMap('b'));
    expect(second.metadata.uid).not.toBe(created.metadata.uid);
    expect(Number(second.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
  });

  it('gives different clusters different uids', async () => {
    const a = await rigWithNamespaces({ name: 'east' });
    const b = await rigWithNamespaces({ name: 'west' });
    const ua = (await a.admin.create(configMap('x'))).metadata.uid;
    const ub = (await b.admin.create(configMap('x'))).metadata.uid;
    expect(ua).not.toBe(ub);
  });

  it('fails with AlreadyExists in kube message form', async () => {
    const { admin } = await rigWithNamespaces();
    await admin.create(widget('w'));
    const err = await rejection(admin.create(widget('w')));
    expect(err.reason).toBe('AlreadyExists');
    expect(err.message).toBe('widgets.example.com "w" already exists');
  });

  it('refuses a resourceVersion on create, as a real server does', async () => {
    const { admin } = await rigWithNamespaces();
    const obj = configMap('a');
    obj.metadata.resourceVersion = '5';
    expect((await rejection(admin.create(obj))).reason).toBe('BadRequest');
  });

  it('ignores client-supplied uid, generation and deletionTimestamp', async () => {
    const { admin } = await rigWithNamespaces();
    const obj = configMap('a');
    Object.assign(obj.metadata, { uid: 'mine', generation: 7, deletionTimestamp: '2020-01-01T00:00:00Z' });
    const created = await admin.create(obj);
    expect(created.metadata.uid).not.toBe('mine');
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.deletionTimestamp).toBeUndefined();
  });

  it('drops status on create of a kind with a status subresource', async () => {
    const { admin } = await rigWithNamespaces();
    const created = await admin.create({ ...widget('w'), status: { phase: 'Ready' } });
    expect(created.status).toBeUndefined();
  });

  it('generates a name from generateName', async () => {
    const { admin } = await rigWithNamespaces();
    const obj = configMap('');
    (obj.metadata as { generateName?: string }).generateName = 'job-';
    const created = await admin.create(obj);
    expect(created.metadata.name).toMatch(/^job-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('refuses names that are not DNS-1123 subdomains', async () => {
    const { admin } = await rigWithNamespaces();
    const err = await rejection(admin.create(configMap('Bad_Name')));
    expect(err.reason).toBe('Invalid');
    expect(err.causes[0]?.field).toBe('metadata.name');
  });

  it('returns copies that cannot change stored state', async () => {
    const { admin } = await rigWithNamespaces();
    const input = configMap('a', 'default', { k: 'v' });
    const created = await admin.create(input);
    (input.data as Record<string, string>).k = 'changed-input';
    (created.data as Record<string, string>).k = 'changed-output';
    const read = await admin.get(CM, { namespace: 'default', name: 'a' });
    expect(read.data).toEqual({ k: 'v' });
  });
});

describe('update', () => {
  it('fails with Conflict on a stale resourceVersion, with the kube message', async () => {
    const { admin } = await rigWithNamespaces();
    const first = await admin.create(widget('w'));
    await admin.update({ ...first, spec: { size: 2 } });
    const err = await rejection(admin.update({ ...first, spec: { size: 3 } }));
    expect(err.reason).toBe('Conflict');
    expect(err.message).toBe(
      'Operation cannot be fulfilled on widgets.example.com "w": the object has been modified; please apply your changes to the latest version and try again',
    );
    const stored = await admin.get(WIDGET, { namespace: 'default', name: 'w' });
    expect(stored.spec).toEqual({ size: 2 });
  });

  it('is unconditional without a resourceVersion', async () => {
    const { admin } = await rigWithNamespaces();
    const first = await admin.create(widget('w'));
    await admin.update({ ...first, spec: { size: 2 } });
    const blind = { ...first, metadata: { ...first.metadata, resourceVersion: undefined }, spec: { size: 9 } };
    const updated = await admin.update(blind);
    expect(updated.spec).toEqual({ size: 9 });
  });

  it('fails with Conflict when the uid names an object that was replaced', async () => {
    const { admin } = await rigWithNamespaces();
    const first = await admin.create(configMap('a'));
    await admin.delete(CM, { namespace: 'default', name: 'a' });
    await admin.create(configMap('a'));
    const stale = { ...first, metadata: { ...first.metadata, resourceVersion: undefined } };
    expect((await rejection(admin.update(stale))).reason).toBe('Conflict');
  });

  it('fails with NotFound for an absent object', async () => {
    const { admin } = await rigWithNamespaces();
    const err = await rejection(admin.update(configMap('nope')));
    expect(err.reason).toBe('NotFound');
    expect(err.message).toBe('configmaps "nope" not found');
  });

  it('bumps generation for spec changes only, never for metadata', async () => {
    const { admin } = await rigWithNamespaces();
    let w = await admin.create(widget('w'));
    w = await admin.update({ ...w, metadata: { ...w.metadata, labels: { a: 'b' }, annotations: { x: 'y' } } });
    expect(w.metadata.generation).toBe(1);
    w = await admin.update({ ...w, spec: { size: 5 } });
    expect(w.metadata.generation).toBe(2);
    w = await admin.update({ ...w, spec: { size: 5 } });
    expect(w.metadata.generation).toBe(2);
  });

  it('counts data changes of a kind without status subresource as generation changes', async () => {
    const { admin } = await rigWithNamespaces();
    const cm = await admin.create(configMap('a', 'default', { k: '1' }));
    const updated = await admin.update({ ...cm, data: { k: '2' } });
    expect(updated.metadata.generation).toBe(2);
  });

  it('keeps the resourceVersion and logs a no-op when nothing changes', async () => {
    const { admin, trace } = await rigWithNamespaces();
    const w = await admin.create(widget('w'));
    const same = await admin.update(w);
    expect(same.metadata.resourceVersion).toBe(w.metadata.resourceVersion);
    expect(trace.ofType('api.write').at(-1)).toMatchObject({ verb: 'update', noop: true });
  });

  it('keeps server-owned metadata whatever the client sends', async () => {
    const { admin } = await rigWithNamespaces();
    const w = await admin.create(widget('w'));
    const tampered = {
      ...w,
      metadata: { ...w.metadata, creationTimestamp: '1999-01-01T00:00:00Z', generation: 40, deletionTimestamp: '1999-01-01T00:00:00Z' },
    };
    const after = await admin.update(tampered);
    expect(after.metadata.creationTimestamp).toBe(w.metadata.creationTimestamp);
    expect(after.metadata.generation).toBe(1);
    expect(after.metadata.deletionTimestamp).toBeUndefined();
  });
});
