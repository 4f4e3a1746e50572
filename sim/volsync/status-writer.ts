// Writes an object's status through the status subresource from a fresh read, retrying on
// conflict, and skips the write when nothing changed (so no watch event wakes anyone for nothing).

import type { KindRef, KubeObject, ObjectKey } from '../../engine/api/meta.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { isConflict, isNotFound } from '../../engine/runtime/errors.js';
import { canonicalJson } from '../trace/canonical-json.js';

const ATTEMPTS = 5;

/**
 * Re-reads the object and stores `mutate(obj)` as its status. `mutate` returns undefined to write
 * nothing. Returns the stored object, or undefined when the object is gone or nothing was written.
 */
export async function writeStatus<T extends KubeObject>(client: ClusterClient, kind: KindRef, key: ObjectKey, mutate: (obj: T) => T['status'] | undefined): Promise<T | undefined> {
  for (let attempt = 0; ; attempt++) {
    let obj: T;
    try {
      obj = await client.get<T>(kind, key);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    const next = mutate(obj);
    if (next === undefined || canonicalJson(next) === canonicalJson(obj.status ?? null)) return undefined;
    try {
      return await client.updateStatus({ ...obj, status: next });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      if (!isConflict(err) || attempt + 1 >= ATTEMPTS) throw err;
    }
  }
}
