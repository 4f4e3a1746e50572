// Goal: the columnar ledger answers exactly as the ledger of record objects did (per app in
// acknowledgement order, per PVC, what an image holds or misses), for apps with several PVCs, a PVC
// written by two apps, failovers between clusters and irregular write times; the cheap queries
// (ackedCount, lastAcked, missingCount) agree with the full lists.
// Method: fast-check (seeded) generates acknowledgements; the oracle keeps every record in arrays,
// as the old ledger did.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VolumeDataModel, type WriteRecord } from '../../../../sim/storage/volume-data.js';
import { WriteLedger } from '../../../../sim/workload/write-ledger.js';

const APPS = ['ns/a', 'ns/b'];
const PVCS = ['ns/a-data', 'ns/a-logs', 'ns/b-data', 'ns/shared'];
const CLUSTERS = ['c1', 'c2'];

interface Ack {
  app: number;
  pvc: number;
  cluster: number;
  dt: number;
  replicate: boolean;
}

const ackArb: fc.Arbitrary<Ack> = fc.record({ app: fc.nat(1), pvc: fc.nat(3), cluster: fc.nat(1), dt: fc.nat(4), replicate: fc.boolean() });

describe('WriteLedger against the ledger of record objects', () => {
  it('gives the same answers over random acknowledgements', () => {
    fc.assert(
      fc.property(fc.array(ackArb, { maxLength: 120 }), (acks) => {
        const ledger = new WriteLedger();
        const data = new VolumeDataModel();
        const byApp = new Map<string, WriteRecord[]>();
        const byPvc = new Map<string, WriteRecord[]>();
        const images = CLUSTERS.map((c) => data.ensureImage(`s-${c}`, 'v'));
        let now = 0;
        for (const a of acks) {
          // Regular one-second writes, now and then a late one.
          now += a.dt === 0 ? 1234.5 : 1000;
          const app = APPS[a.app]!;
          const pvc = PVCS[a.pvc]!;
          const image = images[a.cluster]!;
          const rec: WriteRecord = { app, pvc, writeId: ledger.nextWriteId(app, pvc), cluster: CLUSTERS[a.cluster]!, image, atMs: now };
          ledger.recordAck(rec);
          byApp.set(app, [...(byApp.get(app) ?? []), rec]);
          byPvc.set(pvc, [...(byPvc.get(pvc) ?? []), rec]);
          // Each PVC has its own images here, so that containment is per PVC as in the simulator.
          const pvcImage = data.ensureImage(`s-${CLUSTERS[a.cluster]!}`, pvc);
          data.append(pvcImage, { ...rec, image: pvcImage });
          if (a.replicate) {
            const peer = data.ensureImage('s-peer', pvc);
            const n = Math.floor(data.length(pvcImage) / 2);
            if (data.isPrefixOf(peer, pvcImage, n)) data.applySnapshot(pvcImage, peer, n);
            else data.resyncFrom(pvcImage, peer, n, now);
          }
        }
        expect(ledger.apps()).toEqual([...byApp.keys()].sort());
        for (const app of [...APPS, 'ns/none']) {
          expect(ledger.acked(app)).toEqual(byApp.get(app) ?? []);
          expect(ledger.ackedCount(app)).toBe(byApp.get(app)?.length ?? 0);
        }
        for (const pvc of [...PVCS, 'ns/none']) {
          const list = byPvc.get(pvc) ?? [];
          expect(ledger.ackedForPvc(pvc)).toEqual(list);
          expect(ledger.ackedCountForPvc(pvc)).toBe(list.length);
          expect(ledger.nextWriteId('x', pvc)).toBe(list.length + 1);
          expect(ledger.lastAcked(pvc)).toEqual(list[list.length - 1]);
          for (const c of [...CLUSTERS, 'c9']) expect(ledger.lastAcked(pvc, c)).toEqual(list.filter((w) => w.cluster === c).pop());
          for (const image of [`s-c1/${pvc}`, `s-c2/${pvc}`, `s-peer/${pvc}`]) {
            const missing = list.filter((w) => !data.contains(image, w.writeId));
            expect(ledger.missingFrom(data, image, pvc)).toEqual(missing);
            expect(ledger.missingCount(data, image, pvc)).toBe(missing.length);
            expect(ledger.containedIn(data, image, pvc)).toEqual(list.filter((w) => data.contains(image, w.writeId)));
          }
        }
      }),
      { seed: 20261126, numRuns: 200 },
    );
  });
});
