// Hub spec §18 S13: at most one active placement decision.

import type { PlacementDecision } from '../../../engine/api/ocm/placement-decision.js';
import { RETAINED_FOR_FAILOVER_REASON } from '../../../engine/api/ramen/hub-constants.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { HUB_OPERATOR } from '../kinds.js';

export function oneActiveDecision(): Checker {
  const log = new ViolationLog();
  return {
    name: 'one-active-decision',
    kind: 'safety',
    source: 'hub spec §18 S13',
    explanation:
      'Every PlacementDecision status the hub operator writes holds at most one decision whose reason is not RetainedForFailover: ' +
      'OCM deploys the app wherever a decision points, so two active decisions would run the app on two clusters.',
    onEvent(o: Observed): void {
      const e = o.event;
      if (e.type !== 'api.write' || e.kind !== 'PlacementDecision' || e.actor !== HUB_OPERATOR || !o.object || e.verb === 'remove') return;
      const decisions = (o.object as PlacementDecision).status?.decisions ?? [];
      const active = decisions.filter((d) => d.reason !== RETAINED_FOR_FAILOVER_REASON);
      if (active.length <= 1) return;
      log.add(e.t, `PlacementDecision ${String(e.ns)}/${String(e.name)} was written with ${active.length} active decisions: ${active.map((d) => d.clusterName).join(', ')}`, [e.seq]);
    },
    finish: () => log.report('safety'),
  };
}
