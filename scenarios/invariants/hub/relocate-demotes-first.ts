// Hub spec §18 S1: a relocate demotes before it promotes (over fresh views; see relocate-stale-view.ts).

import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { StaleViewJudge, provenSecondary, relocatePromotion } from './relocate-stale-view.js';

const NAME = 'relocate-demotes-first';

export function relocateDemotesFirst(): Checker {
  const log = new ViolationLog();
  const staleViews = new StaleViewJudge();
  return {
    name: NAME,
    kind: 'safety',
    source: 'hub spec §18 S1',
    explanation:
      'When the hub writes a VRG ManifestWork that newly makes cluster P primary while the DRPC asks for a Relocate, every other ' +
      "cluster's VRG must already be a proven Secondary: its stored VRG (this incarnation) reported state Secondary at a generation " +
      'whose spec was secondary, with no primary spec since, and the hub itself no longer asks that cluster for primary (a cluster with ' +
      "no VRG passes). The check reads the managed clusters' stored VRGs, not the hub's views, so a hub that trusts a stale view is caught. " +
      "S1 is promised over fresh views only: a promotion made while the hub's stored view of that cluster showed Secondary at its " +
      'generation and its stored VRG was not a proven Secondary is Ramen trusting a stale view (finding F3), measured by ' +
      'relocate-over-stale-view instead.',
    onEvent(o: Observed, w: ObservedWorld): void {
      staleViews.observe(o);
      const promotion = relocatePromotion(w);
      if (!promotion) return;
      const { drpc: key, target: p, record: drpc } = promotion;
      for (const c of w.world.clusterNames()) {
        if (c === p) continue;
        const hubAsks = w.works.specFor(key, c);
        const rec = w.vrgs.get(c, drpc.namespace, drpc.name);
        const asksPrimary = hubAsks?.replicationState === 'primary';
        if (!asksPrimary && (!rec || (!rec.exists && !rec.destroyed) || provenSecondary(rec))) continue;
        if (staleViews.judge(w, key, p, c, o.event)) continue;
        const events = [o.event.seq, drpc.episode.startSeq, ...(rec ? [rec.lastSeq] : [])];
        if (asksPrimary) {
          log.add(o.event.t, `relocate of ${key} promoted ${p} while the hub's own ManifestWork still asks ${c} for a primary VRG`, events, `${o.event.seq}/${c}/work`);
          continue;
        }
        if (!rec) continue;
        const what = rec.exists ? `spec ${rec.specState || '(none)'}, state ${rec.state || '(none)'} at generation ${rec.observedGeneration}/${rec.generation}` : 'gone with its cluster';
        log.add(o.event.t, `relocate of ${key} promoted ${p} while ${c}'s VRG was not a proven Secondary (${what})`, events, `${o.event.seq}/${c}`);
      }
    },
    finish: () => log.report('safety'),
  };
}
