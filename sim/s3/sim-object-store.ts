// The ObjectStore port over a simulated endpoint, reached from a named node through the network: a
// cut link or a down endpoint answers Unavailable, after the latency a real client would wait.

import type { ListPage, ObjectStore } from '../../engine/runtime/object-store.js';
import { ObjectStoreError } from '../../engine/runtime/object-store.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { Network, NodeId } from '../network/network.js';
import type { S3Credentials, S3Endpoint } from './s3-server.js';
import type { SortedBucket } from './sorted-bucket.js';

export const S3_LIST_MAX_KEYS = 1000;

export function s3NodeId(endpointUrl: string): NodeId {
  return `s3:${endpointUrl}`;
}

export class SimObjectStore implements ObjectStore {
  readonly description: string;

  constructor(
    private readonly endpoint: S3Endpoint,
    private readonly bucket: string,
    private readonly credentials: S3Credentials,
    private readonly network: Network,
    private readonly caller: NodeId,
    private readonly trace: TraceSink,
  ) {
    this.description = `${endpoint.url}/${bucket}`;
  }

  private call<T>(op: string, key: string, fn: (bucket: SortedBucket) => T): Promise<T> {
    const unreachable = (): Error => new ObjectStoreError('Unavailable', `${this.endpoint.url}: unreachable from ${this.caller}`);
    return this.network
      .request(this.caller, s3NodeId(this.endpoint.url), `s3.${op}`, () => fn(this.endpoint.authorize(this.credentials, this.bucket)), unreachable)
      .then(
        (v) => {
          if (op !== 'get' && op !== 'list' && op !== 'head') this.trace.emit({ type: 's3.' + op, caller: this.caller, endpoint: this.endpoint.url, bucket: this.bucket, key });
          return v;
        },
        (err: unknown) => {
          this.trace.emit({ type: 's3.error', op, caller: this.caller, endpoint: this.endpoint.url, bucket: this.bucket, key, code: err instanceof ObjectStoreError ? err.code : 'Error' });
          throw err;
        },
      );
  }

  headBucket(): Promise<void> {
    return this.call('head', '', () => undefined);
  }

  put(key: string, body: Uint8Array): Promise<void> {
    const copy = new Uint8Array(body);
    return this.call('put', key, (b) => void b.set(key, copy));
  }

  get(key: string): Promise<Uint8Array> {
    return this.call('get', key, (b) => {
      const v = b.get(key);
      if (!v) throw new ObjectStoreError('NoSuchKey', `${this.description}: no such key ${key}`);
      return new Uint8Array(v);
    });
  }

  list(prefix: string, options: { continuationToken?: string; maxKeys?: number } = {}): Promise<ListPage> {
    return this.call('list', prefix, (b) => b.listPage(prefix, options.continuationToken, Math.min(options.maxKeys ?? S3_LIST_MAX_KEYS, S3_LIST_MAX_KEYS)));
  }

  delete(key: string): Promise<void> {
    return this.call('delete', key, (b) => void b.delete(key));
  }

  deleteMany(keys: string[]): Promise<void> {
    return this.call('deleteMany', keys.join(','), (b) => {
      for (const k of keys) b.delete(k);
    });
  }
}
