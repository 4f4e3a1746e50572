// Goal: the simulated S3 answers like a real one (NoSuchKey, NoSuchBucket, AccessDenied, pagination)
// and an outage or a cut link reaches the caller as Unavailable.
import { describe, expect, it } from 'vitest';
import { isObjectStoreError, listAll } from '../../../../engine/runtime/object-store.js';
import { nullTraceSink } from '../../../../engine/runtime/trace-sink.js';
import { SimTime } from '../../../../sim/kernel/sim-time.js';
import { Network } from '../../../../sim/network/network.js';
import { S3Endpoint } from '../../../../sim/s3/s3-server.js';
import { s3NodeId, SimObjectStore } from '../../../../sim/s3/sim-object-store.js';

function world() {
  const time = new SimTime(0);
  const net = new Network(time, nullTraceSink);
  const ep = new S3Endpoint('http://minio-dr1:9000');
  ep.createBucket('bucket');
  const creds = { accessKeyId: 'minio', secretAccessKey: 'minio123' };
  ep.addCredentials(creds);
  const store = (bucket = 'bucket', c = creds) => new SimObjectStore(ep, bucket, c, net, 'dr1', nullTraceSink);
  // Each call resolves only when the event loop runs; this helper runs it to completion.
  const settle = async <T>(p: Promise<T>): Promise<T> => {
    const out = p.then((v) => ({ ok: true as const, v }), (e: unknown) => ({ ok: false as const, e }));
    await time.run({ untilMs: time.nowMs() + 1000 });
    const r = await out;
    if (r.ok) return r.v;
    throw r.e;
  };
  return { time, net, ep, store, settle };
}

describe('SimObjectStore', () => {
  it('puts, gets and pages through keys in order', async () => {
    const w = world();
    const s = w.store();
    for (let i = 0; i < 2500; i++) await w.settle(s.put(`p/${String(i).padStart(4, '0')}`, new Uint8Array([i % 256])));
    const first = await w.settle(s.list('p/'));
    expect(first.keys.length).toBe(1000);
    expect(first.nextContinuationToken).toBeDefined();
    const all = await w.settle(listAll(s, 'p/'));
    expect(all.length).toBe(2500);
    expect(all[0]).toBe('p/0000');
    expect((await w.settle(s.get('p/0003')))[0]).toBe(3);
  });

  it('reports NoSuchKey, NoSuchBucket and AccessDenied', async () => {
    const w = world();
    await expect(w.settle(w.store().get('missing'))).rejects.toSatisfy((e: unknown) => isObjectStoreError(e, 'NoSuchKey'));
    await expect(w.settle(w.store('nobucket').headBucket())).rejects.toSatisfy((e: unknown) => isObjectStoreError(e, 'NoSuchBucket'));
    await expect(w.settle(w.store('bucket', { accessKeyId: 'minio', secretAccessKey: 'wrong' }).headBucket())).rejects.toSatisfy((e: unknown) =>
      isObjectStoreError(e, 'AccessDenied'),
    );
  });

  it('is Unavailable during an outage and across a cut link', async () => {
    const w = world();
    w.ep.up = false;
    await expect(w.settle(w.store().headBucket())).rejects.toSatisfy((e: unknown) => isObjectStoreError(e, 'Unavailable'));
    w.ep.up = true;
    w.net.cut('dr1', s3NodeId(w.ep.url));
    await expect(w.settle(w.store().headBucket())).rejects.toSatisfy((e: unknown) => isObjectStoreError(e, 'Unavailable'));
    w.net.heal('dr1', s3NodeId(w.ep.url));
    await expect(w.settle(w.store().headBucket())).resolves.toBeUndefined();
  });
});
