// Opens simulated S3 stores from RamenConfig profiles, the way an S3 client would: the endpoint URL
// names the server, the bucket and credentials come from the profile and its secret. An endpoint the
// world does not have behaves like a host name that does not resolve: every call is Unavailable.

import type { ListPage, ObjectStore, ObjectStoreFactory, S3Credentials, S3Profile } from '../../engine/runtime/object-store.js';
import { ObjectStoreError } from '../../engine/runtime/object-store.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { Network } from '../network/network.js';
import type { S3Endpoint } from './s3-server.js';
import { SimObjectStore } from './sim-object-store.js';

class UnresolvableStore implements ObjectStore {
  readonly description: string;
  constructor(private readonly url: string, bucket: string) {
    this.description = `${url}/${bucket}`;
  }
  private fail(): Promise<never> {
    return Promise.reject(new ObjectStoreError('Unavailable', `dial tcp: lookup ${this.url}: no such host`));
  }
  headBucket(): Promise<void> {
    return this.fail();
  }
  put(): Promise<void> {
    return this.fail();
  }
  get(): Promise<Uint8Array> {
    return this.fail();
  }
  list(): Promise<ListPage> {
    return this.fail();
  }
  delete(): Promise<void> {
    return this.fail();
  }
  deleteMany(): Promise<void> {
    return this.fail();
  }
}

export class SimObjectStoreFactory implements ObjectStoreFactory {
  constructor(
    private readonly endpoints: ReadonlyMap<string, S3Endpoint>,
    private readonly network: Network,
    private readonly trace: TraceSink,
  ) {}

  open(profile: S3Profile, credentials: S3Credentials, caller: string): ObjectStore {
    const url = profile.s3CompatibleEndpoint.replace(/\/+$/, '');
    const ep = this.endpoints.get(url);
    if (!ep) return new UnresolvableStore(url, profile.s3Bucket);
    return new SimObjectStore(ep, profile.s3Bucket, credentials, this.network, caller, this.trace);
  }
}
