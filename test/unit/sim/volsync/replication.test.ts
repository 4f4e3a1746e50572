// Goal: VolSync replicates a PVC between clusters as Ramen relies on: the destination publishes an
// address and, after each completed sync, a VolumeSnapshot latest image holding exactly the source's
// acknowledged writes as of the sync's start; scheduled (*/N cron) and manual triggers behave like
// VolSync's state machine; a cut link stalls syncs until healed; a PVC restored from the latest image
// holds that content. Method: two real SimApiServers with storage and VolSync agents, the network and
// the storage data model, on virtual time.
import { describe, expect, it } from 'vitest';
import { parseRfc3339 } from '../../../../engine/runtime/ports.js';
import { destinationServiceName } from '../../../../sim/volsync/volsync-names.js';
import { CLASS, claimOf, destination, ids, imageOf, makeVolSyncWorld, NS, PVC, range, rdOf, readyDestination, rsOf, snapshotOf, source, sourceClaim, Writer, type VsWorld } from './volsync-rig.js';

const MINUTE = 60_000;

function latestContent(w: VsWorld): number[] {
  const image = rdOf(w.c2)?.status?.latestImage;
  if (!image) return [];
  const content = w.snapshots.contentOf('c2', NS, image.name, snapshotOf(w.c2, image.name)?.metadata.uid);
  if (!content) throw new Error(`no content for ${image.name}`);
  return content.writes.ids();
}

