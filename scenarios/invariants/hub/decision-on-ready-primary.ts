// Hub spec §18 S9: during a Failover or Relocate the decision goes only to a cluster whose view showed
// a ready primary.

import type { DRPlacementControl } from '../../../engine/api/ramen/drpc.js';
import { DRYRUN_ANNOTATION } from '../../../engine/api/ramen/hub-constants.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { hubDecisionWrite, readingSeqs, readingVrg, readyPrimary, surelySaw, viewReadings } from './pass-reads.js';

/** A pass in the action logic proper: not deleting, not the dry-run flow (whose revert is exempt, N2). */
export function inActionLogic(d: DRPlacementControl): boolean {
  return (
    (d.spec?.action === 'Failover' || d.spec?.action === 'Relocate') &&
    d.metadata.deletionTimestamp === undefined &&
    d.metadata.annotations?.[DRYRUN_ANNOTATION] === undefined &&
    d.status?.progression !== 'TestingFailover' &&
    d.spec.dryRun !== true
  );
}

export function decisionOnReadyPrimary(): Checker {
  const log = new ViolationLog();
  return {
    name: 'decision-on-ready-primary',
    kind: 'safety',
    source: 'hub spec §18 S9',
    explanation:
      'While a DRPC asks for a Failover or Relocate, the hub points the placement decision at cluster C only when its own view of ' +
      "C's VRG (some version current during that pass) showed spec primary, state Primary, and DataReady and ClusterDataReady True " +
      'at the VRG\'s generation: OCM starts the app wherever the decision points. Initial deployment, DRPC deletion and the dry-run ' +
      'flow (whose revert re-points the decision at the never-demoted home) are exempt, as the spec says.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const dw = hubDecisionWrite(o, w);
      if (!dw || dw.after === '' || dw.after === dw.before || dw.drpcs.length !== 1) return;
      const drpc = dw.drpcs[0]!;
      const e = o.event;
      if (!surelySaw(w, drpc, e.t, inActionLogic)) return;
      const readings = viewReadings(w, drpc, dw.after, e.t);
      if (readings.some((r) => readyPrimary(readingVrg(r)))) return;
      const last = readingVrg(readings.at(-1)!);
      const shown = last ? `spec ${last.spec?.replicationState ?? ''}, state ${last.status?.state ?? '(none)'}` : 'no VRG';
      log.add(e.t, `${drpc.key} (${drpc.episode.action}) moved the decision to ${dw.after} while its view of ${dw.after} never showed a ready primary during the pass (last: ${shown})`, [e.seq, drpc.episode.startSeq, ...readingSeqs(readings)], String(e.seq));
    },
    finish: () => log.report('safety'),
  };
}
