// Bucket set-up for a fresh S3 server (MinIO started by kind/control-plane): Ramen expects its
// profile's bucket to exist.

import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { makeS3Client, type S3StoreOptions } from './s3-object-store.js';
import { toStoreError } from './s3-errors.js';

export async function ensureBucket(o: Omit<S3StoreOptions, 'maxAttempts'>): Promise<void> {
  const client = makeS3Client({ ...o, maxAttempts: 1 });
  try {
    await client.send(new CreateBucketCommand({ Bucket: o.bucket }));
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw toStoreError(err, `${o.endpoint}/${o.bucket}`, 'NoSuchBucket');
  } finally {
    client.destroy();
  }
}
