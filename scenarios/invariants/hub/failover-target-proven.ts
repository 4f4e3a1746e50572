// Hub spec §18 S6: a failover target must be a proven secondary (or already primary).

import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';

export function failoverTargetProven(): Checker {
  const log = new ViolationLog();
  return {
    name: 'failover-target-proven',
    kind: 'safety',
    source: 'hub spec §18 S6',
    explanation:
      "When the hub writes a VRG ManifestWork that newly makes the failover target T primary, T's stored VRG must exist and be " +
      'either primary in spec or a proven Secondary (state Secondary reported at a generation whose spec was secondary, with no ' +
      'primary spec since). An unreachable target keeps its stored VRG, so this is exactly what a fresh view could have shown; a ' +
      'VRG-less target, or one whose last Secondary report predates its current incarnation, fails.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const change = w.current.workChange;
      if (!change?.after || change.after.replicationState !== 'primary' || change.before?.replicationState === 'primary' || change.verb === 'delete') return;
      const drpc = w.drpcs.get(change.drpc);
      if (!drpc || drpc.episode.action !== 'Failover' || drpc.episode.target !== change.cluster) return;
      const rec = w.vrgs.get(change.cluster, drpc.namespace, drpc.name);
      const events = [o.event.seq, drpc.episode.startSeq, ...(rec ? [rec.lastSeq] : [])];
      if (!rec || (!rec.exists && !rec.destroyed)) {
        log.add(o.event.t, `failover of ${change.drpc} promoted ${change.cluster}, which had no VRG`, events, String(o.event.seq));
        return;
      }
      if (rec.specState === 'primary' || rec.provenSecondarySeq !== undefined) return;
      log.add(
        o.event.t,
        `failover of ${change.drpc} promoted ${change.cluster} whose VRG was not a proven Secondary (spec ${rec.specState || '(none)'}, state ${rec.state || '(none)'}, observed generation ${rec.observedGeneration} of ${rec.generation})`,
        events,
        String(o.event.seq),
      );
    },
    finish: () => log.report('safety'),
  };
}