describe('VolSync replication', () => {
  it('a destination provisions its PVC and Service, publishes its address and is exported to the clusterset', async () => {
    const w = await makeVolSyncWorld();
    await readyDestination(w);
    const rd = rdOf(w.c2)!;
    const svcName = destinationServiceName(PVC);
    const svc = w.c2.server.peek('v1', 'Service', svcName, NS)!;
    expect(rd.status!.rsyncTLS!.address).toBe((svc.spec as { clusterIP: string }).clusterIP);
    expect(claimOf(w.c2, `volsync-${PVC}-dst`)!.status!.phase).toBe('Bound');
    expect(claimOf(w.c2, `volsync-${PVC}-dst`)!.metadata.labels?.['app.kubernetes.io/created-by']).toBe('volsync');
    expect(rd.status!.conditions!.find((c) => c.type === 'Synchronizing')).toMatchObject({ status: 'True', reason: 'SyncInProgress' });
    await w.until(() => w.fabric.isExported('c2', NS, svcName), 10_000, 100);
    const exp = w.c2.server.peek('multicluster.x-k8s.io/v1alpha1', 'ServiceExport', svcName, NS)!;
    expect((exp.status as { conditions: { type: string; status: string }[] }).conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['Valid=True', 'Ready=True']);
    const resolved = w.fabric.resolve('c1', `${svcName}.${NS}.svc.clusterset.local`);
    expect(resolved.ok && resolved.listener.cluster).toBe('c2');
  });

  it('syncs on a */5 schedule; each latest image holds exactly the writes acknowledged before its sync started', async () => {
    const w = await makeVolSyncWorld();
    const image = await sourceClaim(w, w.c1);
    const writer = new Writer(w, image);
    writer.write(10);
    await readyDestination(w);
    await w.c1.client.create(source({ schedule: '*/5 * * * *' }));
    // The first sync runs at once (Initial state), whatever the schedule.
    await w.until(() => rsOf(w.c1)?.status?.lastSyncTime !== undefined, 5 * MINUTE, 100);
    await w.until(() => rdOf(w.c2)?.status?.latestImage !== undefined, MINUTE, 100);
    expect(latestContent(w)).toEqual(range(1, 10));
    const rs = rsOf(w.c1)!;
    const lastSync = parseRfc3339(rs.status!.lastSyncTime)!;
    const next = parseRfc3339(rs.status!.nextSyncTime)!;
    expect(next % (5 * MINUTE)).toBe(0);
    expect(next).toBeGreaterThan(lastSync);
    expect(rs.status!.lastSyncDuration).toMatch(/^\d+(\.\d+)?s$/);
    expect(rs.status!.conditions!.find((c) => c.type === 'Synchronizing')).toMatchObject({ status: 'False', reason: 'WaitingForSchedule' });
    const latest = rdOf(w.c2)!.status!.latestImage!;
    expect(latest).toMatchObject({ apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot' });
    const snap = snapshotOf(w.c2, latest.name)!;
    expect(snap.spec.source.persistentVolumeClaimName).toBe(`volsync-${PVC}-dst`);
    expect(snap.status).toMatchObject({ readyToUse: true, restoreSize: '1Gi' });

    // Writes keep coming; nothing moves until the next */5 boundary.
    writer.write(5);
    await w.advance(next - w.time.nowMs() - 1_000);
    expect(latestContent(w)).toEqual(range(1, 10));
    // A write acknowledged during the transfer (after its start) is not in that sync's image.
    await w.until(() => w.trace.ofType('volsync.sync.start').length === 2, 2 * MINUTE, 100);
    writer.write(1);
    await w.until(() => rsOf(w.c1)!.status!.lastSyncTime !== rs.status!.lastSyncTime, MINUTE, 100);
    await w.until(() => latestContent(w).length === 15, MINUTE, 100);
    expect(latestContent(w)).toEqual(range(1, 15));
    const start = w.trace.ofType('volsync.sync.start')[1]!;
    expect(start['lastWriteId']).toBe(15);
    expect(parseRfc3339(rsOf(w.c1)!.status!.nextSyncTime)! - next).toBe(5 * MINUTE);
    // The superseded latest image is cleaned up.
    await w.until(() => snapshotOf(w.c2, latest.name) === undefined, MINUTE, 100);
  });

  it('a manual trigger syncs once per new value and sets lastManualSync; it wins over a schedule', async () => {
    const w = await makeVolSyncWorld();
    const image = await sourceClaim(w, w.c1);
    const writer = new Writer(w, image);
    writer.write(3);
    await readyDestination(w);
    await w.c1.client.create(source({ manual: 'first', schedule: '*/1 * * * *' }));
    await w.until(() => rsOf(w.c1)?.status?.lastManualSync === 'first', 5 * MINUTE, 100);
    const firstSync = rsOf(w.c1)!.status!.lastSyncTime;
    expect(rsOf(w.c1)!.status!.nextSyncTime).toBeUndefined();
    writer.write(4);
    await w.advance(10 * MINUTE);
    expect(rsOf(w.c1)!.status!.lastSyncTime).toBe(firstSync);
    expect(rsOf(w.c1)!.status!.conditions!.find((c) => c.type === 'Synchronizing')).toMatchObject({ status: 'False', reason: 'WaitingForManual' });
    const rs = await w.c1.client.get<ReturnType<typeof source>>({ apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationSource' }, { namespace: NS, name: PVC });
    await w.c1.client.update({ ...rs, spec: { ...rs.spec, trigger: { manual: 'vrg-final-sync' } } });
    await w.until(() => rsOf(w.c1)?.status?.lastManualSync === 'vrg-final-sync', 5 * MINUTE, 100);
    await w.until(() => latestContent(w).length === 7, MINUTE, 100);
    expect(latestContent(w)).toEqual(range(1, 7));
  });

  it('a cut link stalls syncs (the latest image keeps its content) until the link heals', async () => {
    const w = await makeVolSyncWorld();
    const image = await sourceClaim(w, w.c1);
    const writer = new Writer(w, image);
    writer.write(2);
    await readyDestination(w);
    await w.c1.client.create(source({ schedule: '*/5 * * * *' }));
    await w.until(() => latestContent(w).length === 2, 5 * MINUTE, 100);
    const lastSync = rsOf(w.c1)!.status!.lastSyncTime;
    writer.write(3);
    w.network.cut('c1', 'c2');
    await w.advance(20 * MINUTE);
    expect(rsOf(w.c1)!.status!.lastSyncTime).toBe(lastSync);
    expect(latestContent(w)).toEqual(range(1, 2));
    expect(rsOf(w.c1)!.status!.latestMoverStatus).toMatchObject({ result: 'Failed' });
    expect(w.trace.ofType('volsync.sync.fail').length).toBeGreaterThan(1);
    w.network.heal('c1', 'c2');
    await w.until(() => latestContent(w).length === 5, 2 * MINUTE, 100);
    expect(rsOf(w.c1)!.status!.latestMoverStatus).toMatchObject({ result: 'Successful' });
  });

  it('a cut in the middle of a transfer aborts it: the destination keeps the previous image', async () => {
    const w = await makeVolSyncWorld();
    const image = await sourceClaim(w, w.c1);
    const writer = new Writer(w, image);
    writer.write(1);
    await readyDestination(w);
    await w.c1.client.create(source({ schedule: '*/5 * * * *' }));
    await w.until(() => latestContent(w).length === 1, 5 * MINUTE, 100);
    // 200_000 writes of 4 KiB at 20 MB/s take about 41 s to stream.
    writer.write(200_000);
    await w.until(() => w.trace.ofType('volsync.sync.start').length === 2, 6 * MINUTE, 100);
    await w.advance(10_000);
    w.network.cut('c1', 'c2');
    await w.advance(2_000);
    w.network.heal('c1', 'c2');
    await w.until(() => w.trace.ofType('volsync.sync.fail').length === 1, MINUTE, 100);
    expect(w.storage.data.length(imageOf(w.c2, `volsync-${PVC}-dst`)!)).toBe(1);
    await w.until(() => latestContent(w).length === 200_001, 5 * MINUTE, 1_000);
  });

  it('a PVC restored from the latest image holds exactly its writes', async () => {
    const w = await makeVolSyncWorld();
    const image = await sourceClaim(w, w.c1);
    const writer = new Writer(w, image);
    writer.write(42);
    await readyDestination(w);
    await w.c1.client.create(source({ schedule: '*/10 * * * *' }));
    await w.until(() => latestContent(w).length === 42, 5 * MINUTE, 100);
    writer.write(8);
    const latest = rdOf(w.c2)!.status!.latestImage!;
    await w.c2.client.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: PVC, namespace: NS, labels: { 'ramendr.openshift.io/created-by-ramen': 'true' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: CLASS, dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: latest.name } },
    });
    await w.until(() => claimOf(w.c2, PVC)?.status?.phase === 'Bound', MINUTE, 100);
    await w.until(() => w.trace.ofType('volsync.populate').length === 1, MINUTE, 100);
    const restored = imageOf(w.c2, PVC)!;
    expect(ids(w.storage.data.writes(restored))).toEqual(range(1, 42));
    expect(restored.startsWith('fs2/')).toBe(true);
  });

  it('without Submariner: a LoadBalancer address works, the clusterset name does not resolve', async () => {
    const w = await makeVolSyncWorld({ submariner: false });
    const image = await sourceClaim(w, w.c1);
    new Writer(w, image).write(3);
    const rd = await w.c2.client.create(destination({ serviceType: 'LoadBalancer' }));
    await w.until(() => rdOf(w.c2)?.status?.rsyncTLS?.address !== undefined, MINUTE, 100);
    expect(rd.metadata.name).toBe(PVC);
    const address = rdOf(w.c2)!.status!.rsyncTLS!.address!;
    expect(address).toMatch(/^172\./);
    await w.c1.client.create(source({ schedule: '*/5 * * * *' }));
    await w.until(() => w.trace.ofType('volsync.sync.fail').length === 1, 5 * MINUTE, 100);
    expect(w.trace.ofType('volsync.sync.fail')[0]!['message']).toContain('no such host');
    const rs = await w.c1.client.get<ReturnType<typeof source>>({ apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationSource' }, { namespace: NS, name: PVC });
    await w.c1.client.update({ ...rs, spec: { ...rs.spec, rsyncTLS: { ...rs.spec.rsyncTLS, address } } });
    await w.until(() => latestContent(w).length === 3, 5 * MINUTE, 100);
  });

  it('refuses a source whose pre-shared key differs from the destination', async () => {
    const w = await makeVolSyncWorld({ psk: { c1: 'one', c2: 'two' } });
    await sourceClaim(w, w.c1);
    await readyDestination(w);
    await w.c1.client.create(source({ schedule: '*/5 * * * *' }));
    await w.until(() => w.trace.ofType('volsync.sync.fail').length === 1, 5 * MINUTE, 100);
    expect(w.trace.ofType('volsync.sync.fail')[0]!['message']).toContain('pre-shared key mismatch');
    expect(rdOf(w.c2)!.status!.latestImage).toBeUndefined();
  });
});
