// Goal: the object lifecycle Ramen depends on around VolSync: the source's mover Job exists only
// while a sync runs; a copy-trigger annotation (Ramen's `stopped-by-ramen`) holds syncs back; a latest
// image labeled do-not-delete outlives its destination; deleting a destination stops its listener;
// and two identical runs give identical traces. Method: real servers and agents on virtual time.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../sim/trace/canonical-json.js';
import { destinationServiceName, sourceJobName } from '../../../../sim/volsync/volsync-names.js';
import { claimOf, makeVolSyncWorld, NS, PVC, rdOf, readyDestination, rsOf, snapshotOf, source, sourceClaim, Writer, type VsWorld } from './volsync-rig.js';

const MINUTE = 60_000;

const JOB = { apiVersion: 'batch/v1', kind: 'Job' };

async function replicating(w: VsWorld): Promise<Writer> {
  const image = await sourceClaim(w, w.c1);
  const writer = new Writer(w, image);
  writer.write(3);
  await readyDestination(w);
  await w.c1.client.create(source({ schedule: '*/5 * * * *' }));
  await w.until(() => rdOf(w.c2)?.status?.latestImage !== undefined, 5 * MINUTE, 100);
  return writer;
}

describe('VolSync object lifecycle', () => {
  it('holds syncs while the source PVC uses a copy trigger that was not renewed', async () => {
    const w = await makeVolSyncWorld();
    const writer = await replicating(w);
    const pvc = claimOf(w.c1, PVC)!;
    await w.c1.client.update({ ...pvc, metadata: { ...pvc.metadata, annotations: { ...(pvc.metadata.annotations ?? {}), 'volsync.backube/use-copy-trigger': 'stopped-by-ramen' } } });
    writer.write(2);
    const syncs = w.trace.ofType('volsync.sync.done').length;
    await w.advance(30 * MINUTE);
    expect(w.trace.ofType('volsync.sync.done').length).toBe(syncs);
    expect(claimOf(w.c1, PVC)!.metadata.annotations?.['volsync.backube/latest-copy-status']).toBe('WaitingForTrigger');
    const held = claimOf(w.c1, PVC)!;
    await w.c1.client.update({ ...held, metadata: { ...held.metadata, annotations: { ...(held.metadata.annotations ?? {}), 'volsync.backube/copy-trigger': 'go-1' } } });
    await w.until(() => w.trace.ofType('volsync.sync.done').length === syncs + 1, MINUTE, 100);
    expect(claimOf(w.c1, PVC)!.metadata.annotations).toMatchObject({ 'volsync.backube/latest-copy-trigger': 'go-1', 'volsync.backube/latest-copy-status': 'Completed' });
  });

  it('keeps the mover Job only while a sync runs, and runs without one when Jobs are not served', async () => {
    const plain = await makeVolSyncWorld({ withoutKinds: ['batch/v1/Job'] });
    expect(await plain.c1.client.serves({ apiVersion: 'batch/v1', kind: 'Job' })).toBe(false);
    await replicating(plain);
    expect(rsOf(plain.c1)!.status!.lastSyncTime).toBeDefined();

    const w = await makeVolSyncWorld();
    expect(await w.c1.client.serves(JOB)).toBe(true);
    const writer = await replicating(w);
    await w.until(() => w.c1.server.peek('batch/v1', 'Job', sourceJobName(PVC), NS) === undefined, MINUTE, 100);
    writer.write(1);
    await w.until(() => w.trace.ofType('volsync.sync.start').length === 2, 6 * MINUTE, 100);
    await w.advance(1_000);
    expect(w.c1.server.peek('batch/v1', 'Job', sourceJobName(PVC), NS)).toBeDefined();
    await w.until(() => w.trace.ofType('volsync.sync.done').length === 2, MINUTE, 100);
    await w.until(() => w.c1.server.peek('batch/v1', 'Job', sourceJobName(PVC), NS) === undefined, MINUTE, 100);
  });

  it('a do-not-delete latest image outlives its destination; deleting the destination stops its listener', async () => {
    const w = await makeVolSyncWorld();
    await replicating(w);
    const name = rdOf(w.c2)!.status!.latestImage!.name;
    const snap = snapshotOf(w.c2, name)!;
    expect(snap.metadata.ownerReferences?.[0]?.kind).toBe('ReplicationDestination');
    await w.c2.client.update({ ...snap, metadata: { ...snap.metadata, labels: { ...(snap.metadata.labels ?? {}), 'volsync.backube/do-not-delete': 'true' } } });
    await w.until(() => (snapshotOf(w.c2, name)!.metadata.ownerReferences ?? []).length === 0, MINUTE, 100);
    await w.c2.client.delete({ apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationDestination' }, { namespace: NS, name: PVC });
    await w.advance(MINUTE);
    expect(rdOf(w.c2)).toBeUndefined();
    expect(snapshotOf(w.c2, name)).toBeDefined();
    expect(w.fabric.listenerOf('c2', NS, destinationServiceName(PVC))).toBeUndefined();
    expect(claimOf(w.c2, `volsync-${PVC}-dst`)).toBeUndefined();
    expect(w.snapshots.contentOf('c2', NS, name, snapshotOf(w.c2, name)!.metadata.uid)).toBeDefined();
  });

  it('is deterministic: the same steps give the same trace', async () => {
    const run = async (): Promise<string> => {
      const w = await makeVolSyncWorld();
      const writer = await replicating(w);
      writer.write(10);
      w.network.cut('c1', 'c2');
      await w.advance(7 * MINUTE);
      w.network.heal('c1', 'c2');
      await w.advance(15 * MINUTE);
      return canonicalJson(w.trace.events);
    };
    expect(await run()).toBe(await run());
  });
});
