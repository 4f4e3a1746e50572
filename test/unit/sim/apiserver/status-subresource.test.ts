// The status subresource isolates spec writers from status writers, in both directions.

import { describe, expect, it } from 'vitest';
import { CM, WIDGET, configMap, rigWithNamespaces, widget } from './fixtures.js';
import { rejection } from './reject.js';

describe('status subresource', () => {
  it('update ignores status changes', async () => {
    const { admin } = await rigWithNamespaces();
    const w = await admin.create(widget('w'));
    const withStatus = await admin.updateStatus({ ...w, status: { phase: 'Ready' } });
    const updated = await admin.update({ ...withStatus, spec: { size: 2 }, status: { phase: 'Hacked' } });
    expect(updated.status).toEqual({ phase: 'Ready' });
    expect(updated.spec).toEqual({ size: 2 });
  });

  it('updateStatus ignores spec and metadata changes but writes status', async () => {
    const { admin } = await rigWithNamespaces();
    const w = await admin.create(widget('w'));
    const result = await admin.updateStatus({
      ...w,
      metadata: { ...w.metadata, labels: { sneaky: 'yes' }, finalizers: ['x'] },
      spec: { size: 99 },
      status: { phase: 'Ready' },
    });
    expect(result.status).toEqual({ phase: 'Ready' });
    expect(result.spec).toEqual({ size: 1 });
    expect(result.metadata.labels).toBeUndefined();
    expect(result.metadata.finalizers).toBeUndefined();
  });

  it('updateStatus does not bump the generation', async () => {
    const { admin } = await rigWithNamespaces();
    const w = await admin.create(widget('w'));
    const result = await admin.updateStatus({ ...w, status: { phase: 'Ready' } });
    expect(result.metadata.generation).toBe(1);
    expect(Number(result.metadata.resourceVersion)).toBeGreaterThan(Number(w.metadata.resourceVersion));
  });

  it('updateStatus checks the resourceVersion', async () => {
    const { admin } = await rigWithNamespaces();
    const w = await admin.create(widget('w'));
    await admin.update({ ...w, spec: { size: 2 } });
    expect((await rejection(admin.updateStatus({ ...w, status: { phase: 'Ready' } }))).reason).toBe('Conflict');
  });

  it('patch of the main resource ignores status', async () => {
    const { admin } = await rigWithNamespaces();
    await admin.create(widget('w'));
    const patched = await admin.patch(WIDGET, { namespace: 'default', name: 'w' }, { spec: { size: 3 }, status: { phase: 'X' } });
    expect(patched.spec).toEqual({ size: 3 });
    expect(patched.status).toBeUndefined();
  });

  it('a kind without status subresource has no status endpoint and stores everything on update', async () => {
    const { admin } = await rigWithNamespaces();
    const cm = await admin.create(configMap('a'));
    expect((await rejection(admin.updateStatus({ ...cm, status: { x: 1 } }))).reason).toBe('NotFound');
    const updated = await admin.update({ ...cm, status: { x: 1 } });
    expect(updated.status).toEqual({ x: 1 });
    expect((await admin.get(CM, { namespace: 'default', name: 'a' })).status).toEqual({ x: 1 });
  });
});
