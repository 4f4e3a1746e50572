// Goal: the volume data model keeps exact write logs: prefix copies, incremental snapshots, resyncs
// that record precisely the writes they discard, and refusal of anything that would rewrite history.
// Method: direct calls with hand-made write records.

import { describe, expect, it } from 'vitest';
import { imageKey, VolumeDataModel } from '../../../../sim/storage/volume-data.js';
import type { WriteRecord } from '../../../../sim/storage/volume-data.js';

function w(writeId: number, image = 'a/v'): WriteRecord {
  return { app: 'ns/app', pvc: 'ns/data', writeId, cluster: 'c1', image, atMs: writeId * 1000 };
}

describe('VolumeDataModel', () => {
  it('appends in id order, answers containment, and refuses an out-of-order write', () => {
    const d = new VolumeDataModel();
    const a = d.ensureImage('a', 'v');
    expect(a).toBe(imageKey('a', 'v'));
    for (const id of [1, 2, 3, 7, 9]) d.append(a, w(id));
    expect([1, 2, 3, 7, 9].every((id) => d.contains(a, id))).toBe(true);
    expect([0, 4, 8, 10].some((id) => d.contains(a, id))).toBe(false);
    expect(() => d.append(a, w(9))).toThrow(/does not follow/);
  });

  it('ships incremental snapshots to a prefix copy and refuses a diverged one', () => {
    const d = new VolumeDataModel();
    const a = d.ensureImage('a', 'v');
    const b = d.ensureImage('b', 'v');
    for (let id = 1; id <= 5; id++) d.append(a, w(id));
    expect(d.applySnapshot(a, b, 3)).toBe(3);
    expect(d.isPrefixOf(b, a)).toBe(true);
    expect(d.applySnapshot(a, b, 5)).toBe(2);
    expect(d.length(b)).toBe(5);
    d.append(b, w(6, 'b/v'));
    d.append(a, w(7));
    expect(d.isPrefixOf(b, a)).toBe(false);
    expect(() => d.applySnapshot(a, b, 6)).toThrow(/diverged/);
  });

  it('resync replaces the content and records exactly the writes that were lost', () => {
    const d = new VolumeDataModel();
    const a = d.ensureImage('a', 'v');
    const b = d.ensureImage('b', 'v');
    for (let id = 1; id <= 4; id++) d.append(a, w(id));
    d.applySnapshot(a, b, 2);
    d.append(b, w(5, 'b/v'));
    d.append(b, w(6, 'b/v'));
    d.append(a, w(7));
    const record = d.resyncFrom(a, b, d.length(a), 99);
    expect(record.writes.map((x) => x.writeId)).toEqual([5, 6]);
    expect(d.writes(b).map((x) => x.writeId)).toEqual([1, 2, 3, 4, 7]);
    expect(d.discards()).toEqual([record]);
  });

  it('destroy keeps the writes in a discard record', () => {
    const d = new VolumeDataModel();
    const a = d.ensureImage('a', 'v');
    d.append(a, w(1));
    d.destroy(a, 5, 'storage-destroyed');
    expect(d.has(a)).toBe(false);
    expect(d.discards()[0]).toMatchObject({ image: a, reason: 'storage-destroyed', atMs: 5 });
    expect(d.discards()[0]!.writes).toHaveLength(1);
  });
});
