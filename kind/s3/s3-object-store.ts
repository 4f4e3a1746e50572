// The ObjectStore port over @aws-sdk/client-s3, for MinIO or any S3 server. Path-style addressing
// and checksums only when required: non-AWS servers reject or corrupt the SDK's default streamed
// checksums (see shared/notes/dependencies.md).

import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { ListPage, ObjectStore, ObjectStoreFactory, S3Credentials, S3Profile } from '../../engine/runtime/object-store.js';
import { ObjectStoreError } from '../../engine/runtime/object-store.js';
import { toStoreError } from './s3-errors.js';

export interface S3StoreOptions {
  endpoint: string;
  region: string;
  bucket: string;
  credentials: S3Credentials;
  /** SDK attempts per call, default 2: a store that is down should surface fast, reconcilers requeue. */
  maxAttempts?: number;
  /** Per-request timeout in ms, default 30 s; connections time out after 5 s. */
  requestTimeoutMs?: number;
}

/** S3 caps a listing page at 1000 keys, as the simulator does. */
const MAX_KEYS = 1000;

export function makeS3Client(o: Omit<S3StoreOptions, 'bucket'>): S3Client {
  // The SDK is pinned; its multi-line notice that future releases need Node 22 would land in every
  // CLI run and test log. A user who sets the variable keeps their choice.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new S3Client({
    endpoint: o.endpoint,
    region: o.region || 'us-east-1',
    credentials: { accessKeyId: o.credentials.accessKeyId, secretAccessKey: o.credentials.secretAccessKey },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: o.maxAttempts ?? 2,
    requestHandler: { requestTimeout: o.requestTimeoutMs ?? 30_000, connectionTimeout: 5_000 },
  });
}

export class S3ObjectStore implements ObjectStore {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.description = `${options.endpoint.replace(/\/+$/, '')}/${options.bucket}`;
    this.client = makeS3Client(options);
  }

  async headBucket(): Promise<void> {
    await this.run(`${this.description}`, 'NoSuchBucket', () => this.client.send(new HeadBucketCommand({ Bucket: this.bucket })));
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    await this.run(this.where(key), 'NoSuchBucket', () => this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body })));
  }

  async get(key: string): Promise<Uint8Array> {
    return this.run(this.where(key), 'NoSuchKey', async () => {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!out.Body) return new Uint8Array();
      return new Uint8Array(await out.Body.transformToByteArray());
    });
  }

  async list(prefix: string, options: { continuationToken?: string; maxKeys?: number } = {}): Promise<ListPage> {
    return this.run(`${this.description} list ${prefix}`, 'NoSuchBucket', async () => {
      const out = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          MaxKeys: Math.min(options.maxKeys ?? MAX_KEYS, MAX_KEYS),
          ...(options.continuationToken ? { ContinuationToken: options.continuationToken } : {}),
        }),
      );
      const keys = (out.Contents ?? []).map((o) => o.Key ?? '').filter((k) => k !== '');
      return out.IsTruncated && out.NextContinuationToken ? { keys, nextContinuationToken: out.NextContinuationToken } : { keys };
    });
  }

  async delete(key: string): Promise<void> {
    await this.run(this.where(key), 'NoSuchBucket', () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }

  async deleteMany(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.run(`${this.description} delete ${keys.length} keys`, 'NoSuchBucket', async () => {
      const out = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
      );
      const failed = out.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0]!;
        const code = first.Code === 'AccessDenied' ? 'AccessDenied' : first.Code === 'NoSuchBucket' ? 'NoSuchBucket' : 'Unavailable';
        throw new ObjectStoreError(code, `${this.description}: ${failed.length} of ${keys.length} deletes failed (${first.Code ?? 'error'} on ${first.Key ?? '?'})`);
      }
    });
  }

  /** Releases the SDK's sockets. */
  destroy(): void {
    this.client.destroy();
  }

  private where(key: string): string {
    return `${this.description}/${key}`;
  }

  private async run<T>(where: string, notFound: 'NoSuchKey' | 'NoSuchBucket', work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof ObjectStoreError) throw err;
      throw toStoreError(err, where, notFound);
    }
  }
}

/** Opens stores from RamenConfig s3StoreProfiles and the keys of their Secret. */
export class S3ObjectStoreFactory implements ObjectStoreFactory {
  constructor(private readonly defaults: Pick<S3StoreOptions, 'maxAttempts' | 'requestTimeoutMs'> = {}) {}

  open(profile: S3Profile, credentials: S3Credentials, _caller: string): ObjectStore {
    return new S3ObjectStore({
      endpoint: profile.s3CompatibleEndpoint,
      region: profile.s3Region,
      bucket: profile.s3Bucket,
      credentials,
      ...this.defaults,
    });
  }
}
