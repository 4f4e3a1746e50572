// Goal: the storage fault model does what storage-backend.ts documents: a stalled system ships
// nothing until resumed and then catches up; a slowed one snapshots at a multiple of the interval;
// a destroyed cluster takes its storage's images with it (recorded as discards) while the peer's
// replica survives. Method: a regional world with an app writing on c1 and a primary VR.

import { describe, expect, it } from 'vitest';
import { app, deploy, imageOf, makeStorageWorld, NS, volumeReplication } from './world.js';
import type { StorageWorld } from './world.js';

async function replicating(w: StorageWorld): Promise<{ primary: string; peer: string; handle: string }> {
  await deploy(w.c1, app('busybox', ['data']));
  await w.advance(5_000);
  await w.c1.client.create(volumeReplication('data', 'primary', 's1-vrc-1m'));
  await w.advance(2_000);
  const primary = imageOf(w.c1, 's1', 'data');
  const handle = primary.slice('s1/'.length);
  return { primary, peer: `s2/${handle}`, handle };
}

describe('storage faults', () => {
  it('a replication stall freezes the peer, and resuming catches it up', async () => {
    const w = await makeStorageWorld({ topology: 'regional', schedulingInterval: '1m' });
    const { primary, peer, handle } = await replicating(w);
    await w.advance(70_000);
    w.storage.stallReplication('s1', true);
    const frozenLength = w.storage.data.length(peer);
    const frozenSync = w.storage.info('s1', handle).lastSync!.snapshotAtMs;
    await w.advance(180_000);
    expect(w.storage.data.length(peer)).toBe(frozenLength);
    expect(w.storage.info('s1', handle).lastSync!.snapshotAtMs).toBe(frozenSync);
    expect(w.storage.info('s1', handle)).toMatchObject({ healthy: false, message: 'mirroring stalled' });
    w.storage.stallReplication('s1', false);
    await w.advance(61_000);
    expect(w.storage.info('s1', handle).lastSync!.snapshotAtMs).toBeGreaterThan(frozenSync + 180_000);
    expect(w.storage.data.isPrefixOf(peer, primary)).toBe(true);
    expect(w.storage.data.length(peer)).toBeGreaterThan(frozenLength + 180);
  });

  it('a slowdown multiplies the snapshot interval', async () => {
    const w = await makeStorageWorld({ topology: 'regional', schedulingInterval: '1m' });
    const { handle } = await replicating(w);
    w.storage.slowReplication('s1', 3);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      await w.advance(60_000);
      const t = w.storage.info('s1', handle).lastSync!.snapshotAtMs;
      if (times[times.length - 1] !== t) times.push(t);
    }
    expect(times.length).toBeGreaterThanOrEqual(3);
    for (let i = 2; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(180_000);
  });

  it('a destroyed cluster loses its images; the peer replica survives', async () => {
    const w = await makeStorageWorld({ topology: 'regional', schedulingInterval: '1m' });
    const { primary, peer } = await replicating(w);
    await w.advance(90_000);
    const held = w.storage.data.length(primary);
    w.storage.destroyCluster('c1');
    expect(w.storage.data.has(primary)).toBe(false);
    expect(w.storage.data.has(peer)).toBe(true);
    const discard = w.storage.data.discards().find((d) => d.image === primary)!;
    expect(discard.reason).toBe('storage-destroyed');
    expect(discard.writes).toHaveLength(held);
    const refusedBefore = w.ledger.refusals(`${NS}/busybox`);
    await w.advance(5_000);
    expect(w.ledger.refusals(`${NS}/busybox`)).toBeGreaterThan(refusedBefore);
    expect(w.ledger.latestRefusal()?.reason).toBe('storage-unreachable');
  });
});

describe('rebuilding a destroyed cluster', () => {
  it('brings its storage back empty and re-mirrors volumes from the surviving primary', async () => {
    const w = await makeStorageWorld({ topology: 'regional', schedulingInterval: '1m' });
    const { primary, peer, handle } = await replicating(w);
    await w.advance(90_000);
    w.c1.storageManager.stop();
    w.c1.workloadManager.stop();
    w.storage.destroyCluster('c1');
    w.storage.promote('s2', handle, true);
    w.storage.enableReplication('s2', handle, 60_000);
    await w.advance(120_000);
    expect(w.storage.data.has(primary)).toBe(false);
    w.storage.rebuildCluster('c1');
    await w.advance(61_000);
    expect(w.storage.roleOf(primary)).toBe('secondary');
    expect(w.storage.data.isPrefixOf(primary, peer)).toBe(true);
    expect(w.storage.data.length(primary)).toBe(w.storage.data.length(peer));
  });
});
