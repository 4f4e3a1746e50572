// Goal: the VolumeReplication driver reports status exactly as Ramen reads it, and the async
// mirroring it drives ships a snapshot to the peer every scheduling interval. Method: an app writing
// on c1 of a regional pair, a VR as Ramen creates it, virtual time, and the data model as the oracle.

import { describe, expect, it } from 'vitest';
import { parseRfc3339 } from '../../../../engine/runtime/ports.js';
import type { VolumeReplication } from '../../../../engine/api/storage/volume-replication.js';
import { VolumeReplicationKind } from '../../../../engine/api/storage/volume-replication.js';
import { app, condition, deploy, imageOf, makeStorageWorld, NS, peek, stopPod, volumeReplication, vrOf } from './world.js';

const VRC = 's1-vrc-1m';

describe('VolumeReplication status', () => {
  it('reports Primary with Completed/Degraded/Resyncing at the current generation', async () => {
    const w = await makeStorageWorld({ topology: 'regional', schedulingInterval: '1m' });
    const spec = app('busybox', ['data']);
    await deploy(w.c1, spec);
    await w.advance(5_000);
    await w.c1.client.create(volumeReplication('data', 'primary', VRC));
    await w.advance(2_000);
    const vr = vrOf(w.c1, 'data')!;
    const gen = vr.metadata.generation;
    expect(vr.status?.state).toBe('Primary');
    expect(vr.status?.observedGeneration).toBe(gen);
    expect(vr.status?.message).toBe('volume is marked primary');
    expect(condition(vr, 'Completed')).toMatchObject({ status: 'True', reason: 'Promoted', observedGeneration: gen, message: 'volume is promoted to primary and replicating to secondary' });
    expect(condition(vr, 'Degraded')).toMatchObject({ status: 'False', reason: 'Healthy', observedGeneration: gen });
    expect(condition(vr, 'Resyncing')).toMatchObject({ status: 'False', reason: 'NotResyncing', observedGeneration: gen });
    expect(vr.metadata.finalizers).toContain('replication.storage.openshift.io');
    const pvc = peek(w.c1, 'v1', 'PersistentVolumeClaim', 'data', NS)!;
    expect(pvc.metadata.finalizers).toContain('replication.storage.openshift.io/pvc-protection');
    expect(pvc.metadata.annotations?.['replication.storage.openshift.io/volume-replication-name']).toBe('data');
  });

  it('advances lastSyncTime every scheduling interval, and the peer holds exactly the writes before it', async () => {
    const w = await makeStorageWorld({ topology: 'regional', schedulingInterval: '1m' });
    const spec = app('busybox', ['data']);
    await deploy(w.c1, spec);
    await w.advance(5_000);
    await w.c1.client.create(volumeReplication('data', 'primary', VRC));
    await w.advance(1_000);
    const enabledAt = w.time.nowMs();
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      await w.advance(60_000);
      const t = parseRfc3339(vrOf(w.c1, 'data')?.status?.lastSyncTime);
      if (t !== undefined && seen[seen.length - 1] !== t) seen.push(t);
    }
    // One snapshot a minute (the info refresh runs at the same 1m period, so each is seen).
    expect(seen.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < seen.length; i++) expect(seen[i]! - seen[i - 1]!).toBe(60_000);
    expect(seen[0]! - enabledAt).toBeLessThan(60_000);
    const vr = vrOf(w.c1, 'data')!;
    expect(vr.status?.lastSyncDuration).toMatch(/^\d+(\.\d+)?m?s$/);
    expect(vr.status?.lastSyncBytes).toBeGreaterThan(0);
    // The peer image is the primary's log up to the last shipped snapshot: lag, not loss.
    const primary = imageOf(w.c1, 's1', 'data');
    const peer = primary.replace(/^s1\//, 's2/');
    const pvcKey = `${NS}/data`;
    const lastSyncMs = parseRfc3339(vr.status?.lastSyncTime)!;
    const acked = w.ledger.ackedForPvc(pvcKey);
    expect(acked.length).toBeGreaterThan(250);
    for (const write of acked) {
      if (write.atMs < lastSyncMs) expect(w.storage.data.contains(peer, write.writeId)).toBe(true);
    }
    expect(w.storage.data.isPrefixOf(peer, primary)).toBe(true);
    expect(w.storage.data.length(peer)).toBeLessThan(w.storage.data.length(primary));
  });

  it('reports the csi-addons failure set when the class does not exist', async () => {
    const w = await makeStorageWorld({ topology: 'regional', schedulingInterval: '1m' });
    await deploy(w.c1, app('busybox', ['data']));
    await w.advance(5_000);
    await w.c1.client.create(volumeReplication('data', 'primary', 'missing-class'));
    await w.advance(2_000);
    const vr = vrOf(w.c1, 'data')!;
    expect(vr.status?.state).toBe('Unknown');
    expect(condition(vr, 'Completed')).toMatchObject({ status: 'False', reason: 'FailedToPromote', message: 'failed to get volumeReplication class' });
    expect(condition(vr, 'Degraded')).toMatchObject({ status: 'True', reason: 'Error' });
  });
});

describe('VolumeReplication deletion', () => {
  it('keeps the replica when a secondary VR is deleted, and drops it when a primary VR is', async () => {
    const w = await makeStorageWorld({ topology: 'regional', schedulingInterval: '1m' });
    const spec = app('busybox', ['data', 'other']);
    await deploy(w.c1, spec);
    await w.advance(5_000);
    await w.c1.client.create(volumeReplication('data', 'primary', VRC));
    await w.c1.client.create(volumeReplication('other', 'primary', VRC));
    await w.advance(70_000);
    const dataPeer = imageOf(w.c1, 's1', 'data').replace(/^s1\//, 's2/');
    const otherPeer = imageOf(w.c1, 's1', 'other').replace(/^s1\//, 's2/');
    expect(w.storage.data.has(dataPeer) && w.storage.data.has(otherPeer)).toBe(true);

    // 'data' goes secondary (app stopped) and its VR is deleted: the storage keeps replicating state.
    await stopPod(w.c1, spec);
    await w.advance(2_000);
    const vr = await w.c1.client.get<VolumeReplication>(VolumeReplicationKind, { namespace: NS, name: 'data' });
    await w.c1.client.update({ ...vr, spec: { ...vr.spec, replicationState: 'secondary' as const } });
    await w.until(() => vrOf(w.c1, 'data')?.status?.state === 'Secondary');
    await w.c1.client.delete(VolumeReplicationKind, { namespace: NS, name: 'data' });
    await w.c1.client.delete(VolumeReplicationKind, { namespace: NS, name: 'other' });
    await w.advance(5_000);
    expect(vrOf(w.c1, 'data')).toBeUndefined();
    expect(vrOf(w.c1, 'other')).toBeUndefined();
    expect(w.storage.data.has(dataPeer)).toBe(true);
    expect(w.storage.data.has(otherPeer)).toBe(false);
    expect(w.storage.data.discards().find((d) => d.image === otherPeer)?.reason).toBe('mirroring-disabled');
    const pvc = peek(w.c1, 'v1', 'PersistentVolumeClaim', 'other', NS)!;
    expect(pvc.metadata.finalizers ?? []).not.toContain('replication.storage.openshift.io/pvc-protection');
  });
});
