// Goal: the ledger hands out per-PVC monotonic ids, refuses out-of-order acknowledgements, and
// answers "which acknowledged writes does this image hold / miss" against the data model.
// Method: direct calls with a real VolumeDataModel.

import { describe, expect, it } from 'vitest';
import { VolumeDataModel } from '../../../../sim/storage/volume-data.js';
import { WriteLedger } from '../../../../sim/workload/write-ledger.js';

describe('WriteLedger', () => {
  it('tracks acknowledged writes and what an image misses', () => {
    const data = new VolumeDataModel();
    const ledger = new WriteLedger();
    const img = data.ensureImage('s1', 'v');
    const peer = data.ensureImage('s2', 'v');
    for (let i = 0; i < 5; i++) {
      const writeId = ledger.nextWriteId('ns/app', 'ns/data');
      const rec = { app: 'ns/app', pvc: 'ns/data', writeId, cluster: 'c1', image: img, atMs: i };
      data.append(img, rec);
      ledger.recordAck(rec);
    }
    data.applySnapshot(img, peer, 3);
    expect(ledger.acked('ns/app').map((x) => x.writeId)).toEqual([1, 2, 3, 4, 5]);
    expect(ledger.containedIn(data, peer, 'ns/data').map((x) => x.writeId)).toEqual([1, 2, 3]);
    expect(ledger.missingFrom(data, peer, 'ns/data').map((x) => x.writeId)).toEqual([4, 5]);
    expect(ledger.nextWriteId('ns/app', 'ns/other')).toBe(1);
    expect(() => ledger.recordAck({ app: 'ns/app', pvc: 'ns/data', writeId: 9, cluster: 'c1', image: img, atMs: 9 })).toThrow(/out of order/);
  });
});
