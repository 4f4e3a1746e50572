// Ramen's ObjectStorer operations over the ObjectStore port: typed upload, download and listing with
// Ramen's error texts, so conditions that carry S3 errors read as they would against real S3.

import { deleteByPrefix, isObjectStoreError, listAll } from '../../runtime/object-store.js';
import type { ObjectStore } from '../../runtime/object-store.js';
import { errorMessage } from './instance.js';
import { decodeObject, encodeObject } from './s3-layout.js';

function awsError(prefix: string, err: unknown): Error {
  if (isObjectStoreError(err)) return new Error(`${prefix}: code: ${err.code}, message: ${err.message}`);
  return new Error(`${prefix}, ${errorMessage(err)}`);
}

export async function uploadObject(store: ObjectStore, key: string, value: unknown): Promise<void> {
  try {
    await store.put(key, encodeObject(value));
  } catch (err) {
    throw awsError(`failed to upload data of ${store.description}:${key}`, err);
  }
}

export async function downloadObject<T>(store: ObjectStore, key: string): Promise<T> {
  let body: Uint8Array;
  try {
    body = await store.get(key);
  } catch (err) {
    throw awsError(`failed to download data of ${store.description}:${key}`, err);
  }
  return decodeObject<T>(body, `${store.description}:${key}`);
}

/** Every object under `prefix` (a type prefix ending in `/`); any failure fails the whole list. */
export async function downloadTypedObjects<T>(store: ObjectStore, prefix: string): Promise<T[]> {
  let keys: string[];
  try {
    keys = await listAll(store, prefix);
  } catch (err) {
    throw new Error(`unable to ListKeys of type keyPrefix ${prefix}, ${awsError('failed to list objects in bucket', err).message}`);
  }
  const out: T[] = [];
  for (const key of keys) {
    try {
      out.push(await downloadObject<T>(store, key));
    } catch (err) {
      throw new Error(`unable to DownloadObject of key ${key}, ${errorMessage(err)}`);
    }
  }
  return out;
}

export async function deleteObjects(store: ObjectStore, keys: string[]): Promise<void> {
  try {
    await store.deleteMany(keys);
  } catch (err) {
    throw awsError(`failed to delete objects ${keys.join(' ')}`, err);
  }
}

export async function deleteObjectsWithKeyPrefix(store: ObjectStore, prefix: string): Promise<void> {
  try {
    await deleteByPrefix(store, prefix);
  } catch (err) {
    throw new Error(`unable to DeleteObjects in bucket ${store.description} with key prefix ${prefix}, ${errorMessage(err)}`);
  }
}
