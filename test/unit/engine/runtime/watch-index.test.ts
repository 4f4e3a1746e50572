// Goal: a watch index files each object under the keys derived from its latest delivered state, so a
// changed or deleted object is found only under what it names now, and reports what it named before.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import { requestOfId, WatchIndex } from '../../../../engine/runtime/watch-index.js';

function claim(name: string, volume?: string, namespace = 'app'): KubeObject {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace }, spec: volume ? { volumeName: volume } : {} } as KubeObject;
}

const byVolume = (): WatchIndex =>
  new WatchIndex((obj) => {
    const v = (obj.spec as { volumeName?: string } | undefined)?.volumeName;
    return v ? [v] : [];
  });

describe('WatchIndex', () => {
  it('finds objects by derived key and moves them when the key changes', () => {
    const index = byVolume();
    index.observe(claim('a', 'pv-1'), 'ADDED');
    index.observe(claim('b', 'pv-1'), 'ADDED');
    expect(index.idsFor('pv-1')).toEqual(['app/a', 'app/b']);
    expect(index.observe(claim('a', 'pv-2'), 'MODIFIED')).toEqual(['pv-1']);
    expect(index.idsFor('pv-1')).toEqual(['app/b']);
    expect(index.requestsFor('pv-2')).toEqual([{ namespace: 'app', name: 'a' }]);
    expect(index.keysFor('app/a')).toEqual(['pv-2']);
  });

  it('forgets a deleted object and one that no longer names a key', () => {
    const index = byVolume();
    index.observe(claim('a', 'pv-1'), 'ADDED');
    index.observe(claim('b', 'pv-1'), 'ADDED');
    expect(index.observe(claim('a', 'pv-1'), 'DELETED')).toEqual(['pv-1']);
    index.observe(claim('b'), 'MODIFIED');
    expect(index.idsFor('pv-1')).toEqual([]);
    expect(index.keysFor('app/b')).toEqual([]);
  });

  it('names cluster-scoped objects without a namespace', () => {
    expect(WatchIndex.idOf({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' } } as KubeObject)).toBe('pv-1');
    expect(requestOfId('pv-1')).toEqual({ name: 'pv-1' });
    expect(requestOfId('ns/x')).toEqual({ namespace: 'ns', name: 'x' });
  });
});
