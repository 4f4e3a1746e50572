// In-memory S3 endpoints. Each endpoint holds buckets of objects and can be taken down (an outage)
// or given latency; callers reach it through the network model, so a cut link looks like an outage
// to the caller only.

import { ObjectStoreError } from '../../engine/runtime/object-store.js';
import { SortedBucket } from './sorted-bucket.js';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export class S3Endpoint {
  private readonly buckets = new Map<string, SortedBucket>();
  private readonly credentials = new Map<string, string>();
  up = true;

  constructor(readonly url: string) {}

  createBucket(name: string): void {
    if (!this.buckets.has(name)) this.buckets.set(name, new SortedBucket());
  }

  addCredentials(c: S3Credentials): void {
    this.credentials.set(c.accessKeyId, c.secretAccessKey);
  }

  /** Checks access for one call; throws exactly what a real server answers. */
  authorize(c: S3Credentials, bucket: string): SortedBucket {
    if (!this.up) throw new ObjectStoreError('Unavailable', `${this.url}: connection refused`);
    if (this.credentials.get(c.accessKeyId) !== c.secretAccessKey) throw new ObjectStoreError('AccessDenied', `${this.url}: access denied for key ${c.accessKeyId}`);
    const b = this.buckets.get(bucket);
    if (!b) throw new ObjectStoreError('NoSuchBucket', `${this.url}: bucket ${bucket} does not exist`);
    return b;
  }

  /** Keys in one bucket, sorted, for snapshots and invariants (no access checks: an observer's view). */
  keys(bucket: string, prefix = ''): string[] {
    return this.buckets.get(bucket)?.keys(prefix) ?? [];
  }

  peek(bucket: string, key: string): Uint8Array | undefined {
    return this.buckets.get(bucket)?.get(key);
  }

  bucketNames(): string[] {
    return [...this.buckets.keys()].sort();
  }
}
