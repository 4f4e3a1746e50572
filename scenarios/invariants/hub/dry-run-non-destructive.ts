// Hub spec §18 S18: a dry-run failover leaves the original home primary and the recorded pre-test
// state alone.

import type { DRPlacementControl } from '../../../engine/api/ramen/drpc.js';
import { LAST_ACTION_ANNOTATION, LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION } from '../../../engine/api/ramen/hub-constants.js';
import { HubKinds } from '../../../engine/hub/kinds.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { HUB_OPERATOR } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import { surelySaw } from './pass-reads.js';

const RECORDED = [LAST_ACTION_ANNOTATION, LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION] as const;

export function dryRunNonDestructive(): Checker {
  const log = new ViolationLog();
  return {
    name: 'dry-run-non-destructive',
    kind: 'safety',
    source: 'hub spec §18 S18',
    explanation:
      "While a DRPC's spec.dryRun is true, the hub never sets the original home's VRG ManifestWork (the cluster its " +
      'last-app-deployment-cluster annotation names) from primary to secondary, and never changes the last-action or ' +
      'last-app-deployment-cluster annotations. Both are judged only when every DRPC version the pass may have read had dryRun ' +
      "true; the hub updates the DRPC with its resourceVersion, so a hub write that succeeds follows the version it read.",
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      const change = w.current.workChange;
      if (change?.before?.replicationState === 'primary' && change.after?.replicationState === 'secondary' && change.actor === HUB_OPERATOR) {
        const drpc = w.drpcs.get(change.drpc);
        const home = (d: DRPlacementControl): boolean => d.spec?.dryRun === true && d.metadata.annotations?.[LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION] === change.cluster;
        if (drpc && surelySaw(w, drpc, e.t, home)) log.add(e.t, `${drpc.key} demoted its original home ${change.cluster} during a dry run`, [e.seq, drpc.episode.startSeq], String(e.seq));
        return;
      }
      if (e.type !== 'api.write' || e.cluster !== 'hub' || e.kind !== HubKinds.drpc.kind || e.actor !== HUB_OPERATOR || e.noop) return;
      const ns = String(e.ns ?? '');
      const before = w.hub.previous<DRPlacementControl>(HubKinds.drpc.kind, ns, String(e.name));
      const after = w.hub.latest<DRPlacementControl>(HubKinds.drpc.kind, ns, String(e.name));
      if (before?.spec?.dryRun !== true || !after) return;
      for (const key of RECORDED) {
        const was = before.metadata.annotations?.[key];
        const now = after.metadata.annotations?.[key];
        if (was !== now) log.add(e.t, `${ns}/${String(e.name)}: the hub changed ${key} from ${was ?? '(none)'} to ${now ?? '(none)'} during a dry run`, [e.seq], `${e.seq}/${key}`);
      }
    },
    finish: () => log.report('safety'),
  };
}
