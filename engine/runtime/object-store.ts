// The object-store (S3) port with what Ramen uses. The simulator backs it with in-memory buckets; the
// real backend with the AWS SDK against MinIO or another S3 server.

export type ObjectStoreErrorCode = 'NoSuchKey' | 'NoSuchBucket' | 'AccessDenied' | 'Unavailable';

export class ObjectStoreError extends Error {
  readonly code: ObjectStoreErrorCode;
  constructor(code: ObjectStoreErrorCode, message: string) {
    super(message);
    this.name = 'ObjectStoreError';
    this.code = code;
  }
}

export function isObjectStoreError(err: unknown, code?: ObjectStoreErrorCode): err is ObjectStoreError {
  return err instanceof ObjectStoreError && (code === undefined || err.code === code);
}

export interface ListPage {
  keys: string[];
  /** Present when more keys follow; pass it back as `continuationToken`. */
  nextContinuationToken?: string;
}

export interface ObjectStore {
  /** The endpoint and bucket, for traces; never credentials. */
  readonly description: string;
  headBucket(): Promise<void>;
  put(key: string, body: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  list(prefix: string, options?: { continuationToken?: string; maxKeys?: number }): Promise<ListPage>;
  delete(key: string): Promise<void>;
  deleteMany(keys: string[]): Promise<void>;
}

/** Lists every key under a prefix, following continuation tokens. */
export async function listAll(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await store.list(prefix, token === undefined ? {} : { continuationToken: token });
    keys.push(...page.keys);
    token = page.nextContinuationToken;
  } while (token !== undefined);
  return keys;
}

export async function deleteByPrefix(store: ObjectStore, prefix: string): Promise<number> {
  const keys = await listAll(store, prefix);
  for (let i = 0; i < keys.length; i += 1000) await store.deleteMany(keys.slice(i, i + 1000));
  return keys.length;
}

/** S3 connection settings from a RamenConfig s3StoreProfile plus its secret. */
export interface S3Profile {
  s3ProfileName: string;
  s3Bucket: string;
  s3CompatibleEndpoint: string;
  s3Region: string;
  s3SecretRef: { name: string; namespace?: string };
  veleroNamespaceSecretKeyRef?: { name: string; key: string };
  caCertificates?: string;
}

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Builds stores from profiles; the simulator's factory routes through the network model. */
export interface ObjectStoreFactory {
  open(profile: S3Profile, credentials: S3Credentials, caller: string): ObjectStore;
}
