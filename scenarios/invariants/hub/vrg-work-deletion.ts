// Hub spec §18 S11: VRG ManifestWorks are deleted only while the DRPC is being deleted, secondaries first.

import type { ManagedClusterView } from '../../../engine/api/ocm/managed-cluster-view.js';
import { vrgViewName } from '../../../engine/api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { interpretView } from '../../../engine/hub/ocm/view-reader.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { HUB_OPERATOR, VIEW } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';

export function vrgWorkDeletion(): Checker {
  const log = new ViolationLog();
  return {
    name: 'vrg-work-deletion',
    kind: 'safety',
    source: 'hub spec §18 S11',
    explanation:
      'The hub deletes a VRG ManifestWork only while its DRPC is being deleted (deploy, failover and relocate never do), and it ' +
      "deletes the work of a cluster whose view shows a primary VRG only when no other cluster's view still shows a VRG with spec " +
      'secondary: secondaries go first. Views are read exactly as Ramen reads them, so a view that is merely stale (Ramen refreshes ' +
      'them every 30 s) is judged as Ramen would judge it.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const change = w.current.workChange;
      const e = o.event;
      if (!change || change.verb !== 'delete' || change.actor !== HUB_OPERATOR) return;
      const drpc = w.drpcs.get(change.drpc);
      const events = [e.seq, drpc?.lastSeq ?? -1];
      if (drpc && drpc.exists && !drpc.deleting) {
        log.add(e.t, `the hub deleted the VRG ManifestWork of ${change.drpc} on ${change.cluster} while the DRPC was not being deleted (action ${drpc.episode.action || 'none'})`, events, String(e.seq));
        return;
      }
      if (!drpc) return;
      // Ramen tells primaries from secondaries by their views, stale or not (hub spec §5.2, §12).
      const viewed = (c: string): VolumeReplicationGroup | undefined => {
        const view = w.peek<ManagedClusterView>('hub', VIEW, 'ManagedClusterView', vrgViewName(drpc.name, drpc.namespace), c);
        if (!view) return undefined;
        try {
          return interpretView<VolumeReplicationGroup>(view);
        } catch {
          return undefined;
        }
      };
      if (viewed(change.cluster)?.spec?.replicationState !== 'primary') return;
      for (const c of w.world.clusterNames()) {
        if (c === change.cluster) continue;
        if (viewed(c)?.spec?.replicationState !== 'secondary') continue;
        log.add(e.t, `the hub deleted the primary VRG ManifestWork of ${change.drpc} on ${change.cluster} while the view of ${c} still showed a secondary VRG`, events, `${e.seq}/${c}`);
      }
    },
    finish: () => log.report('safety'),
  };
}
