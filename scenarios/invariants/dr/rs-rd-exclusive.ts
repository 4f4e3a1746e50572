// DR-cluster spec §15 property 13: RS/RD exclusivity.

import { VOLSYNC_API_VERSION } from '../../../engine/api/storage/volsync.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { isDeleting, isOperatorSpecWrite } from './dr-facts.js';
import { LABEL_VOLSYNC_OWNER, LABEL_VOLSYNC_OWNER_NAMESPACE } from '../../../engine/api/ramen/dr-constants.js';
import type { KubeObject } from '../../../engine/api/meta.js';

const OTHER: Readonly<Record<string, string>> = { ReplicationSource: 'ReplicationDestination', ReplicationDestination: 'ReplicationSource' };

function volSyncOwner(obj: KubeObject | undefined): string | undefined {
  const l = obj?.metadata.labels ?? {};
  const name = l[LABEL_VOLSYNC_OWNER];
  return name === undefined ? undefined : `${l[LABEL_VOLSYNC_OWNER_NAMESPACE] ?? ''}/${name}`;
}

export function rsRdExclusive(): Checker {
  const log = new ViolationLog();
  return {
    name: 'rs-rd-exclusive',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 13, §6.2.1, §6.2.2',
    explanation:
      'When the DR-cluster operator creates or updates a VolSync ReplicationSource it owns for a PVC, no ReplicationDestination of ' +
      'that PVC owned by the same VRG is stored unless its deletion has been issued; likewise for a ReplicationDestination and the ' +
      'ReplicationSource. Ramen issues the deletion of the other one first, so a cluster never both sends and receives one PVC.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      const other = OTHER[String(e.kind)];
      if (!other || !isOperatorSpecWrite(o)) return;
      const cluster = String(e.cluster);
      const ns = String(e.ns);
      const mine = w.peek(cluster, VOLSYNC_API_VERSION, String(e.kind), String(e.name), ns);
      const owner = volSyncOwner(mine);
      if (!owner) return;
      const theirs = w.peek(cluster, VOLSYNC_API_VERSION, other, String(e.name), ns);
      if (!theirs || isDeleting(theirs) || volSyncOwner(theirs) !== owner) return;
      log.add(e.t, `${cluster}: ${String(e.kind)} ${ns}/${String(e.name)} written while the ${other} of the same PVC, owned by VRG ${owner}, is stored and not being deleted`, [e.seq], `${cluster}/${ns}/${String(e.name)}/${String(e.seq)}`);
    },
    finish: () => log.report('safety'),
  };
}
