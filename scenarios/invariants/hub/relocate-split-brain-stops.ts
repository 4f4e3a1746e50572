// Hub spec §18 S19: a relocate cannot start (or go on) over two primaries.

import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { countedPrimary, policyClusters, readingSeqs, readingVrg, viewReadings } from './pass-reads.js';
import { relocateWrite } from './relocate-pass-reads.js';

export function relocateSplitBrainStops(): Checker {
  const log = new ViolationLog();
  return {
    name: 'relocate-split-brain-stops',
    kind: 'safety',
    source: 'hub spec §18 S19',
    explanation:
      'A relocate pass whose views show two primary VRGs (dry-run ones excepted) writes no VRG ManifestWork state or final-sync ' +
      'flag and moves no decision: Ramen stops with "multiple primaries in transition detected". Flagged when at least two ' +
      "clusters' views showed a non-dry-run primary in every version current during the pass.",
    onEvent(o: Observed, w: ObservedWorld): void {
      const rw = relocateWrite(o, w);
      if (!rw) return;
      const e = o.event;
      const primaries: string[] = [];
      const seqs: number[] = [];
      for (const c of policyClusters(w, rw.drpc.object)) {
        const readings = viewReadings(w, rw.drpc, c, e.t);
        if (!readings.every((r) => countedPrimary(readingVrg(r)))) continue;
        primaries.push(c);
        seqs.push(...readingSeqs(readings));
      }
      if (primaries.length < 2) return;
      log.add(e.t, `relocate of ${rw.drpc.key} to ${rw.target} ${rw.what} while the views showed primaries on ${primaries.join(' and ')}`, [e.seq, rw.drpc.episode.startSeq, ...seqs], String(e.seq));
    },
    finish: () => log.report('safety'),
  };
}
