// DR-cluster spec §15 property 14: final sync integrity.

import { VOLSYNC_FINAL_SYNC_TRIGGER } from '../../../engine/api/ramen/dr-constants.js';
import type { ReplicationSource } from '../../../engine/api/storage/volsync.js';
import { VOLSYNC_API_VERSION } from '../../../engine/api/storage/volsync.js';
import type { Pod } from '../../../sim/storage/core-shapes.js';
import { claimNamesOf } from '../../../sim/storage/core-shapes.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { isDeleting, operatorVrgStatusWrite, trueAt } from './dr-facts.js';
import { LastVrgStatus } from './dr-memory.js';

export function finalSyncIntegrity(): Checker {
  const log = new ViolationLog();
  const lastStatus = new LastVrgStatus();
  return {
    name: 'final-sync-integrity',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 14, §6.2.1, §6.2.2, §6.4',
    explanation:
      'When a primary VRG with runFinalSync newly reports finalSyncComplete, every VolSync PVC in its status has a ' +
      `ReplicationSource whose lastManualSync is ${VOLSYNC_FINAL_SYNC_TRIGGER}, and the app PVC is gone or being deleted and ` +
      'mounted by no Pod. A secondary VRG status with DataReady True at its generation (so its reconcile got past the VolSync ' +
      'workload-activity check) has prepareForFinalSyncComplete and finalSyncComplete false. The order of the last sync and the ' +
      'PVC deletion is not judged, only the state when completion is claimed.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const vrg = operatorVrgStatusWrite(o);
      if (!vrg) return;
      const e = o.event;
      const cluster = String(e.cluster);
      const previous = lastStatus.swap(cluster, vrg);
      const where = `${cluster}: VRG ${vrg.metadata.namespace ?? ''}/${vrg.metadata.name}`;
      const status = vrg.status;
      if (vrg.spec?.replicationState === 'secondary') {
        if (!trueAt(status?.conditions, 'DataReady', status?.observedGeneration) || !(status?.finalSyncComplete || status?.prepareForFinalSyncComplete)) return;
        log.add(e.t, `${where} is Secondary with DataReady True but still reports ${status.finalSyncComplete ? 'finalSyncComplete' : 'prepareForFinalSyncComplete'}`, [e.seq], `${where}/secondary/${String(status.observedGeneration)}`);
        return;
      }
      if (!vrg.spec?.runFinalSync || !status?.finalSyncComplete || previous?.status?.finalSyncComplete) return;
      const problems: string[] = [];
      for (const p of status.protectedPVCs ?? []) {
        if (!p.protectedByVolSync || !p.name) continue;
        const ns = p.namespace ?? vrg.metadata.namespace ?? '';
        const rs = w.peek<ReplicationSource>(cluster, VOLSYNC_API_VERSION, 'ReplicationSource', p.name, ns);
        if (rs?.status?.lastManualSync !== VOLSYNC_FINAL_SYNC_TRIGGER) problems.push(`${ns}/${p.name} has no completed final sync`);
        const pvc = w.peek(cluster, 'v1', 'PersistentVolumeClaim', p.name, ns);
        if (pvc && !isDeleting(pvc)) problems.push(`PVC ${ns}/${p.name} is not deleted`);
        if (w.world.peekAll<Pod>(cluster, 'v1', 'Pod', ns).some((pod) => claimNamesOf(pod).includes(p.name ?? ''))) problems.push(`PVC ${ns}/${p.name} is mounted`);
      }
      if (problems.length === 0) return;
      log.add(e.t, `${where} reported finalSyncComplete while ${problems.slice(0, 3).join('; ')}`, [e.seq], `${where}/final/${String(e.seq)}`);
    },
    finish: () => log.report('safety'),
  };
}
