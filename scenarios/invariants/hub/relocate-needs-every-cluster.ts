// Hub spec §18 S4: the relocate logic writes nothing unless every policy cluster's VRG query succeeded.

import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { policyClusters, readingSeqs, viewReadings } from './pass-reads.js';
import { relocateWrite } from './relocate-pass-reads.js';

export function relocateNeedsEveryCluster(): Checker {
  const log = new ViolationLog();
  return {
    name: 'relocate-needs-every-cluster',
    kind: 'safety',
    source: 'hub spec §18 S4',
    explanation:
      "A relocate pass writes no VRG ManifestWork state or final-sync flag and moves no decision unless every policy cluster's VRG " +
      'query through the hub\'s view succeeded (a VRG or NotFound). Flagged when some cluster\'s view failed (no view yet, a ' +
      'failed or not-ready Processing condition) in every version current during the pass. This is the hub\'s promise as written: ' +
      'a view that is merely stale still succeeds (finding F3), so it is not a check that every cluster was reachable.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const rw = relocateWrite(o, w);
      if (!rw) return;
      const e = o.event;
      for (const c of policyClusters(w, rw.drpc.object)) {
        const readings = viewReadings(w, rw.drpc, c, e.t);
        if (readings.some((r) => !('failed' in r))) continue;
        log.add(e.t, `relocate of ${rw.drpc.key} to ${rw.target} ${rw.what} while the VRG query of ${c} failed`, [e.seq, rw.drpc.episode.startSeq, ...readingSeqs(readings)], `${e.seq}/${c}`);
      }
    },
    finish: () => log.report('safety'),
  };
}
