// Goal: a write table stores regular writes as one segment whatever their number, splits a segment
// exactly where the app, cluster, image or rhythm changes, and gives every write back with its
// exact time (fractional times included); the interner gives each string one small id.
// Method: direct calls; the segment count is the table's cost, so it is asserted.

import { describe, expect, it } from 'vitest';
import { Interner } from '../../../../sim/storage/interner.js';
import { WriteTable } from '../../../../sim/storage/write-table.js';

describe('WriteTable', () => {
  it('keeps a regular stretch of writes as one segment and splits it where anything changes', () => {
    const t = new WriteTable(0);
    for (let id = 1; id <= 1000; id++) t.put(id, { app: 1, cluster: 2, image: 3, atMs: 5000 + id * 1000, seq: 2 * id });
    expect(t.segmentCount).toBe(1);
    expect(t.count).toBe(1000);
    t.put(1001, { app: 1, cluster: 4, image: 3, atMs: 5000 + 1001 * 1000, seq: 2002 }); // failover: another cluster
    t.put(1002, { app: 1, cluster: 4, image: 3, atMs: 5000 + 1002 * 1000 + 7, seq: 2004 }); // a late write
    t.put(1003, { app: 1, cluster: 4, image: 3, atMs: 5000 + 1003 * 1000 + 7, seq: 2006 });
    t.put(1010, { app: 1, cluster: 4, image: 3, atMs: 5000 + 1004 * 1000 + 7, seq: 2008 }); // a gap in ids
    expect(t.segmentCount).toBe(4);
    expect(t.fields(500)).toEqual({ app: 1, cluster: 2, image: 3, atMs: 505_000, seq: 1000 });
    expect(t.fields(1003)!.seq).toBe(2006);
    expect(t.fields(1002)!.atMs).toBe(1_007_007);
    expect(t.fields(1003)!.atMs).toBe(1_008_007);
    expect(t.has(1005)).toBe(false);
    expect(t.has(1010)).toBe(true);
    expect(t.lastId).toBe(1010);
    expect(t.lastIdFrom(2)).toBe(1000);
    expect(t.lastIdFrom(4)).toBe(1010);
    expect(t.lastIdFrom(9)).toBe(0);
    expect(() => t.put(1010, { app: 1, cluster: 4, image: 3, atMs: 0, seq: 0 })).toThrow(/does not follow/);
  });

  it('splits a segment where the place in the app order stops stepping evenly (a PVC skipped its turn)', () => {
    const t = new WriteTable(0);
    const seqs = [0, 2, 4, 6, 7, 8, 9, 11];
    seqs.forEach((seq, i) => t.put(i + 1, { app: 0, cluster: 0, image: 0, atMs: i * 1000, seq }));
    expect(t.segmentCount).toBe(3);
    expect(seqs.map((_, i) => t.fields(i + 1)!.seq)).toEqual(seqs);
  });

  it('gives back fractional times exactly, starting a segment when the step cannot reproduce one', () => {
    const t = new WriteTable(0);
    const times = [0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.7, 0.9, 1.1];
    times.forEach((atMs, i) => t.put(i + 1, { app: 0, cluster: 0, image: 0, atMs, seq: 0 }));
    expect(times.map((_, i) => t.fields(i + 1)!.atMs)).toEqual(times);
  });

  it('builds records with the interned names', () => {
    const names = new Interner();
    const t = new WriteTable(names.id('ns/data'));
    t.put(1, { app: names.id('ns/app'), cluster: names.id('c1'), image: names.id('s1/v'), atMs: 10, seq: 0 });
    expect(t.record(1, names)).toEqual({ app: 'ns/app', pvc: 'ns/data', writeId: 1, cluster: 'c1', image: 's1/v', atMs: 10 });
    expect(t.record(2, names)).toBeUndefined();
  });
});

describe('Interner', () => {
  it('gives each distinct string one id, and looking up never adds one', () => {
    const names = new Interner();
    const a = names.id('s1/vol-1');
    expect(names.id(`s1/${'vol-1'}`)).toBe(a);
    expect(names.id('s2/vol-1')).not.toBe(a);
    expect(names.idIfKnown('nope')).toBeUndefined();
    expect(names.size).toBe(2);
    expect(names.value(a)).toBe('s1/vol-1');
    expect(() => names.value(9)).toThrow();
  });
});
