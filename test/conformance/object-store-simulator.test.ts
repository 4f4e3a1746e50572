// Goal: the simulator's S3 store passes the shared ObjectStore semantics suite (the one MinIO passes).

import { nullTraceSink } from '../../engine/runtime/trace-sink.js';
import { SimTime } from '../../sim/kernel/sim-time.js';
import { Network } from '../../sim/network/network.js';
import { S3Endpoint } from '../../sim/s3/s3-server.js';
import { SimObjectStore } from '../../sim/s3/sim-object-store.js';
import { describeObjectStore } from './object-store-semantics.js';

describeObjectStore('simulator (SimObjectStore)', async () => {
  const time = new SimTime();
  const net = new Network(time, nullTraceSink);
  const ep = new S3Endpoint('http://minio:9000');
  ep.createBucket('bucket');
  const creds = { accessKeyId: 'minio', secretAccessKey: 'sim-secret-key-123' };
  ep.addCredentials(creds);
  return {
    open: (o = {}) => new SimObjectStore(ep, o.bucket ?? 'bucket', o.credentials ?? creds, net, 'dr1', nullTraceSink),
    async settle<T>(p: Promise<T>): Promise<T> {
      const out = p.then((v) => ({ ok: true as const, v }), (e: unknown) => ({ ok: false as const, e }));
      await time.run({ untilMs: time.nowMs() + 60_000 });
      const r = await out;
      if (r.ok) return r.v;
      throw r.e;
    },
    secretKey: creds.secretAccessKey,
    outage: {
      down: async () => void (ep.up = false),
      up: async () => void (ep.up = true),
    },
  };
});
