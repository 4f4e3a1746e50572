// Goal: MinIO, through the @aws-sdk/client-s3 ObjectStore adapter, passes the same ObjectStore
// semantics suite as the simulator's store. Skipped, with one visible line, when MinIO is not built.

import { rmSync } from 'node:fs';
import { describe, it } from 'vitest';
import { MinioServer } from '../../kind/control-plane/minio.js';
import { S3ObjectStore } from '../../kind/s3/s3-object-store.js';
import { describeObjectStore } from './object-store-semantics.js';
import { announceSkip, runRoot, skipReason } from './real-backend.js';

const reason = skipReason(['minio']);

if (reason) {
  announceSkip('ObjectStore semantics on MinIO', reason);
  describe('ObjectStore semantics: MinIO', () => {
    it.skip(`skipped: ${reason}`, () => undefined);
  });
} else {
  describeObjectStore('MinIO via the AWS SDK', async () => {
    const root = runRoot('minio');
    const minio = await MinioServer.prepare(root, ['bucket']);
    await minio.start();
    const creds = minio.credentials();
    const stores: S3ObjectStore[] = [];
    return {
      open: (o = {}) => {
        const store = new S3ObjectStore({ endpoint: minio.state.endpoint, region: minio.state.region, bucket: o.bucket ?? 'bucket', credentials: o.credentials ?? creds, maxAttempts: 1 });
        stores.push(store);
        return store;
      },
      settle: (p) => p,
      secretKey: creds.secretAccessKey,
      outage: {
        down: () => minio.stop(),
        up: () => minio.start(),
      },
      teardown: async () => {
        for (const s of stores) s.destroy();
        await minio.stop();
        rmSync(root, { recursive: true, force: true });
      },
    };
  });
}
