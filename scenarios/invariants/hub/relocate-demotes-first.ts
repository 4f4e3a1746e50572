// Hub spec §18 S1: a relocate demotes before it promotes.

import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';

const NAME = 'relocate-demotes-first';

export function relocateDemotesFirst(): Checker {
  const log = new ViolationLog();
  return {
    name: NAME,
    kind: 'safety',
    source: 'hub spec §18 S1',
    explanation:
      'When the hub writes a VRG ManifestWork that newly makes cluster P primary while the DRPC asks for a Relocate, every other ' +
      "cluster's VRG must already be a proven Secondary: its stored VRG (this incarnation) reported state Secondary at a generation " +
      'whose spec was secondary, with no primary spec since, and the hub itself no longer asks that cluster for primary (a cluster with ' +
      'no VRG passes). The check reads the managed clusters\' stored VRGs, not the hub\'s views, so a hub that trusts a stale view is caught.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const change = w.current.workChange;
      if (!change?.after || change.after.replicationState !== 'primary' || change.before?.replicationState === 'primary' || change.verb === 'delete') return;
      const drpc = w.drpcs.get(change.drpc);
      if (!drpc || drpc.episode.action !== 'Relocate') return;
      const p = change.cluster;
      for (const c of w.world.clusterNames()) {
        if (c === p) continue;
        const hubAsks = w.works.specFor(change.drpc, c);
        const rec = w.vrgs.get(c, drpc.namespace, drpc.name);
        const events = [o.event.seq, drpc.episode.startSeq, ...(rec ? [rec.lastSeq] : [])];
        if (hubAsks?.replicationState === 'primary') {
          log.add(o.event.t, `relocate of ${change.drpc} promoted ${p} while the hub's own ManifestWork still asks ${c} for a primary VRG`, events, `${o.event.seq}/${c}/work`);
          continue;
        }
        if (!rec || (!rec.exists && !rec.destroyed)) continue;
        if (rec.specState === 'secondary' && rec.provenSecondarySeq !== undefined) continue;
        const what = rec.exists ? `spec ${rec.specState || '(none)'}, state ${rec.state || '(none)'} at generation ${rec.observedGeneration}/${rec.generation}` : 'gone with its cluster';
        log.add(o.event.t, `relocate of ${change.drpc} promoted ${p} while ${c}'s VRG was not a proven Secondary (${what})`, events, `${o.event.seq}/${c}`);
      }
    },
    finish: () => log.report('safety'),
  };
}
