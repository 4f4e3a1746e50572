// JSON merge patch: RFC 7386 itself, and the patch verb's preconditions and finalizer handling.

import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../../../../sim/apiserver/merge-patch.js';
import { CM, WIDGET, configMap, rigWithNamespaces, widget } from './fixtures.js';
import { rejection } from './reject.js';

describe('applyMergePatch', () => {
  it('follows the RFC 7386 examples', () => {
    expect(applyMergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(applyMergePatch({ a: 'b' }, { b: 'c' })).toEqual({ a: 'b', b: 'c' });
    expect(applyMergePatch({ a: 'b' }, { a: null })).toEqual({});
    expect(applyMergePatch({ a: 'b', b: 'c' }, { a: null })).toEqual({ b: 'c' });
    expect(applyMergePatch({ a: ['b'] }, { a: 'c' })).toEqual({ a: 'c' });
    expect(applyMergePatch({ a: 'c' }, { a: ['b'] })).toEqual({ a: ['b'] });
    expect(applyMergePatch({ a: { b: 'c' } }, { a: { b: 'd', c: null } })).toEqual({ a: { b: 'd' } });
    expect(applyMergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ a: [1] });
    expect(applyMergePatch(['a', 'b'], ['c', 'd'])).toEqual(['c', 'd']);
    expect(applyMergePatch({ a: 'b' }, ['c'])).toEqual(['c']);
    expect(applyMergePatch({ a: 'foo' }, null)).toBeNull();
    expect(applyMergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
    expect(applyMergePatch([1, 2], { a: 'b', c: null })).toEqual({ a: 'b' });
    expect(applyMergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
  });

  it('never modifies its arguments', () => {
    const target = { a: { b: 1 } };
    const patch = { a: { c: 2 } };
    applyMergePatch(target, patch);
    expect(target).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { c: 2 } });
  });
});

describe('patch verb', () => {
  it('merges labels and deletes keys set to null', async () => {
    const { admin } = await rigWithNamespaces();
    await admin.create(configMap('a', 'default', { k: '1', gone: 'x' }, { keep: 'yes', drop: 'me' }));
    const patched = await admin.patch(CM, { namespace: 'default', name: 'a' }, { metadata: { labels: { drop: null, add: 'new' } }, data: { gone: null } });
    expect(patched.metadata.labels).toEqual({ keep: 'yes', add: 'new' });
    expect(patched.data).toEqual({ k: '1' });
  });

  it('checks a resourceVersion only when the patch carries one', async () => {
    const { admin } = await rigWithNamespaces();
    const w = await admin.create(widget('w'));
    await admin.patch(WIDGET, { namespace: 'default', name: 'w' }, { spec: { size: 2 } });
    const stale = admin.patch(WIDGET, { namespace: 'default', name: 'w' }, { metadata: { resourceVersion: w.metadata.resourceVersion }, spec: { size: 3 } });
    expect((await rejection(stale)).reason).toBe('Conflict');
    const after = await admin.get(WIDGET, { namespace: 'default', name: 'w' });
    expect(after.spec).toEqual({ size: 2 });
    expect(after.metadata.generation).toBe(2);
  });

  it('cannot rename the object or change its kind', async () => {
    const { admin } = await rigWithNamespaces();
    await admin.create(configMap('a'));
    const patched = await admin.patch(CM, { namespace: 'default', name: 'a' }, { kind: 'Secret', metadata: { name: 'b', namespace: 'other' } });
    expect(patched.kind).toBe('ConfigMap');
    expect(patched.metadata).toMatchObject({ name: 'a', namespace: 'default' });
  });

  it('fails with NotFound for an absent object', async () => {
    const { admin } = await rigWithNamespaces();
    expect((await rejection(admin.patch(CM, { namespace: 'default', name: 'none' }, { data: {} }))).reason).toBe('NotFound');
  });
});
