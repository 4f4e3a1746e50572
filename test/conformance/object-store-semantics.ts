// One suite of S3 semantics for the ObjectStore port, run against the simulator's store (always) and
// against MinIO through the AWS SDK adapter (when MinIO is built): what Ramen relies on, so the
// simulated S3 cannot drift from a real one unnoticed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, isObjectStoreError, listAll, type ObjectStore, type ObjectStoreErrorCode, type S3Credentials } from '../../engine/runtime/object-store.js';

export interface ObjectStoreTarget {
  /** A store on `bucket` (the suite's bucket by default) with the given credentials (the right ones by default). */
  open(options?: { bucket?: string; credentials?: S3Credentials }): ObjectStore;
  /** Runs one call to completion (the simulator's calls need its event loop to run). */
  settle<T>(p: Promise<T>): Promise<T>;
  secretKey: string;
  outage?: { down(): Promise<void>; up(): Promise<void> };
  teardown?(): Promise<void>;
}

async function failure(t: ObjectStoreTarget, p: Promise<unknown>): Promise<ObjectStoreErrorCode> {
  try {
    await t.settle(p);
  } catch (err) {
    if (isObjectStoreError(err)) return err.code;
    throw err;
  }
  throw new Error('expected an ObjectStoreError, but the call succeeded');
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

export function describeObjectStore(backend: string, setup: () => Promise<ObjectStoreTarget>): void {
  describe(`ObjectStore semantics: ${backend}`, () => {
    let t: ObjectStoreTarget;
    let s: ObjectStore;
    let prefixCounter = 0;
    const fresh = (): string => `conf-${++prefixCounter}/`;

    beforeAll(async () => {
      t = await setup();
      s = t.open();
    });

    afterAll(async () => {
      await t?.teardown?.();
    });

    it('puts and gets bytes exactly, overwrites, and keeps empty objects', async () => {
      const p = fresh();
      const binary = new Uint8Array(256).map((_, i) => i);
      await t.settle(s.headBucket());
      await t.settle(s.put(`${p}bin`, binary));
      expect([...(await t.settle(s.get(`${p}bin`)))]).toEqual([...binary]);
      await t.settle(s.put(`${p}bin`, bytes('second')));
      expect(new TextDecoder().decode(await t.settle(s.get(`${p}bin`)))).toBe('second');
      await t.settle(s.put(`${p}empty`, new Uint8Array()));
      expect((await t.settle(s.get(`${p}empty`))).length).toBe(0);
    });

    it('answers NoSuchKey for a missing key; deleting one is not an error', async () => {
      const p = fresh();
      expect(await failure(t, s.get(`${p}missing`))).toBe('NoSuchKey');
      await t.settle(s.delete(`${p}missing`));
      await t.settle(s.put(`${p}k`, bytes('v')));
      await t.settle(s.delete(`${p}k`));
      expect(await failure(t, s.get(`${p}k`))).toBe('NoSuchKey');
    });

    it('lists keys under a prefix in lexicographic order, paging with continuation tokens', async () => {
      const p = fresh();
      const keys = Array.from({ length: 25 }, (_, i) => `${p}obj-${String(i).padStart(2, '0')}`);
      for (const k of [...keys].reverse()) await t.settle(s.put(k, bytes(k)));
      await t.settle(s.put(`${p.slice(0, -1)}-sibling/x`, bytes('not under the prefix')));
      const first = await t.settle(s.list(p, { maxKeys: 10 }));
      expect(first.keys).toEqual(keys.slice(0, 10));
      expect(first.nextContinuationToken).toBeDefined();
      const second = await t.settle(s.list(p, { maxKeys: 10, continuationToken: first.nextContinuationToken! }));
      expect(second.keys).toEqual(keys.slice(10, 20));
      const third = await t.settle(s.list(p, { maxKeys: 10, continuationToken: second.nextContinuationToken! }));
      expect(third).toEqual({ keys: keys.slice(20) });
      expect(await t.settle(listAll(s, p))).toEqual(keys);
      expect(await t.settle(listAll(s, `${p}obj-1`))).toEqual(keys.slice(10, 20));
      expect(await t.settle(s.list(`${p}nothing/`))).toEqual({ keys: [] });
    });

    it('caps a page at 1000 keys and deletes many keys at once', async () => {
      const p = fresh();
      const keys = Array.from({ length: 1003 }, (_, i) => `${p}${String(i).padStart(4, '0')}`);
      for (let i = 0; i < keys.length; i += 50) await t.settle(Promise.all(keys.slice(i, i + 50).map((k) => s.put(k, bytes('x')))));
      const page = await t.settle(s.list(p, { maxKeys: 5000 }));
      expect(page.keys.length).toBe(1000);
      expect(page.nextContinuationToken).toBeDefined();
      await t.settle(s.deleteMany(keys.slice(0, 3)));
      expect((await t.settle(listAll(s, p))).length).toBe(1000);
      expect(await t.settle(deleteByPrefix(s, p))).toBe(1000);
      expect(await t.settle(listAll(s, p))).toEqual([]);
      await t.settle(s.deleteMany([]));
    }, 120_000);

    it('answers NoSuchBucket for a missing bucket and AccessDenied for a wrong secret', async () => {
      const missing = t.open({ bucket: 'no-such-bucket-here' });
      expect(await failure(t, missing.headBucket())).toBe('NoSuchBucket');
      expect(await failure(t, missing.put('k', bytes('v')))).toBe('NoSuchBucket');
      expect(await failure(t, missing.get('k'))).toBe('NoSuchBucket');
      expect(await failure(t, missing.list(''))).toBe('NoSuchBucket');
      const wrong = t.open({ credentials: { accessKeyId: 'nobody', secretAccessKey: 'wrong-secret' } });
      expect(await failure(t, wrong.get('k'))).toBe('AccessDenied');
      expect(await failure(t, wrong.headBucket())).toBe('AccessDenied');
    });

    it('never shows the secret key in a description or an error', async () => {
      expect(s.description).not.toContain(t.secretKey);
      const p = fresh();
      try {
        await t.settle(s.get(`${p}missing`));
      } catch (err) {
        expect(String(err)).not.toContain(t.secretKey);
        expect(JSON.stringify(err)).not.toContain(t.secretKey);
      }
    });

    it('answers Unavailable while the server is down', async () => {
      if (!t.outage) return;
      const p = fresh();
      await t.settle(s.put(`${p}k`, bytes('v')));
      await t.outage.down();
      try {
        expect(await failure(t, s.get(`${p}k`))).toBe('Unavailable');
        expect(await failure(t, s.list(p))).toBe('Unavailable');
      } finally {
        await t.outage.up();
      }
      expect(new TextDecoder().decode(await t.settle(s.get(`${p}k`)))).toBe('v');
    }, 60_000);
  });
}
