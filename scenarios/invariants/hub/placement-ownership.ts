// Hub spec §18 S16 (first half): a DRPC never writes decisions for a placement another DRPC owns.

import { DRPC_NAME_ANNOTATION, DRPC_NAMESPACE_ANNOTATION } from '../../../engine/api/ramen/hub-constants.js';
import { HubKinds } from '../../../engine/hub/kinds.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { hubDecisionWrite } from './pass-reads.js';

export function placementOwnership(): Checker {
  const log = new ViolationLog();
  return {
    name: 'placement-ownership',
    kind: 'safety',
    source: 'hub spec §18 S16',
    explanation:
      'The hub writes a placement decision only for a placement that is not annotated as owned by a different DRPC: a decision ' +
      'write is flagged when, in every version of the placement current during the pass, the drpc-name/drpc-namespace annotations ' +
      'name a DRPC other than every DRPC whose placementRef names that placement (the only DRPCs that could have written it; when ' +
      'the owner is among them the writer cannot be told from the trace, so nothing is flagged).',
    onEvent(o: Observed, w: ObservedWorld): void {
      const dw = hubDecisionWrite(o, w);
      if (!dw || dw.drpcs.length === 0) return;
      const e = o.event;
      const candidates = new Set(dw.drpcs.map((d) => d.key));
      const versions = [
        ...w.hubDuringPass(HubKinds.placement.kind, dw.namespace, dw.placement, e.t),
        ...w.hubDuringPass(HubKinds.placementRule.kind, dw.namespace, dw.placement, e.t),
      ].filter((v) => v.object !== undefined);
      const owners = versions.map((v) => {
        const a = v.object!.metadata.annotations ?? {};
        return a[DRPC_NAME_ANNOTATION] ? `${a[DRPC_NAMESPACE_ANNOTATION] ?? ''}/${a[DRPC_NAME_ANNOTATION]}` : '';
      });
      if (owners.length === 0 || owners.some((owner) => owner === '' || candidates.has(owner))) return;
      log.add(e.t, `the hub wrote the decision of placement ${dw.namespace}/${dw.placement} for ${[...candidates].join(', ')} while the placement was owned by DRPC ${owners.at(-1)}`, [e.seq, ...versions.map((v) => v.seq)], String(e.seq));
    },
    finish: () => log.report('safety'),
  };
}
