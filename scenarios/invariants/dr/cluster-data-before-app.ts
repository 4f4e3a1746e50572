// DR-cluster spec §15 property 6: cluster data before the app.

import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { decodeObject, TYPE_PV, TYPE_PVC, typePrefix, vrgPrefix } from '../../../engine/dr/vrg/s3-layout.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../sim/storage/core-shapes.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { conditionOf, inFinalSync, namesNoS3, operatorVrgStatusWrite, restoredVrg, vrgBuckets } from './dr-facts.js';
import { LastVrgStatus } from './dr-memory.js';

const isRestored = (vrg: VolumeReplicationGroup | undefined): boolean => {
  const c = conditionOf(vrg?.status?.conditions, 'ClusterDataReady');
  return c?.status === 'True' && c.reason === 'Restored';
};

/** Which PVs and PVCs under the prefix of one profile are missing on the cluster, or bound elsewhere. */
function missingFrom(w: ObservedWorld, cluster: string, bucket: ReturnType<typeof vrgBuckets>[number], prefix: string): string[] {
  const missing: string[] = [];
  for (const key of bucket.keys(typePrefix(prefix, TYPE_PV))) {
    const copy = decodeObject<PersistentVolume>(bucket.get(key) ?? new Uint8Array(), key);
    const live = w.peek<PersistentVolume>(cluster, 'v1', 'PersistentVolume', copy.metadata.name);
    const claim = copy.spec?.claimRef;
    if (!live || live.spec?.claimRef?.name !== claim?.name || live.spec?.claimRef?.namespace !== claim?.namespace) missing.push(`PV ${copy.metadata.name}`);
  }
  for (const key of bucket.keys(typePrefix(prefix, TYPE_PVC))) {
    const copy = decodeObject<PersistentVolumeClaim>(bucket.get(key) ?? new Uint8Array(), key);
    if (!w.peek(cluster, 'v1', 'PersistentVolumeClaim', copy.metadata.name, copy.metadata.namespace)) missing.push(`PVC ${copy.metadata.namespace ?? ''}/${copy.metadata.name}`);
  }
  return missing;
}

export function clusterDataBeforeApp(): Checker {
  const log = new ViolationLog();
  /** The restores each VRG incarnation (cluster/ns/name/uid) reported, by virtual time. */
  const restores = new Map<string, number[]>();
  const lastStatus = new LastVrgStatus();
  return {
    name: 'cluster-data-before-app',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 6, §5.1 step 3, §5.6',
    explanation:
      'A primary VRG status the DR-cluster operator writes with ClusterDataReady newly True/Restored follows a cluster-data restore ' +
      'of that VRG since its spec last became primary, unless a final sync is in progress or the VRG names the NoS3 profile (a ' +
      'Restored already shown is carried over, as Ramen carries it to later generations). Each restore that reports VolRep ' +
      'objects restored left, for at least one S3 profile the VRG names, every PV there on the cluster with the same claim, and ' +
      'every PVC there on the cluster: the hub, which places the app only after ClusterDataReady, never races PV recreation. ' +
      'The second clause of the property (state Primary implies DataReady) is status-generation-honesty.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      if (e.type === 'dr.vrg.restore') {
        const rec = restoredVrg(e, w);
        if (!rec) return;
        const { cluster, namespace: ns, name } = rec;
        const key = `${cluster}/${ns}/${name}/${rec.uid}`;
        restores.set(key, [...(restores.get(key) ?? []), e.t]);
        if (Number(e.volrep) === 0) return;
        const buckets = vrgBuckets(w, rec.object);
        const gaps = buckets.map((b) => missingFrom(w, cluster, b, vrgPrefix(ns, name)));
        if (gaps.length === 0 || gaps.some((g) => g.length === 0)) return;
        log.add(e.t, `${cluster}: VRG ${ns}/${name} reported ${String(e.volrep)} VolRep objects restored, yet ${gaps[0]!.slice(0, 3).join(', ')} from S3 profile ${buckets[0]!.profile} are not on the cluster as stored there`, [e.seq], `${key}/restore/${String(e.seq)}`);
        return;
      }
      const vrg = operatorVrgStatusWrite(o);
      if (!vrg) return;
      const cluster = String(e.cluster);
      const key = `${cluster}/${vrg.metadata.namespace ?? ''}/${vrg.metadata.name}/${vrg.metadata.uid ?? ''}`;
      const previous = lastStatus.swap(cluster, vrg);
      if (vrg.spec?.replicationState !== 'primary' || !isRestored(vrg) || isRestored(previous)) return;
      if (inFinalSync(vrg) || namesNoS3(vrg)) return;
      const rec = w.vrgs.get(cluster, vrg.metadata.namespace ?? '', vrg.metadata.name);
      const since = rec && rec.specState === 'primary' ? rec.specSinceMs : 0;
      if ((restores.get(key) ?? []).some((t) => t >= since)) return;
      log.add(e.t, `${cluster}: VRG ${vrg.metadata.namespace ?? ''}/${vrg.metadata.name} reported ClusterDataReady True/Restored with no cluster-data restore since it became primary`, [e.seq, rec?.lastSeq ?? -1], `${key}/${String(vrg.status?.observedGeneration)}`);
    },
    finish: () => log.report('safety'),
  };
}
