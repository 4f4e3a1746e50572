// Hub spec §18 S10: in a failover the old primary is demoted only after the new home owns the
// decision, and a RetainedForFailover decision goes only once that cluster's VRG took the secondary spec.

import type { KubeObject } from '../../../engine/api/meta.js';
import type { PlacementDecision } from '../../../engine/api/ocm/placement-decision.js';
import { PLACEMENT_LABEL, RETAINED_FOR_FAILOVER_REASON } from '../../../engine/api/ramen/hub-constants.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { CLUSTER_V1BETA1 } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';

function decisionsOf(pd: KubeObject | undefined): { clusterName: string; reason: string }[] {
  return (pd as PlacementDecision | undefined)?.status?.decisions ?? [];
}

export function failoverDemotesAfterDecision(): Checker {
  const log = new ViolationLog();
  const lastDecisions = new Map<string, { decisions: { clusterName: string; reason: string }[]; seq: number }>();
  return {
    name: 'failover-demotes-after-decision',
    kind: 'safety',
    source: 'hub spec §18 S10',
    explanation:
      "During a Failover (outside dry-run), the hub may set a cluster's VRG ManifestWork from primary to secondary only when the " +
      "DRPC's PlacementDecision already names the failover target as the active decision; and it may drop a RetainedForFailover " +
      "decision for cluster C only after C's stored VRG has taken the secondary spec (observedGeneration equal to generation with spec " +
      'secondary). Demoting first would stop the app before the new home runs it.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      // A restored hub starts its decisions afresh: nothing before the wipe is "removed" by Ramen.
      if (e.type === 'api.wipe' && e.cluster === 'hub') lastDecisions.clear();
      if (e.type === 'api.write' && e.kind === 'PlacementDecision' && e.verb === 'remove' && o.object) lastDecisions.delete(`${o.object.metadata.namespace ?? ''}/${o.object.metadata.name}`);
      else if (e.type === 'api.write' && e.kind === 'PlacementDecision' && o.object && e.cluster === 'hub') {
        const key = `${o.object.metadata.namespace ?? ''}/${o.object.metadata.name}`;
        const before = lastDecisions.get(key);
        const after = decisionsOf(o.object);
        lastDecisions.set(key, { decisions: after, seq: e.seq });
        if (e.actor !== 'ramen-hub-operator' || !before) return;
        for (const d of before.decisions) {
          if (d.reason !== RETAINED_FOR_FAILOVER_REASON || after.some((x) => x.clusterName === d.clusterName && x.reason === RETAINED_FOR_FAILOVER_REASON)) continue;
          const ns = o.object.metadata.namespace ?? '';
          const drpc = w.drpcs.all().find((r) => r.namespace === ns && r.object.spec?.placementRef?.name === o.object?.metadata.labels?.[PLACEMENT_LABEL]);
          if (!drpc || drpc.deleting) continue;
          const rec = w.vrgs.get(d.clusterName, drpc.namespace, drpc.name);
          if (rec && (rec.destroyed || (rec.specState === 'secondary' && rec.secondarySpecObservedSeq !== undefined))) continue;
          const what = !rec || !rec.exists ? 'no VRG' : `a VRG with spec ${rec.specState}, observed generation ${rec.observedGeneration} of ${rec.generation}`;
          log.add(e.t, `${drpc.key}: RetainedForFailover decision for ${d.clusterName} removed while that cluster had ${what}`, [e.seq, before.seq, rec?.lastSeq ?? -1], `${e.seq}/${d.clusterName}`);
        }
        return;
      }
      const change = w.current.workChange;
      if (!change?.after || change.before?.replicationState !== 'primary' || change.after.replicationState !== 'secondary') return;
      const drpc = w.drpcs.get(change.drpc);
      if (!drpc || drpc.episode.action !== 'Failover' || drpc.object.spec?.dryRun) return;
      const target = drpc.episode.target;
      const placement = drpc.object.spec?.placementRef?.name ?? '';
      const pds = w.world.peekAll('hub', CLUSTER_V1BETA1, 'PlacementDecision', drpc.namespace).filter((x) => x.metadata.labels?.[PLACEMENT_LABEL] === placement);
      const active = pds.flatMap((pd) => decisionsOf(pd)).filter((d) => d.reason !== RETAINED_FOR_FAILOVER_REASON);
      const events = [e.seq, drpc.episode.startSeq, ...pds.map((pd) => lastDecisions.get(`${pd.metadata.namespace ?? ''}/${pd.metadata.name}`)?.seq ?? -1)];
      if (change.cluster === target) {
        log.add(e.t, `failover of ${change.drpc} demoted its own target ${target}`, events, String(e.seq));
        return;
      }
      if (!active.some((d) => d.clusterName === target)) {
        log.add(e.t, `failover of ${change.drpc} demoted ${change.cluster} while the active decision was [${active.map((d) => d.clusterName).join(', ')}], not the target ${target}`, events, String(e.seq));
      }
    },
    finish: () => log.report('safety'),
  };
}
