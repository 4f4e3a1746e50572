// Measurement: what a disable during a fault (a partition, a cluster down) leaves behind (hub spec
// §20 Q6). Ramen does not promise a clean disable then, so this reports and never fails.

import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { disableInventory } from '../disable-inventory.js';
import { DisableTracker } from '../disable-tracker.js';
import type { ObservedWorld } from '../observed-world.js';

export function disableLeftovers(): Checker {
  const log = new ViolationLog();
  const tracker = new DisableTracker();
  return {
    name: 'disable-leftovers',
    kind: 'measurement',
    source: 'hub spec §12, §20 Q6',
    explanation:
      'Measured, never failed: for a DRPC deleted while a fault was in effect (or injected before it was gone), what remains at the ' +
      'end of the run: ManifestWorks, views, VRGs, VolumeReplications and S3 objects of the protection, and any app namespace or bound ' +
      'PVC that went missing. Ramen leaves an unreachable cluster\'s VRG work in place (Q6).',
    onEvent(o: Observed, w: ObservedWorld): void {
      tracker.onEvent(o, w);
    },
    finish(w: ObservedWorld) {
      for (const d of tracker.disables) {
        if (!d.faulted) continue;
        const inv = disableInventory(w, d.app, d.primary, d.namespacesBefore);
        const state = d.removedMs === undefined ? 'the DRPC is still there' : `the DRPC was gone at ${d.removedMs} ms`;
        log.add(w.nowMs(), `${d.drpc} disabled during a fault (${state}): ${inv.leftovers.length} leftover(s)${inv.leftovers.length ? `: ${inv.leftovers.slice(0, 5).join('; ')}` : ''}; missing: ${inv.missing.join('; ') || 'nothing'}`, [d.startSeq, d.removedSeq ?? -1]);
      }
      return log.report('measurement');
    },
  };
}
