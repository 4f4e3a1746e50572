// Hub spec §18 S5: the gates a relocate passes before its first write on the old home.

import type { Condition } from '../../../engine/api/meta.js';
import type { DRCluster } from '../../../engine/api/ramen/drcluster.js';
import { DRCLUSTER_FENCED } from '../../../engine/api/ramen/drcluster.js';
import { CONDITION_PEER_READY } from '../../../engine/api/ramen/drpc.js';
import type { DRPlacementControl } from '../../../engine/api/ramen/drpc.js';
import { findCondition, isTrueAtGeneration } from '../../../engine/hub/conditions.js';
import { HubKinds } from '../../../engine/hub/kinds.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { HUB_OPERATOR } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import { drpcVersions, readingSeqs, readingVrg, viewReadings } from './pass-reads.js';
import { relocateOnlyTarget } from './relocate-quiesce-order.js';

function peerReadyOrRelocating(d: DRPlacementControl): boolean {
  if (d.status?.phase === 'Relocating') return true;
  const c = findCondition(d.status?.conditions, CONDITION_PEER_READY);
  return c === undefined || c.status === 'True';
}

function fenced(dc: DRCluster | undefined): boolean {
  return dc !== undefined && isTrueAtGeneration(dc.status?.conditions as Condition[] | undefined, DRCLUSTER_FENCED, dc.metadata.generation);
}

export function relocateStartGates(): Checker {
  const log = new ViolationLog();
  return {
    name: 'relocate-start-gates',
    kind: 'safety',
    source: 'hub spec §18 S5',
    explanation:
      "In a Relocate to P, the hub asks the old home H to prepare for the final sync (the relocate's first write when a primary " +
      "exists) only in a pass in which its view of H's VRG showed DataReady and ClusterDataProtected True at the VRG's generation; " +
      'in which the DRPC showed PeerReady True or absent, unless it was already Relocating; and, in a metro world, in which P\'s ' +
      'DRCluster was not Fenced True at its generation. Each gate is judged against every version of the view, DRPC and DRCluster ' +
      'current during the pass; a pass passes a gate when any of them does.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      const change = w.current.workChange;
      if (!change?.after?.prepareForFinalSync || change.before?.prepareForFinalSync !== false || change.actor !== HUB_OPERATOR) return;
      const drpc = w.drpcs.get(change.drpc);
      if (!drpc) return;
      const p = relocateOnlyTarget(w, drpc, e.t);
      if (p === undefined) return;
      const h = change.cluster;
      const events = [e.seq, drpc.episode.startSeq];
      const readings = viewReadings(w, drpc, h, e.t);
      const ready = readings.some((r) => {
        const vrg = readingVrg(r);
        const gen = vrg?.metadata.generation;
        return vrg !== undefined && isTrueAtGeneration(vrg.status?.conditions, 'DataReady', gen) && isTrueAtGeneration(vrg.status?.conditions, 'ClusterDataProtected', gen);
      });
      if (!ready) log.add(e.t, `relocate of ${drpc.key} to ${p} asked ${h} to prepare for the final sync while its view never showed DataReady and ClusterDataProtected True at the current generation`, [...events, ...readingSeqs(readings)], `${e.seq}/ready`);
      if (!drpcVersions(w, drpc, e.t).some(peerReadyOrRelocating)) log.add(e.t, `relocate of ${drpc.key} to ${p} started while the DRPC showed PeerReady not True and was not Relocating`, events, `${e.seq}/peer`);
      if (w.isMetro()) {
        const versions = w.hubDuringPass<DRCluster>(HubKinds.drCluster.kind, undefined, p, e.t);
        if (versions.every((v) => fenced(v.object))) log.add(e.t, `metro relocate of ${drpc.key} started towards ${p}, whose DRCluster was Fenced`, [...events, ...versions.map((v) => v.seq)], `${e.seq}/fenced`);
      }
    },
    finish: () => log.report('safety'),
  };
}
