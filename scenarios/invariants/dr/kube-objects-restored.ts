// The kube objects a new primary restores match the capture it names (dr-cluster spec §9.6, §16.7).

import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { decodeObject, kubeObjectsPrefix, vrgObjectKey, vrgPrefix } from '../../../engine/dr/vrg/s3-layout.js';
import { decodeContents } from '../../../sim/velero/backup-contents.js';
import { NON_RESTORABLE_RESOURCES } from '../../../sim/velero/resource-filter.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { conditionOf, inFinalSync, namesNoS3, operatorVrgStatusWrite, vrgBuckets } from './dr-facts.js';
import { LastVrgStatus } from './dr-memory.js';
import { S3Activity } from './s3-activity.js';

const isRestored = (vrg: VolumeReplicationGroup | undefined): boolean => {
  const c = conditionOf(vrg?.status?.conditions, 'KubeObjectsReady');
  return c?.status === 'True' && c.reason === 'KubeObjectsRestored';
};

type Capture = NonNullable<NonNullable<NonNullable<VolumeReplicationGroup['status']>['kubeObjectProtection']>['captureToRecoverFrom']>;
const sameCapture = (a: Capture | undefined, b: Capture): boolean => a?.number === b.number && a.startTime === b.startTime;

/** Namespaced objects of the capture's backups in one bucket not on the cluster; undefined when the bucket holds no backup. */
function missingObjects(w: ObservedWorld, cluster: string, bucket: ReturnType<typeof vrgBuckets>[number], slotPrefix: string): string[] | undefined {
  const archives = bucket.keys(`${slotPrefix}backups/`).filter((k) => k.endsWith('.tar.gz'));
  if (archives.length === 0) return undefined;
  const missing: string[] = [];
  for (const key of archives) {
    for (const { resource, object } of decodeContents(bucket.get(key) ?? new Uint8Array())) {
      const ns = object.metadata.namespace;
      if (ns === undefined || NON_RESTORABLE_RESOURCES.includes(resource)) continue;
      let live;
      try {
        live = w.peek(cluster, object.apiVersion, object.kind, object.metadata.name, ns);
      } catch {
        live = undefined;
      }
      if (!live) missing.push(`${object.kind} ${ns}/${object.metadata.name}`);
    }
  }
  return missing;
}

export function kubeObjectsRestored(): Checker {
  const log = new ViolationLog();
  const lastStatus = new LastVrgStatus();
  const s3 = new S3Activity();
  return {
    name: 'kube-objects-restored',
    kind: 'safety',
    source: 'dr-cluster spec §9.6, §16 property 7, §15 property 11',
    explanation:
      'When a primary VRG newly reports KubeObjectsReady True/KubeObjectsRestored after a DR action (kube-object protection on, no ' +
      'final sync, no NoS3 profile), the capture its status names to recover from is the one the previous primary\'s VRG object ' +
      'in S3 names (in at least one profile whose VRG object has not been rewritten since this VRG became primary), and every ' +
      'namespaced object of that capture\'s Velero backups (in at least one profile holding them; Velero\'s non-restorable ' +
      'resources aside) exists on the cluster. Objects that already existed are kept by Velero, so existence is what is compared.',
    onEvent(o: Observed, w: ObservedWorld): void {
      s3.observe(o.event);
      const vrg = operatorVrgStatusWrite(o);
      if (!vrg) return;
      const e = o.event;
      const cluster = String(e.cluster);
      const previous = lastStatus.swap(cluster, vrg);
      if (vrg.spec?.replicationState !== 'primary' || !isRestored(vrg) || isRestored(previous)) return;
      if (!vrg.spec.kubeObjectProtection || !vrg.spec.action || inFinalSync(vrg) || namesNoS3(vrg)) return;
      const capture = vrg.status?.kubeObjectProtection?.captureToRecoverFrom;
      if (!capture) return;
      const ns = vrg.metadata.namespace ?? '';
      const name = vrg.metadata.name;
      const where = `${cluster}: VRG ${ns}/${name}`;
      const rec = w.vrgs.get(cluster, ns, name);
      const primarySince = rec?.specState === 'primary' ? rec.specSinceMs : 0;
      const buckets = vrgBuckets(w, vrg);
      const named: Capture[] = [];
      for (const b of buckets) {
        const key = vrgObjectKey(ns, name);
        const put = s3.lastPut(b.url, key);
        const body = b.get(key);
        if (!body || (put && (put.caller === cluster || put.atMs >= primarySince))) continue;
        const c = decodeObject<VolumeReplicationGroup>(body, key).status?.kubeObjectProtection?.captureToRecoverFrom;
        if (c) named.push(c);
      }
      if (named.length > 0 && !named.some((c) => sameCapture(c, capture))) {
        log.add(e.t, `${where} restored kube objects from capture ${String(capture.number)} (${capture.startTime ?? ''}), but the VRG object in S3 names capture ${String(named[0]!.number)} (${named[0]!.startTime ?? ''})`, [e.seq], `${where}/capture/${String(e.seq)}`);
      }
      const gaps = buckets.map((b) => missingObjects(w, cluster, b, kubeObjectsPrefix(vrgPrefix(ns, name), capture.number))).filter((g): g is string[] => g !== undefined);
      if (gaps.length === 0 || gaps.some((g) => g.length === 0)) return;
      log.add(e.t, `${where} reported kube objects restored from capture ${String(capture.number)}, yet ${gaps[0]!.slice(0, 3).join(', ')} of that capture are not on the cluster`, [e.seq], `${where}/objects/${String(e.seq)}`);
    },
    finish: () => log.report('safety'),
  };
}
