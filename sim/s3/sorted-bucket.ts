// One bucket's objects with its keys kept in sorted order, so that a list by prefix finds its range
// by binary search instead of reading every key of the bucket: each VRG lists its own prefix, and a
// scan per list made a run quadratic in the number of apps. Overwrites leave the order alone; only a
// new key or a removed one moves the array.

import type { ListPage } from '../../engine/runtime/object-store.js';

/** The first index in `sorted[from..]` at which `below` is false (`below` is true, then false, along the array). */
function partition(sorted: readonly string[], below: (key: string) => boolean, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (below(sorted[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SortedBucket {
  private readonly objects = new Map<string, Uint8Array>();
  /** Every key of `objects`, ordered as JavaScript compares strings (UTF-16 code units), as S3 lists. */
  private readonly sorted: string[] = [];

  get size(): number {
    return this.objects.size;
  }

  get(key: string): Uint8Array | undefined {
    return this.objects.get(key);
  }

  has(key: string): boolean {
    return this.objects.has(key);
  }

  set(key: string, body: Uint8Array): this {
    if (!this.objects.has(key)) this.sorted.splice(partition(this.sorted, (k) => k < key), 0, key);
    this.objects.set(key, body);
    return this;
  }

  delete(key: string): boolean {
    if (!this.objects.delete(key)) return false;
    this.sorted.splice(partition(this.sorted, (k) => k < key), 1);
    return true;
  }

  /** The keys under `prefix`, in order. */
  keys(prefix = ''): string[] {
    const [start, end] = this.range(prefix);
    return this.sorted.slice(start, end);
  }

  /** Lists lexicographically after the continuation token, as ListObjectsV2 does. */
  listPage(prefix: string, continuationToken: string | undefined, maxKeys: number): ListPage {
    const [first, end] = this.range(prefix);
    const start = continuationToken === undefined ? first : Math.max(first, partition(this.sorted, (k) => k <= continuationToken));
    const remaining = Math.max(0, end - start);
    // A count that is not a whole number of keys keeps Array.slice's meaning (a negative one counts
    // from the end), as the scan this replaced did.
    const keys = Number.isInteger(maxKeys) && maxKeys >= 0 ? this.sorted.slice(start, Math.min(end, start + maxKeys)) : this.sorted.slice(start, end).slice(0, maxKeys);
    return remaining > maxKeys ? { keys, nextContinuationToken: keys[keys.length - 1]! } : { keys };
  }

  /** Keys sharing a prefix are contiguous in sorted order: they start at the first key not below it. */
  private range(prefix: string): [number, number] {
    const start = partition(this.sorted, (k) => k < prefix);
    if (prefix === '') return [start, this.sorted.length];
    return [start, partition(this.sorted, (k) => k.startsWith(prefix), start)];
  }
}
