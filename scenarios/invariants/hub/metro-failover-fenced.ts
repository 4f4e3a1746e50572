// Hub spec §18 S7: a metro failover promotes only after the old home is fenced.

import { DRCLUSTER_FENCED } from '../../../engine/api/ramen/drcluster.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';

export function metroFailoverFenced(): Checker {
  const log = new ViolationLog();
  const fencedSeq = new Map<string, number>();
  return {
    name: 'metro-failover-fenced',
    kind: 'safety',
    source: 'hub spec §18 S7',
    explanation:
      "In a metro (shared storage) world, when the hub writes a VRG ManifestWork that newly makes the failover target primary, the " +
      "old home's DRCluster (the cluster whose work was primary until then) must have condition Fenced True with observedGeneration " +
      'equal to its generation, as stored on the hub at that moment. Without the fence both sites could write the one shared image.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      if (e.type === 'api.write' && e.kind === 'DRCluster' && o.object) fencedSeq.set(o.object.metadata.name, e.seq);
      if (!w.isMetro()) return;
      const change = w.current.workChange;
      if (!change?.after || change.after.replicationState !== 'primary' || change.before?.replicationState === 'primary' || change.verb === 'delete') return;
      const drpc = w.drpcs.get(change.drpc);
      if (!drpc || drpc.episode.action !== 'Failover') return;
      const oldHomes = w.works.primariesOf(change.drpc).filter((c) => c !== change.cluster);
      for (const home of oldHomes) {
        const dc = w.drCluster(home);
        const c = dc?.status?.conditions?.find((x) => x.type === DRCLUSTER_FENCED);
        if (c?.status === 'True' && (c.observedGeneration ?? 0) === (dc?.metadata.generation ?? 0)) continue;
        const why = !dc ? 'has no DRCluster' : !c ? 'has no Fenced condition' : `has Fenced ${c.status} at observed generation ${c.observedGeneration ?? 0} of ${dc.metadata.generation ?? 0}`;
        log.add(e.t, `metro failover of ${change.drpc} promoted ${change.cluster} while the old home ${home} ${why}`, [e.seq, drpc.episode.startSeq, fencedSeq.get(home) ?? -1], `${e.seq}/${home}`);
      }
    },
    finish: () => log.report('safety'),
  };
}
