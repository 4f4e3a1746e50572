// DR-cluster spec §15 property 7: the split-brain guard of the cluster-data restore.

import type { PersistentVolume } from '../../../sim/storage/core-shapes.js';
import { decodeObject, TYPE_PV, typePrefix, vrgPrefix } from '../../../engine/dr/vrg/s3-layout.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { namesNoS3, restoredVrg, vrgBuckets } from './dr-facts.js';

/** The claim two or more PVs of the bucket's copy name, if any. */
function doubleClaim(bucket: ReturnType<typeof vrgBuckets>[number], prefix: string): string | undefined {
  const seen = new Set<string>();
  for (const key of bucket.keys(typePrefix(prefix, TYPE_PV))) {
    const ref = decodeObject<PersistentVolume>(bucket.get(key) ?? new Uint8Array(), key).spec?.claimRef;
    const claim = `${ref?.namespace ?? ''}/${ref?.name ?? ''}`;
    if (seen.has(claim)) return claim;
    seen.add(claim);
  }
  return undefined;
}

export function splitBrainGuard(): Checker {
  const log = new ViolationLog();
  return {
    name: 'split-brain-guard',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 7, §5.6 step 3',
    explanation:
      'A cluster-data restore that reports VolRep objects restored had at least one S3 profile (of those the VRG names) whose ' +
      'PVs name each claim once: where every profile holds two PVs for the same PVC, Ramen restores from none of them. A VRG ' +
      'naming NoS3 is not judged, and a restore reporting none restored is what the guard produces.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      if (e.type !== 'dr.vrg.restore' || Number(e.volrep) === 0) return;
      const rec = restoredVrg(e, w);
      if (!rec || namesNoS3(rec.object)) return;
      const { cluster, namespace: ns, name } = rec;
      const buckets = vrgBuckets(w, rec.object);
      const claims = buckets.map((b) => doubleClaim(b, vrgPrefix(ns, name)));
      if (buckets.length === 0 || claims.some((c) => c === undefined)) return;
      log.add(e.t, `${cluster}: VRG ${ns}/${name} restored ${String(e.volrep)} VolRep objects although every S3 profile holds two PVs for PVC ${claims[0]!}`, [e.seq], `${cluster}/${ns}/${name}/${String(e.seq)}`);
    },
    finish: () => log.report('safety'),
  };
}
