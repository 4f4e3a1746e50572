// DR-cluster spec §15 property 15: a failover restores VolSync PVCs from completed syncs only.

import type { ReplicationDestination } from '../../../engine/api/storage/volsync.js';
import { VOLSYNC_API_VERSION } from '../../../engine/api/storage/volsync.js';
import type { PersistentVolumeClaim } from '../../../sim/storage/core-shapes.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { FINAL_SYNC_TEMP_SUFFIX, isOperatorSpecWrite } from './dr-facts.js';

export function volSyncRestoreLatestImage(): Checker {
  const log = new ViolationLog();
  /** Every snapshot each ReplicationDestination (cluster/ns/name) has reported as its latest image. */
  const images = new Map<string, Set<string>>();
  return {
    name: 'volsync-restore-latest-image',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 15, §6.2.3',
    explanation:
      "A PVC the DR-cluster operator creates from a VolumeSnapshot (VolSync restore, Snapshot copy method) names a snapshot that " +
      'the same-named ReplicationDestination on that cluster has reported as its latestImage: a new primary starts from a ' +
      'completed sync, never from a snapshot still being written. Any image the RD reported counts, since a sync may complete ' +
      "between Ramen's read and its create. The final sync's temporary PVC is not a restore.",
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      if (e.type === 'api.wipe') {
        for (const k of [...images.keys()]) if (k.startsWith(`${String(e.cluster)}/`)) images.delete(k);
        return;
      }
      if (e.type !== 'api.write' || e.noop) return;
      const cluster = String(e.cluster);
      const key = `${cluster}/${String(e.ns)}/${String(e.name)}`;
      if (e.kind === 'ReplicationDestination') {
        const rd = w.peek<ReplicationDestination>(cluster, VOLSYNC_API_VERSION, 'ReplicationDestination', String(e.name), String(e.ns));
        const image = rd?.status?.latestImage?.name;
        if (image) images.set(key, (images.get(key) ?? new Set()).add(image));
        return;
      }
      if (e.kind !== 'PersistentVolumeClaim' || e.verb !== 'create' || !isOperatorSpecWrite(o) || !o.object) return;
      const pvc = o.object as PersistentVolumeClaim;
      const source = pvc.spec?.dataSource;
      if (source?.kind !== 'VolumeSnapshot' || pvc.metadata.name.endsWith(FINAL_SYNC_TEMP_SUFFIX)) return;
      if (images.get(key)?.has(source.name)) return;
      log.add(e.t, `${cluster}: PVC ${String(e.ns)}/${pvc.metadata.name} restored from snapshot ${source.name}, which its ReplicationDestination never reported as its latest image`, [e.seq], `${key}/${String(e.seq)}`);
    },
    finish: () => log.report('safety'),
  };
}
