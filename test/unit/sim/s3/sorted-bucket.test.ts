// Goal: a bucket that finds a prefix's keys by binary search lists exactly what a scan of every key
// would, page by page. Method: random puts and deletes over a small alphabet (so prefixes, tokens and
// keys collide often), each followed by lists with random prefixes, continuation tokens and page
// sizes, compared with a brute-force filter-and-sort over a plain Map (the listing this replaced).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ListPage } from '../../../../engine/runtime/object-store.js';
import { S3Endpoint } from '../../../../sim/s3/s3-server.js';
import { SortedBucket } from '../../../../sim/s3/sorted-bucket.js';

function bruteForcePage(keys: Iterable<string>, prefix: string, token: string | undefined, maxKeys: number): ListPage {
  const all = [...keys].filter((k) => k.startsWith(prefix) && (token === undefined || k > token)).sort();
  const page = all.slice(0, maxKeys);
  return all.length > maxKeys ? { keys: page, nextContinuationToken: page[page.length - 1]! } : { keys: page };
}

// Includes a character above the BMP (two UTF-16 units) and one just below it, where code-unit and
// code-point orders disagree: S3 order here is JavaScript's code-unit order.
const key = fc.string({ unit: fc.constantFrom('a', 'b', '/', 'z', '\uffff', '\u{1f600}'), maxLength: 5 });

type Op = { put: string } | { del: string } | { list: { prefix: string; token: string | undefined; maxKeys: number } };

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: key.map((k) => ({ put: k })), weight: 4 },
  { arbitrary: key.map((k) => ({ del: k })), weight: 2 },
  {
    arbitrary: fc.record({ prefix: key, token: fc.option(key, { nil: undefined }), maxKeys: fc.oneof(fc.integer({ min: -3, max: 8 }), fc.constantFrom(1000, Number.NaN, 2.5)) }).map((list) => ({ list })),
    weight: 3,
  },
);

describe('SortedBucket', () => {
  it('lists every page as a scan of all keys would, through puts and deletes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const bucket = new SortedBucket();
        const reference = new Map<string, Uint8Array>();
        for (const o of ops) {
          if ('put' in o) {
            bucket.set(o.put, new Uint8Array([1]));
            reference.set(o.put, new Uint8Array([1]));
          } else if ('del' in o) {
            expect(bucket.delete(o.del)).toBe(reference.delete(o.del));
          } else {
            const { prefix, token, maxKeys } = o.list;
            expect(bucket.listPage(prefix, token, maxKeys)).toStrictEqual(bruteForcePage(reference.keys(), prefix, token, maxKeys));
            expect(bucket.keys(prefix)).toEqual([...reference.keys()].filter((k) => k.startsWith(prefix)).sort());
          }
          expect(bucket.size).toBe(reference.size);
        }
      }),
      { seed: 20261126, numRuns: 400 },
    );
  });

  it('pages through a prefix with continuation tokens, every key once and in order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 60 }), key, fc.integer({ min: 1, max: 7 }), (keys, prefix, maxKeys) => {
        const bucket = new SortedBucket();
        for (const k of keys) bucket.set(k, new Uint8Array());
        const seen: string[] = [];
        let token: string | undefined;
        let pages = 0;
        do {
          // A token that does not move the listing forward would page forever; fail instead.
          expect(++pages).toBeLessThanOrEqual(keys.length + 1);
          const page = bucket.listPage(prefix, token, maxKeys);
          expect(page.keys.length).toBeLessThanOrEqual(maxKeys);
          seen.push(...page.keys);
          token = page.nextContinuationToken;
        } while (token !== undefined);
        expect(seen).toEqual(keys.filter((k) => k.startsWith(prefix)).sort());
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('overwrites a key without listing it twice', () => {
    const bucket = new SortedBucket();
    bucket.set('p/a', new Uint8Array([1]));
    bucket.set('p/a', new Uint8Array([2]));
    expect(bucket.listPage('p/', undefined, 10)).toEqual({ keys: ['p/a'] });
    expect(bucket.get('p/a')).toEqual(new Uint8Array([2]));
  });
});

describe('S3Endpoint.keys', () => {
  it("is an observer's sorted view of one prefix, empty for a missing bucket", () => {
    const ep = new S3Endpoint('http://minio:9000');
    ep.createBucket('b');
    ep.addCredentials({ accessKeyId: 'k', secretAccessKey: 's' });
    const bucket = ep.authorize({ accessKeyId: 'k', secretAccessKey: 's' }, 'b');
    for (const k of ['ns/app/2', 'ns/app/1', 'ns/other/1', 'ns/app']) bucket.set(k, new Uint8Array());
    expect(ep.keys('b', 'ns/app/')).toEqual(['ns/app/1', 'ns/app/2']);
    expect(ep.keys('b')).toEqual(['ns/app', 'ns/app/1', 'ns/app/2', 'ns/other/1']);
    expect(ep.keys('missing')).toEqual([]);
  });
});
