// Issue 5 "clean disable": after a DRPC deletion with every cluster reachable, nothing of the
// protection remains (hub spec §12, §18 S17, §19 L8; dr-cluster spec §7.5, §15 property 17).

import type { Checker, Observed, Waiting } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { disableInventory } from '../disable-inventory.js';
import { DisableTracker } from '../disable-tracker.js';
import type { ObservedWorld } from '../observed-world.js';
import { retainedAppDeletionWait } from './retained-app-deletion-wait.js';

/** Time a disable gets after its DRPC is gone for the clusters and S3 to finish cleaning up. */
export const DISABLE_SETTLE_MS = 10 * 60_000;

export function cleanDisable(): Checker {
  const log = new ViolationLog();
  const tracker = new DisableTracker();
  return {
    name: 'clean-disable',
    kind: 'liveness',
    source: 'hub spec §12, §18 S17, §19 L8; dr-cluster spec §7.5, §15 property 17',
    explanation:
      'After a DRPC is deleted with no fault in effect until it is gone, and once ' +
      `${DISABLE_SETTLE_MS / 60_000} minutes have passed since, no VRG, namespace or recipe ManifestWork, VRG view, VRG, ` +
      "VolumeReplication or S3 object under the VRG's prefix remains, the app namespace remains wherever it was (Ramen orphans it on " +
      'purpose) and the PVCs on the primary stay bound. A DRPC that is never removed fails this too. A VRG whose view did not ' +
      "show it when Ramen's deletion logic ran is left behind by design (Q6) and reported, not flagged; so is a DRPC deleted " +
      "during a failover's cleanup while the old home keeps the app through its RetainedForFailover decision (finding F12).",
    onEvent(o: Observed, w: ObservedWorld): void {
      tracker.onEvent(o, w);
    },
    finish(w: ObservedWorld) {
      const now = w.nowMs();
      const known: Waiting[] = [];
      for (const d of tracker.disables) {
        if (d.faulted) continue;
        if (d.removedMs === undefined) {
          if (now - d.startMs < DISABLE_SETTLE_MS) continue;
          const wait = retainedAppDeletionWait(w, d.app);
          if (wait !== undefined) known.push({ app: d.app.name, reason: wait });
          else log.add(now, `${d.drpc} was deleted at ${d.startMs} ms but is still there`, [d.startSeq]);
          continue;
        }
        if (now - d.removedMs < DISABLE_SETTLE_MS) continue;
        const inv = disableInventory(w, d.app, d.primary, d.namespacesBefore);
        // A VRG that Ramen's deletion logic could not see through its view is left behind by design
        // (Q6); its work, VRG and VolumeReplications on that cluster are reported, not flagged.
        // A VRG left behind keeps protecting, so the S3 objects under its prefix stay with it.
        const onInvisible = (item: string): boolean =>
          (d.invisible.size > 0 && item.startsWith('s3 ')) || [...d.invisible].some((c) => item.startsWith(`${c} `) || item.startsWith(`hub ManifestWork ${c}/`));
        const excused = inv.leftovers.filter(onInvisible);
        inv.leftovers = inv.leftovers.filter((x) => !onInvisible(x));
        if (excused.length) known.push({ app: d.app.name, reason: `the VRG on ${[...d.invisible].join(', ')} was invisible to Ramen's deletion logic (its view did not show it when deleted; hub spec Q6), so ${excused.join('; ')} remain` });
        if (inv.leftovers.length) log.add(now, `${d.drpc} was disabled but ${inv.leftovers.length} object(s) remain: ${inv.leftovers.slice(0, 5).join('; ')}`, [d.startSeq, d.removedSeq ?? -1], `${d.drpc}/left`);
        // A cluster destroyed since has lost everything by the fault, not by the disable.
        inv.missing = inv.missing.filter((m) => ![...w.destroyedClusters].some((c) => m.includes(` on ${c}`)));
        if (inv.missing.length) log.add(now, `${d.drpc} was disabled and lost what must stay: ${inv.missing.join('; ')}`, [d.startSeq, d.removedSeq ?? -1], `${d.drpc}/missing`);
      }
      return { ...log.report('liveness'), waiting: known };
    },
  };
}
