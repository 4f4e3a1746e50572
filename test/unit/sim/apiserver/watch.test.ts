// Watches: initial ADDED, write-order delivery through the scheduler, filters, resume and restart.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import type { WatchCallbacks, WatchEvent } from '../../../../engine/runtime/client.js';
import { CM, configMap, rigWithNamespaces } from './fixtures.js';

class Recorder implements WatchCallbacks {
  readonly events: WatchEvent[] = [];
  readonly closes: string[] = [];
  onEvent(event: WatchEvent): void {
    this.events.push(event);
  }
  onClose(reason: string): void {
    this.closes.push(reason);
  }
  lines(): string[] {
    return this.events.map((e) => `${e.type} ${e.object.metadata.namespace}/${e.object.metadata.name}`);
  }
}

describe('watch', () => {
  it('starts with ADDED for existing objects when no resourceVersion is given', async () => {
    const { admin, settle } = await rigWithNamespaces();
    await admin.create(configMap('b'));
    await admin.create(configMap('a'));
    const rec = new Recorder();
    admin.watch(CM, {}, rec);
    expect(rec.events).toHaveLength(0);
    await settle();
    expect(rec.lines()).toEqual(['ADDED default/a', 'ADDED default/b']);
  });

  it('delivers events in write order, each as its own copy, through the scheduler', async () => {
    const { admin, settle, time } = await rigWithNamespaces();
    const rec = new Recorder();
    admin.watch(CM, { namespace: 'default' }, rec);
    const labels: string[] = [];
    time.onEvent = (label) => void labels.push(label);
    const a = await admin.create(configMap('a'));
    await admin.update({ ...a, data: { k: 'v' } });
    await admin.delete(CM, { namespace: 'default', name: 'a' });
    expect(rec.events).toHaveLength(0);
    await settle();
    expect(rec.lines()).toEqual(['ADDED default/a', 'MODIFIED default/a', 'DELETED default/a']);
    expect(labels.filter((l) => l.includes(':watch:'))).toEqual(Array(3).fill('api:cluster1:watch:test:ConfigMap'));
    const rvs = rec.events.map((e) => Number(e.object.metadata.resourceVersion));
    expect([...rvs].sort((x, y) => x - y)).toEqual(rvs);
    rec.events[1]!.object.metadata.name = 'mutated';
    expect(rec.events[0]!.object.metadata.name).toBe('a');
  });

  it('resumes after a resourceVersion without initial ADDED events', async () => {
    const { admin, settle } = await rigWithNamespaces();
    await admin.create(configMap('old'));
    const listed = await admin.list(CM);
    await admin.create(configMap('between'));
    const rec = new Recorder();
    admin.watch(CM, { resourceVersion: listed.resourceVersion }, rec);
    await admin.create(configMap('after'));
    await settle();
    expect(rec.lines()).toEqual(['ADDED default/between', 'ADDED default/after']);
  });

  it('filters by namespace and turns label changes into ADDED and DELETED', async () => {
    const { admin, settle } = await rigWithNamespaces();
    const rec = new Recorder();
    admin.watch(CM, { namespace: 'default', labelSelector: { matchLabels: { app: 'web' } } }, rec);
    await admin.create(configMap('x', 'other', {}, { app: 'web' }));
    const cm = await admin.create(configMap('a'));
    const labelled = await admin.update({ ...cm, metadata: { ...cm.metadata, labels: { app: 'web' } } });
    const changed = await admin.update({ ...labelled, data: { k: 'v' } });
    await admin.update({ ...changed, metadata: { ...changed.metadata, labels: { app: 'db' } } });
    await settle();
    expect(rec.lines()).toEqual(['ADDED default/a', 'MODIFIED default/a', 'DELETED default/a']);
  });

  it('stops silently on stop()', async () => {
    const { admin, server, settle } = await rigWithNamespaces();
    const rec = new Recorder();
    const handle = admin.watch(CM, {}, rec);
    await admin.create(configMap('a'));
    handle.stop();
    server.closeWatches('restart');
    await settle();
    expect(rec.events).toHaveLength(0);
    expect(rec.closes).toHaveLength(0);
  });

  it('ends on server close; the watcher re-lists and re-watches without losing or repeating events', async () => {
    const { admin, server, settle } = await rigWithNamespaces();
    const seen = new Map<string, KubeObject>();
    const rec = new Recorder();
    admin.watch(CM, {}, rec);
    await admin.create(configMap('a'));
    await settle();
    server.closeWatches('apiserver restarted');
    await admin.create(configMap('b'));
    await settle();
    expect(rec.closes).toEqual(['apiserver restarted']);
    expect(rec.lines()).toEqual(['ADDED default/a']);

    const listed = await admin.list(CM);
    for (const o of listed.items) seen.set(o.metadata.name, o);
    const rec2 = new Recorder();
    admin.watch(CM, { resourceVersion: listed.resourceVersion }, rec2);
    await admin.create(configMap('c'));
    await settle();
    expect([...seen.keys()]).toEqual(['a', 'b']);
    expect(rec2.lines()).toEqual(['ADDED default/c']);
    expect(server.openWatches).toBe(1);
  });

  it('expires a watch that asks for a version older than its history', async () => {
    const { admin, settle } = await rigWithNamespaces({ watchHistoryLimit: 2 });
    const first = await admin.create(configMap('a'));
    await admin.create(configMap('b'));
    await admin.create(configMap('c'));
    await admin.create(configMap('d'));
    const rec = new Recorder();
    admin.watch(CM, { resourceVersion: first.metadata.resourceVersion! }, rec);
    await settle();
    expect(rec.events).toHaveLength(0);
    expect(rec.closes[0]).toMatch(/^Expired: too old resource version/);
  });

  it('closes at once a watch on a kind the server does not serve', async () => {
    const { admin, settle } = await rigWithNamespaces();
    const rec = new Recorder();
    admin.watch({ apiVersion: 'nope.io/v1', kind: 'Nope' }, {}, rec);
    await settle();
    expect(rec.closes[0]).toContain('no matches for kind "Nope"');
  });
});
