// Goal: the compact data model (runs of ids over write tables) answers every question exactly as the
// object-per-write model did, including in the odd cases: an image fed writes of two PVCs, an id
// reused with different fields, gaps, resyncs and destroyed images.
// Method: fast-check (seeded) drives random operations against both; the object model is written
// out below from its old definition (a list of WriteRecord objects per image) and is the oracle.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageKey, VolumeDataModel, type DiscardReason, type ImageKey, type WriteRecord } from '../../../../sim/storage/volume-data.js';

/** The previous model, one object per write, kept here as the oracle. */
class ObjectModel {
  readonly images = new Map<ImageKey, { storageId: string; volumeHandle: string; log: WriteRecord[] }>();
  readonly discardLog: { image: ImageKey; atMs: number; reason: DiscardReason; writes: WriteRecord[] }[] = [];

  ensureImage(storageId: string, volumeHandle: string): ImageKey {
    const key = imageKey(storageId, volumeHandle);
    if (!this.images.has(key)) this.images.set(key, { storageId, volumeHandle, log: [] });
    return key;
  }
  log(key: ImageKey): WriteRecord[] {
    return this.images.get(key)?.log ?? [];
  }
  append(key: ImageKey, write: WriteRecord): void {
    const img = this.images.get(key)!;
    const last = img.log[img.log.length - 1];
    if (last && last.pvc === write.pvc && last.writeId >= write.writeId) throw new Error('does not follow');
    img.log.push(write);
  }
  contains(key: ImageKey, writeId: number): boolean {
    const log = this.log(key);
    let lo = 0;
    let hi = log.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const id = log[mid]!.writeId;
      if (id === writeId) return true;
      if (id < writeId) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
  isPrefixOf(target: ImageKey, source: ImageKey, sourceLength?: number): boolean {
    const t = this.log(target);
    const s = this.log(source);
    const n = sourceLength ?? s.length;
    if (t.length > n || n > s.length) return false;
    return t.every((w, i) => w.writeId === s[i]!.writeId);
  }
  applySnapshot(source: ImageKey, target: ImageKey, n: number): number {
    if (!this.isPrefixOf(target, source, n)) throw new Error('diverged');
    const t = this.images.get(target)!;
    const before = t.log.length;
    t.log.push(...this.log(source).slice(before, n));
    return n - before;
  }
  resyncFrom(source: ImageKey, target: ImageKey, n: number, atMs: number): void {
    const kept = this.log(source).slice(0, n);
    const keptIds = new Set(kept.map((w) => w.writeId));
    const t = this.images.get(target)!;
    this.discardLog.push({ image: target, atMs, reason: 'resync', writes: t.log.filter((w) => !keptIds.has(w.writeId)) });
    t.log = kept;
  }
  destroy(key: ImageKey, atMs: number, reason: DiscardReason): void {
    const img = this.images.get(key);
    if (!img) return;
    this.images.delete(key);
    this.discardLog.push({ image: key, atMs, reason, writes: img.log });
  }
}

const STORAGES = ['a', 'b', 'c'];
const PVCS = ['ns/data', 'ns/data', 'ns/data', 'ns/other'];

type Op =
  | { kind: 'write'; at: number; pvc: number; cluster: number; reuse: number; gap: number; dt: number }
  | { kind: 'snapshot'; from: number; to: number; cut: number }
  | { kind: 'resync'; from: number; to: number; cut: number }
  | { kind: 'destroy'; at: number }
  | { kind: 'ensure'; at: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('write' as const), at: fc.nat(2), pvc: fc.nat(3), cluster: fc.nat(1), reuse: fc.nat(9), gap: fc.nat(9), dt: fc.nat(9) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('snapshot' as const), from: fc.nat(2), to: fc.nat(2), cut: fc.nat(100) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resync' as const), from: fc.nat(2), to: fc.nat(2), cut: fc.nat(100) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('destroy' as const), at: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ensure' as const), at: fc.nat(2) }) },
);

/** Runs `fn` on both models; both must throw or both return the same value. */
function both<T>(compact: () => T, object: () => T): void {
  let a: { ok: true; v: T } | { ok: false };
  let b: { ok: true; v: T } | { ok: false };
  try {
    a = { ok: true, v: compact() };
  } catch {
    a = { ok: false };
  }
  try {
    b = { ok: true, v: object() };
  } catch {
    b = { ok: false };
  }
  expect(a).toEqual(b);
}

function run(ops: Op[]): void {
  const d = new VolumeDataModel();
  const o = new ObjectModel();
  for (const s of STORAGES) {
    d.ensureImage(s, 'v');
    o.ensureImage(s, 'v');
  }
  const next = new Map<string, number>();
  let now = 0;
  for (const op of ops) {
    now += 1000;
    if (op.kind === 'write') {
      const key = imageKey(STORAGES[op.at]!, 'v');
      if (!o.images.has(key)) continue;
      const pvc = PVCS[op.pvc]!;
      // Mostly the next id at a regular time; sometimes a gap, an irregular time, or an id reused with other fields.
      let id = (next.get(pvc) ?? 0) + 1 + (op.gap === 0 ? 3 : 0);
      if (op.reuse === 0 && id > 2) id -= 2;
      next.set(pvc, Math.max(next.get(pvc) ?? 0, id));
      const rec: WriteRecord = { app: 'ns/app', pvc, writeId: id, cluster: `c${op.cluster}`, image: key, atMs: now + (op.dt === 0 ? 0.1 : 0) };
      both(() => d.append(key, rec), () => o.append(key, { ...rec }));
    } else if (op.kind === 'snapshot' || op.kind === 'resync') {
      const src = imageKey(STORAGES[op.from]!, 'v');
      const dst = imageKey(STORAGES[op.to]!, 'v');
      if (src === dst || !o.images.has(src) || !o.images.has(dst)) continue;
      const n = Math.floor((o.log(src).length * op.cut) / 100);
      if (op.kind === 'snapshot') both(() => d.applySnapshot(src, dst, n), () => o.applySnapshot(src, dst, n));
      else both(() => void d.resyncFrom(src, dst, n, now), () => o.resyncFrom(src, dst, n, now));
    } else if (op.kind === 'destroy') {
      const key = imageKey(STORAGES[op.at]!, 'v');
      d.destroy(key, now, 'storage-destroyed');
      o.destroy(key, now, 'storage-destroyed');
    } else {
      d.ensureImage(STORAGES[op.at]!, 'v');
      o.ensureImage(STORAGES[op.at]!, 'v');
    }
    compare(d, o, Math.max(0, ...next.values()) + 1);
  }
}

