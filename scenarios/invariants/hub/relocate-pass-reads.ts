// The relocate logic's own writes (hub spec §18 S4, S19): a hub write, in a pass that surely ran the
// relocate for its DRPC, that changes a VRG ManifestWork's state or final-sync flags or moves the
// placement decision. Earlier steps of the pass (VRG adoption, the global label) only stamp
// annotations on existing works and are not counted; neither is creating a work, which adoption also does.

import type { Observed } from '../checker.js';
import { HUB_OPERATOR } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import type { DrpcRecord } from '../tracking/drpc-tracker.js';
import type { VrgWorkSpec } from '../tracking/work-tracker.js';
import { hubDecisionWrite } from './pass-reads.js';
import { relocateOnlyTarget, relocateTarget } from './relocate-quiesce-order.js';

export interface RelocateWrite {
  drpc: DrpcRecord;
  target: string;
  what: string;
}

function sameState(a: VrgWorkSpec, b: VrgWorkSpec): boolean {
  return a.replicationState === b.replicationState && a.prepareForFinalSync === b.prepareForFinalSync && a.runFinalSync === b.runFinalSync;
}

export function relocateWrite(o: Observed, w: ObservedWorld): RelocateWrite | undefined {
  const t = o.event.t;
  const change = w.current.workChange;
  if (change?.before && change.after && change.actor === HUB_OPERATOR && !sameState(change.before, change.after)) {
    const drpc = w.drpcs.get(change.drpc);
    // Newly set final-sync flags come only from the relocate logic (see relocateOnlyTarget).
    const relocateOnly = (!change.before.prepareForFinalSync && change.after.prepareForFinalSync) || (!change.before.runFinalSync && change.after.runFinalSync);
    const target = drpc ? (relocateOnly ? relocateOnlyTarget : relocateTarget)(w, drpc, t) : undefined;
    return drpc && target !== undefined ? { drpc, target, what: `rewrote the VRG ManifestWork on ${change.cluster} (${change.after.replicationState})` } : undefined;
  }
  const dw = hubDecisionWrite(o, w);
  if (!dw || dw.before === dw.after || dw.drpcs.length !== 1) return undefined;
  const drpc = dw.drpcs[0]!;
  const cleared = dw.before !== '' && dw.after === '' && !dw.stillNamed;
  const target = (cleared ? relocateOnlyTarget : relocateTarget)(w, drpc, t);
  return target === undefined ? undefined : { drpc, target, what: `moved the decision from ${dw.before || 'none'} to ${dw.after || 'none'}` };
}
