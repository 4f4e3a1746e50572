// Follows DRPC deletions (disables) for clean-disable and disable-leftovers: when each began, which
// cluster was primary then, where the app namespace existed, whether any fault was in effect or
// injected before the DRPC was gone, and when it was gone.

import type { PersistentVolumeClaim } from '../../sim/storage/core-shapes.js';
import type { ManagedClusterView } from '../../engine/api/ocm/managed-cluster-view.js';
import { vrgViewName } from '../../engine/api/ramen/hub-constants.js';
import { interpretView } from '../../engine/hub/ocm/view-reader.js';
import type { AppDecl } from '../../sim/world/world-decl.js';
import type { Observed } from './checker.js';
import { HUB_OPERATOR } from './kinds.js';
import type { ObservedWorld } from './observed-world.js';

export interface Disable {
  drpc: string;
  app: AppDecl;
  startMs: number;
  startSeq: number;
  primary: string | undefined;
  namespacesBefore: string[];
  /** A fault was in effect or injected between the delete request and the DRPC's removal. */
  faulted: boolean;
  removedMs?: number;
  removedSeq?: number;
  /**
   * Clusters whose VRG existed but whose view, when the hub deleted it, did not show it: the VRG was
   * invisible to Ramen's deletion logic (quirk Q6; a view not yet refreshed has the same effect).
   */
  invisible: Set<string>;
}

export class DisableTracker {
  readonly disables: Disable[] = [];

  onEvent(o: Observed, w: ObservedWorld): void {
    const e = o.event;
    if (e.type === 'fault.inject') for (const d of this.disables) if (d.removedMs === undefined) d.faulted = true;
    if (e.type === 'api.write' && e.kind === 'ManagedClusterView' && e.verb === 'delete' && e.actor === HUB_OPERATOR && o.object) {
      const cluster = o.object.metadata.namespace ?? '';
      for (const d of this.disables) {
        if (d.removedMs !== undefined || o.object.metadata.name !== vrgViewName(d.app.name, d.app.namespace)) continue;
        let visible = true;
        try {
          interpretView(o.object as ManagedClusterView);
        } catch {
          visible = false;
        }
        if (!visible && w.vrgs.get(cluster, d.app.namespace, d.app.name)?.exists) d.invisible.add(cluster);
      }
    }
    if (e.type !== 'api.write' || e.kind !== 'DRPlacementControl' || e.cluster !== 'hub' || !o.object) return;
    const key = `${o.object.metadata.namespace ?? ''}/${o.object.metadata.name}`;
    const app = w.appOfDrpc(key);
    if (!app) return;
    const current = this.disables.find((d) => d.drpc === key && d.removedMs === undefined);
    if (e.verb === 'delete' && !current) {
      // A failover cut short by the delete can leave two primaries in spec; the PVCs that must stay
      // bound are those of a primary that had them bound, not of a target that never restored them.
      const bound = (c: string): boolean => app.pvcs.every((p) => w.peek<PersistentVolumeClaim>(c, 'v1', 'PersistentVolumeClaim', p.name, app.namespace)?.status?.phase === 'Bound');
      const primaries = w.world.clusterNames().filter((c) => w.vrgs.get(c, app.namespace, app.name)?.specState === 'primary' && w.vrgs.get(c, app.namespace, app.name)?.exists);
      const primary = primaries.length > 1 ? primaries.find(bound) : primaries[0];
      this.disables.push({
        drpc: key,
        app,
        startMs: e.t,
        startSeq: e.seq,
        primary,
        namespacesBefore: w.world.clusterNames().filter((c) => w.peek(c, 'v1', 'Namespace', app.namespace) !== undefined),
        faulted: w.env.faults.activeFaults().length > 0,
        invisible: new Set(),
      });
      return;
    }
    if (e.verb === 'remove' && current) {
      current.removedMs = e.t;
      current.removedSeq = e.seq;
    }
  }
}