function compare(d: VolumeDataModel, o: ObjectModel, maxId: number): void {
  for (const s of STORAGES) {
    const key = imageKey(s, 'v');
    expect(d.has(key)).toBe(o.images.has(key));
    const log = o.log(key);
    expect(d.writes(key)).toEqual(log);
    expect(d.length(key)).toBe(log.length);
    expect(d.writeIds(key)).toEqual(log.map((w) => w.writeId));
    expect(d.lastWriteId(key)).toBe(log[log.length - 1]?.writeId);
    for (let id = 0; id <= maxId; id++) expect(d.contains(key, id)).toBe(o.contains(key, id));
    for (const t of STORAGES) {
      const other = imageKey(t, 'v');
      expect(d.isPrefixOf(key, other)).toBe(o.isPrefixOf(key, other));
      const n = Math.floor(o.log(other).length / 2);
      expect(d.isPrefixOf(key, other, n)).toBe(o.isPrefixOf(key, other, n));
    }
  }
  expect(d.snapshot().map((i) => [i.key, i.writeCount, i.lastWriteId])).toEqual(
    [...o.images.keys()].sort().map((k) => [k, o.log(k).length, o.log(k)[o.log(k).length - 1]?.writeId]),
  );
  expect(d.discards().map((x) => ({ image: x.image, atMs: x.atMs, reason: x.reason, writes: x.writes, n: x.writeCount }))).toEqual(
    o.discardLog.map((x) => ({ ...x, n: x.writes.length })),
  );
}

describe('VolumeDataModel against the object-per-write model', () => {
  it('gives the same logs, containment, prefixes, snapshots and discards over random operations', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => run(ops)),
      { seed: 20261126, numRuns: 300 },
    );
  });

  it('a snapshot of regular writes appends one run, and a resync splits runs to discard exactly the diverged writes', () => {
    const d = new VolumeDataModel();
    const a = d.ensureImage('a', 'v');
    const b = d.ensureImage('b', 'v');
    const rec = (writeId: number, image: ImageKey, cluster = 'c1'): WriteRecord => ({ app: 'ns/app', pvc: 'ns/data', writeId, cluster, image, atMs: writeId * 1000 });
    for (let id = 1; id <= 100; id++) d.append(a, rec(id, a));
    d.applySnapshot(a, b, 60);
    d.applySnapshot(a, b, 100);
    expect(d.writes(b)).toEqual(d.writes(a));
    // b diverges (promoted and written), a goes on: the resync must discard exactly b's own writes.
    for (let id = 101; id <= 110; id++) d.append(b, rec(id, b, 'c2'));
    for (let id = 111; id <= 120; id++) d.append(a, rec(id, a));
    const discard = d.resyncFrom(a, b, d.length(a), 5);
    expect(discard.writeCount).toBe(10);
    expect(discard.writes.map((w) => [w.writeId, w.cluster, w.image])).toEqual(Array.from({ length: 10 }, (_, i) => [101 + i, 'c2', b]));
    expect(d.writeIds(b)).toEqual([...Array.from({ length: 100 }, (_, i) => i + 1), ...Array.from({ length: 10 }, (_, i) => 111 + i)]);
    expect(d.isPrefixOf(b, a)).toBe(true);
    expect(d.refAt(b, 105)).toEqual(d.refAt(a, 105));
  });

  it('a frozen content keeps what the image held when it was taken, and restoring it equals appending its records', () => {
    const d = new VolumeDataModel();
    const a = d.ensureImage('a', 'v');
    const rec = (writeId: number): WriteRecord => ({ app: 'ns/app', pvc: 'ns/data', writeId, cluster: 'c1', image: a, atMs: writeId * 1000 });
    for (let id = 1; id <= 30; id++) d.append(a, rec(id));
    const frozen = d.contentOf(a);
    const before = d.writes(a);
    for (let id = 31; id <= 40; id++) d.append(a, rec(id));
    d.destroy(a, 1, 'volume-deleted');
    expect(frozen.length).toBe(30);
    expect(frozen.lastWriteId).toBe(30);
    expect(frozen.records()).toEqual(before);
    expect(frozen.ids()).toEqual(before.map((w) => w.writeId));
    const r = d.ensureImage('r', 'v');
    d.restore(r, frozen);
    expect(d.writes(r)).toEqual(before);
    // Another model has no runs for it: it appends the records, and ends with the same writes.
    const other = new VolumeDataModel();
    const o = other.ensureImage('o', 'v');
    other.restore(o, frozen);
    expect(other.writes(o)).toEqual(before);
    // A non-empty image takes the records one by one, refusing ids that do not follow.
    expect(() => d.restore(r, frozen)).toThrow(/does not follow/);
  });
});
