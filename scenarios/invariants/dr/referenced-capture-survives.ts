// DR-cluster spec §15 property 10: the referenced kube-object capture survives.

import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { isDeleting } from './dr-facts.js';

const CAPTURE_KEY = /^([^/]+)\/([^/]+)\/kube-objects\/(\d+)\//;

export function referencedCaptureSurvives(): Checker {
  const log = new ViolationLog();
  return {
    name: 'referenced-capture-survives',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 10, §9.3',
    explanation:
      "A cluster never deletes S3 objects of the kube-object capture slot its VRG's stored status names in " +
      'kubeObjectProtection.captureToRecoverFrom (unless the VRG is being deleted): a new capture clears and fills the other ' +
      'slot, so the capture a failover would restore from is always whole. The slot named by the last uploaded VRG object is not ' +
      'judged separately, nor are overwrites by Velero.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      if (e.type !== 's3.delete' && e.type !== 's3.deleteMany') return;
      const cluster = String(e.caller);
      if (!w.world.clusters.has(cluster)) return;
      for (const key of String(e.key).split(',')) {
        const m = CAPTURE_KEY.exec(key);
        if (!m) continue;
        const [, ns = '', name = '', slot] = m;
        const rec = w.vrgs.get(cluster, ns, name);
        if (!rec?.exists || isDeleting(rec.object)) continue;
        const current = rec.object.status?.kubeObjectProtection?.captureToRecoverFrom?.number;
        if (current !== Number(slot)) continue;
        log.add(e.t, `${cluster} deleted ${key} from ${String(e.endpoint)}, in capture slot ${String(slot)} that its VRG ${ns}/${name} names to recover from`, [e.seq, rec.lastSeq], `${cluster}/${ns}/${name}/${String(e.seq)}`);
        break;
      }
    },
    finish: () => log.report('safety'),
  };
}
