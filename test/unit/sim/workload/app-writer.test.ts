// Goal: an app runs only where its Pod exists and its volumes are attached and writable: the Pod
// starts once its claims are bound and attached, writes at its interval, stops writing when the Pod
// goes, and never starts on a cluster whose replica is still secondary. Method: the storage test
// world (real API servers, storage and workload agents) on virtual time.

import { describe, expect, it } from 'vitest';
import type { Pod, VolumeAttachment } from '../../../../sim/storage/core-shapes.js';
import { VOLUME_ATTACHMENT_KIND } from '../../../../sim/storage/core-shapes.js';
import { APP_LABEL } from '../../../../sim/workload/app.js';
import { app, deploy, makeStorageWorld, NS, peek, restorePvAndPvc, stopPod, volumeReplication } from '../storage/world.js';

const PVC = `${NS}/data`;

describe('app writer', () => {
  it('writes at its interval while its Pod runs, and stops when the Pod goes', async () => {
    const w = await makeStorageWorld({ topology: 'regional' });
    const spec = app('busybox', ['data'], 2_000);
    await deploy(w.c1, spec);
    await w.advance(3_000);
    expect(peek<Pod>(w.c1, 'v1', 'Pod', 'busybox-writer', NS)?.status?.phase).toBe('Running');
    const vas = (await w.c1.client.list<VolumeAttachment>(VOLUME_ATTACHMENT_KIND)).items;
    expect(vas).toHaveLength(1);
    expect(vas[0]!.status?.attached).toBe(true);
    const start = w.ledger.ackedCountForPvc(PVC);
    await w.advance(20_000);
    expect(w.ledger.ackedCountForPvc(PVC) - start).toBe(10);
    expect(w.ledger.ackedForPvc(PVC).map((x) => x.writeId)).toEqual(w.ledger.ackedForPvc(PVC).map((_, i) => i + 1));
    await stopPod(w.c1, spec);
    await w.advance(5_000);
    const stopped = w.ledger.ackedCountForPvc(PVC);
    await w.advance(20_000);
    expect(w.ledger.ackedCountForPvc(PVC)).toBe(stopped);
    expect((await w.c1.client.list(VOLUME_ATTACHMENT_KIND)).items).toEqual([]);
  });

  it('does not start on a cluster whose replica is not primary', async () => {
    const w = await makeStorageWorld({ topology: 'regional', schedulingInterval: '1m' });
    const spec = app('busybox', ['data'], 1_000);
    await deploy(w.c1, spec);
    await w.advance(3_000);
    await w.c1.client.create(volumeReplication('data', 'primary', 's1-vrc-1m'));
    await w.advance(70_000);
    // The app is (wrongly) deployed on c2 too, while c1 is still primary.
    await restorePvAndPvc(w.c1, w.c2, 'data');
    await deploy(w.c2, spec);
    await w.advance(30_000);
    expect(peek<Pod>(w.c2, 'v1', 'Pod', 'busybox-writer', NS)?.status?.phase).toBe('Pending');
    const va = (await w.c2.client.list<VolumeAttachment>(VOLUME_ATTACHMENT_KIND)).items[0]!;
    expect(va.status?.attached).toBe(false);
    expect(va.status?.attachError?.message).toMatch(/not primary/);
    expect(w.ledger.ackedForPvc(PVC).every((x) => x.cluster === 'c1')).toBe(true);
  });

  it('writes every Pod of a cluster on the multiples of its interval, all due Pods in one reconcile', async () => {
    const w = await makeStorageWorld({ topology: 'regional' });
    const specs = [app('a', ['da'], 2_000), app('b', ['db'], 2_000), app('c', ['dc'], 3_000)];
    for (const spec of specs) await deploy(w.c1, spec);
    await w.until(() => specs.every((s) => peek<Pod>(w.c1, 'v1', 'Pod', `${s.name}-writer`, NS)?.status?.phase === 'Running'));
    const from = w.time.nowMs();
    const reconcilesBefore = w.trace.ofType('reconcile').filter((e) => e.controller === 'c1-workload/app-writer').length;
    await w.advance(30_000);
    const times = (pvc: string) => w.ledger.ackedForPvc(`${NS}/${pvc}`).map((x) => x.atMs).filter((t) => t > from);
    expect(times('da').length).toBe(15);
    expect(times('dc').length).toBe(10);
    expect(times('da').every((t) => t % 2_000 === 0)).toBe(true);
    expect(times('dc').every((t) => t % 3_000 === 0)).toBe(true);
    expect(times('db')).toEqual(times('da'));
    // One reconcile per distinct instant: multiples of 2 s or 3 s in the 30 s window.
    const instants = new Set([...times('da'), ...times('dc')]);
    const reconciles = w.trace.ofType('reconcile').filter((e) => e.controller === 'c1-workload/app-writer').length - reconcilesBefore;
    expect(instants.size).toBe(20);
    expect(reconciles).toBe(instants.size);
  });

  it('never writes for a Pod deleted while the workload agent was down', async () => {
    const w = await makeStorageWorld({ topology: 'regional' });
    const keep = app('keep', ['dk'], 1_000);
    const gone = app('gone', ['dg'], 1_000);
    await deploy(w.c1, keep);
    await deploy(w.c1, gone);
    await w.until(() => [keep, gone].every((s) => peek<Pod>(w.c1, 'v1', 'Pod', `${s.name}-writer`, NS)?.status?.phase === 'Running'));
    await w.advance(5_000);
    w.c1.workloadManager.stop();
    await stopPod(w.c1, gone);
    await w.advance(2_000);
    const goneBefore = w.ledger.ackedCountForPvc(`${NS}/dg`);
    const goneRefusals = w.ledger.refusals(`${NS}/gone`);
    const keepBefore = w.ledger.ackedCountForPvc(`${NS}/dk`);
    w.c1.workloadManager.start();
    await w.advance(10_000);
    // Its volume is detached by now, so a write for it would be refused rather than acknowledged.
    expect(w.ledger.ackedCountForPvc(`${NS}/dg`)).toBe(goneBefore);
    expect(w.ledger.refusals(`${NS}/gone`)).toBe(goneRefusals);
    expect(w.ledger.ackedCountForPvc(`${NS}/dk`)).toBeGreaterThanOrEqual(keepBefore + 9);
  });

  it('stops writing for a Pod that loses its app label', async () => {
    const w = await makeStorageWorld({ topology: 'regional' });
    const spec = app('busybox', ['data'], 1_000);
    await deploy(w.c1, spec);
    await w.until(() => peek<Pod>(w.c1, 'v1', 'Pod', 'busybox-writer', NS)?.status?.phase === 'Running');
    await w.advance(5_000);
    expect(w.ledger.ackedCountForPvc(PVC)).toBeGreaterThan(0);
    const pod = (await w.c1.client.get<Pod>({ apiVersion: 'v1', kind: 'Pod' }, { namespace: NS, name: 'busybox-writer' }));
    delete pod.metadata.labels![APP_LABEL];
    await w.c1.client.update(pod);
    await w.advance(1_000);
    const after = w.ledger.ackedCountForPvc(PVC);
    await w.advance(10_000);
    expect(w.ledger.ackedCountForPvc(PVC)).toBe(after);
  });
});
