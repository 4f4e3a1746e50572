// Goal: the storage and workload models are deterministic: the same scenario yields the same trace,
// event for event. Method: run a failover scenario (writes, mirroring, outage, force promotion,
// app restart) twice from scratch and compare the full traces and the data model.

import { describe, expect, it } from 'vitest';
import { app, deploy, makeStorageWorld, restorePvAndPvc, volumeReplication, vrOf } from './world.js';

async function scenario(): Promise<{ trace: string; images: string }> {
  const w = await makeStorageWorld({ topology: 'regional', schedulingInterval: '1m' });
  const spec = app('busybox', ['a', 'b'], 700);
  await deploy(w.c1, spec);
  await w.advance(3_000);
  await w.c1.client.create(volumeReplication('a', 'primary', 's1-vrc-1m'));
  await w.c1.client.create(volumeReplication('b', 'primary', 's1-vrc-1m'));
  await w.advance(200_000);
  w.network.setUp('c1', false);
  w.c1.workloadManager.stop();
  await restorePvAndPvc(w.c1, w.c2, 'a');
  await restorePvAndPvc(w.c1, w.c2, 'b');
  await w.c2.client.create(volumeReplication('a', 'primary', 's2-vrc-1m'));
  await w.c2.client.create(volumeReplication('b', 'primary', 's2-vrc-1m'));
  await w.until(() => vrOf(w.c2, 'a')?.status?.state === 'Primary' && vrOf(w.c2, 'b')?.status?.state === 'Primary');
  await deploy(w.c2, spec);
  await w.advance(60_000);
  return { trace: JSON.stringify(w.trace.events), images: JSON.stringify(w.storage.data.snapshot()) };
}

describe('storage determinism', () => {
  it('produces identical traces and data on two runs', async () => {
    const first = await scenario();
    const second = await scenario();
    expect(first.trace.length).toBeGreaterThan(10_000);
    expect(second.trace).toBe(first.trace);
    expect(second.images).toBe(first.images);
  });
});
