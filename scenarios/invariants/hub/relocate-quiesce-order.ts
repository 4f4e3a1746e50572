// Hub spec §18 S3: a relocate quiesces the old home before its final sync, and runs the final sync
// before demoting it.

import type { DRPlacementControl } from '../../../engine/api/ramen/drpc.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { HUB_OPERATOR } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import type { DrpcRecord } from '../tracking/drpc-tracker.js';
import { inActionLogic } from './decision-on-ready-primary.js';
import type { ViewReading } from './pass-reads.js';
import { countedPrimary, decisionsDuringPass, drpcVersions, hubDecisionWrite, policyClusters, readingSeqs, readingVrg, surelySaw, viewReadings } from './pass-reads.js';

/** The relocate target when every DRPC version the pass may have read asks for the same relocate. */
export function relocateTarget(w: ObservedWorld, drpc: DrpcRecord, atMs: number): string | undefined {
  const p = drpc.object.spec?.preferredCluster ?? '';
  const same = (d: DRPlacementControl): boolean => inActionLogic(d) && d.spec.action === 'Relocate' && (d.spec.preferredCluster ?? '') === p;
  return p !== '' && surelySaw(w, drpc, atMs, same) ? p : undefined;
}

/**
 * The relocate target of a pass that made a write only the relocate logic makes (the final-sync
 * flags, clearing the decision): such a pass read a DRPC version asking for that relocate, so one
 * among the versions current during the pass is enough. Undefined when none, or several targets.
 */
export function relocateOnlyTarget(w: ObservedWorld, drpc: DrpcRecord, atMs: number): string | undefined {
  const targets = new Set(drpcVersions(w, drpc, atMs).filter((d) => inActionLogic(d) && d.spec.action === 'Relocate').map((d) => d.spec.preferredCluster ?? ''));
  const [only] = targets;
  return targets.size === 1 && only ? only : undefined;
}

/** Readings of every policy cluster other than `skip`, by cluster. */
export function othersReadings(w: ObservedWorld, drpc: DrpcRecord, skip: string, atMs: number): Map<string, ViewReading[]> {
  const out = new Map<string, ViewReading[]>();
  for (const c of policyClusters(w, drpc.object)) if (c !== skip) out.set(c, viewReadings(w, drpc, c, atMs));
  return out;
}

export function relocateQuiesceOrder(): Checker {
  const log = new ViolationLog();
  return {
    name: 'relocate-quiesce-order',
    kind: 'safety',
    source: 'hub spec §18 S3',
    explanation:
      'In a Relocate to P, the hub clears the placement decision only in a pass in which its view of the old home (a primary ' +
      'other than P) reported prepareForFinalSyncComplete; asks for runFinalSync only while the placement has no active decision; ' +
      'and sets the old home\'s VRG ManifestWork from primary to secondary only when its view reported finalSyncComplete (or when ' +
      'no view showed a primary other than P, or P itself was primary: then no final sync is due). Judged against every version ' +
      'of the hub\'s views current during the pass, so a view refreshed mid-pass is never held against the hub.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      const dw = hubDecisionWrite(o, w);
      if (dw) {
        // Only the relocate clears a decision outright; a failover keeps it as RetainedForFailover.
        if (dw.before === '' || dw.after !== '' || dw.stillNamed || dw.drpcs.length !== 1) return;
        const drpc = dw.drpcs[0]!;
        const p = relocateOnlyTarget(w, drpc, e.t);
        if (p === undefined) return;
        const others = othersReadings(w, drpc, p, e.t);
        const all = [...others.values()].flat();
        if (all.some((r) => readingVrg(r)?.status?.prepareForFinalSyncComplete === true)) return;
        log.add(e.t, `relocate of ${drpc.key} to ${p} cleared the decision (was ${dw.before}) while no view of another cluster reported prepareForFinalSyncComplete`, [e.seq, drpc.episode.startSeq, ...readingSeqs(all)], String(e.seq));
        return;
      }
      const change = w.current.workChange;
      if (!change?.before || !change.after || change.actor !== HUB_OPERATOR) return;
      const drpc = w.drpcs.get(change.drpc);
      if (!drpc) return;
      if (!change.before.runFinalSync && change.after.runFinalSync) {
        const p = relocateOnlyTarget(w, drpc, e.t);
        if (p === undefined) return;
        const decisions = decisionsDuringPass(w, drpc, e.t);
        if (decisions === undefined || decisions.includes('')) return;
        log.add(e.t, `relocate of ${drpc.key} to ${p} asked ${change.cluster} for runFinalSync while the placement still pointed at ${decisions.at(-1)}`, [e.seq, drpc.episode.startSeq], `${e.seq}/run`);
        return;
      }
      const p = relocateTarget(w, drpc, e.t);
      if (p === undefined || change.before.replicationState !== 'primary' || change.after.replicationState !== 'secondary' || change.cluster === p) return;
      if (viewReadings(w, drpc, p, e.t).some((r) => readingVrg(r)?.spec?.replicationState === 'primary')) return;
      const others = othersReadings(w, drpc, p, e.t);
      const all = [...others.values()].flat();
      if (all.some((r) => readingVrg(r)?.status?.finalSyncComplete === true)) return;
      // A pass that saw no primary at all demotes everywhere without a final sync (nothing to quiesce).
      if ([...others.values()].every((rs) => rs.some((r) => !countedPrimary(readingVrg(r))))) return;
      log.add(e.t, `relocate of ${drpc.key} to ${p} demoted ${change.cluster} while no view reported finalSyncComplete`, [e.seq, drpc.episode.startSeq, ...readingSeqs(all)], `${e.seq}/demote`);
    },
    finish: () => log.report('safety'),
  };
}
