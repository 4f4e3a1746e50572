// Deletion: immediate removal, finalizer-blocked deletion, and removal when the last finalizer goes.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import { CM, WIDGET, configMap, rigWithNamespaces, widget } from './fixtures.js';
import { rejection } from './reject.js';

const key = { namespace: 'default', name: 'w' };

describe('delete', () => {
  it('removes an object without finalizers at once and logs delete then remove', async () => {
    const { admin, trace } = await rigWithNamespaces();
    await admin.create(configMap('a'));
    await admin.delete(CM, { namespace: 'default', name: 'a' });
    expect((await rejection(admin.get(CM, { namespace: 'default', name: 'a' }))).reason).toBe('NotFound');
    expect(trace.ofType('api.write').slice(-2).map((e) => e.verb)).toEqual(['delete', 'remove']);
  });

  it('fails with NotFound for an absent object', async () => {
    const { admin } = await rigWithNamespaces();
    expect((await rejection(admin.delete(CM, { namespace: 'default', name: 'a' }))).reason).toBe('NotFound');
  });

  it('checks a resourceVersion precondition', async () => {
    const { admin } = await rigWithNamespaces();
    const cm = await admin.create(configMap('a'));
    await admin.update({ ...cm, data: { x: 'y' } });
    expect((await rejection(admin.delete(CM, { namespace: 'default', name: 'a' }, { resourceVersion: cm.metadata.resourceVersion! }))).reason).toBe('Conflict');
  });

  it('only marks an object with finalizers, once, bumping its generation', async () => {
    const { admin, time } = await rigWithNamespaces();
    await admin.create({ ...widget('w'), metadata: { ...key, finalizers: ['example.com/protect'] } });
    await admin.delete(WIDGET, key);
    const marked = await admin.get(WIDGET, key);
    expect(marked.metadata.deletionTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(marked.metadata.generation).toBe(2);
    await time.run({ untilMs: time.nowMs() + 5000 });
    await admin.delete(WIDGET, key);
    const again = await admin.get(WIDGET, key);
    expect(again.metadata.deletionTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(again.metadata.resourceVersion).toBe(marked.metadata.resourceVersion);
  });

  it('removes the object when an update empties its finalizers', async () => {
    const { admin, trace } = await rigWithNamespaces();
    await admin.create({ ...widget('w'), metadata: { ...key, finalizers: ['a', 'b'] } });
    await admin.delete(WIDGET, key);
    const current: KubeObject = await admin.get(WIDGET, key);
    await admin.update({ ...current, metadata: { ...current.metadata, finalizers: ['b'] } });
    expect((await admin.get(WIDGET, key)).metadata.finalizers).toEqual(['b']);
    await admin.patch(WIDGET, key, { metadata: { finalizers: null } });
    expect((await rejection(admin.get(WIDGET, key))).reason).toBe('NotFound');
    expect(trace.ofType('api.write').slice(-2).map((e) => e.verb)).toEqual(['patch', 'remove']);
  });

  it('refuses new finalizers on an object being deleted', async () => {
    const { admin } = await rigWithNamespaces();
    await admin.create({ ...widget('w'), metadata: { ...key, finalizers: ['a'] } });
    await admin.delete(WIDGET, key);
    const current = await admin.get(WIDGET, key);
    const err = await rejection(admin.update({ ...current, metadata: { ...current.metadata, finalizers: ['a', 'late'] } }));
    expect(err.reason).toBe('Invalid');
    expect(err.causes[0]?.field).toBe('metadata.finalizers');
  });

  it('still allows spec updates while finalizers hold the object', async () => {
    const { admin } = await rigWithNamespaces();
    await admin.create({ ...widget('w'), metadata: { ...key, finalizers: ['a'] } });
    await admin.delete(WIDGET, key);
    const current = await admin.get(WIDGET, key);
    const updated = await admin.update({ ...current, spec: { size: 7 } });
    expect(updated.metadata.generation).toBe(3);
    expect(updated.metadata.deletionTimestamp).toBeDefined();
  });
});
