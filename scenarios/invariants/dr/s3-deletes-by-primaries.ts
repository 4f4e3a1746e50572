// DR-cluster spec §15 property 9: S3 deletions only by primaries.

import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { SPEC_CHANGE_GRACE_MS } from './vr-follows-vrg.js';

export function s3DeletesByPrimaries(): Checker {
  const log = new ViolationLog();
  return {
    name: 's3-deletes-by-primaries',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 9',
    explanation:
      "Objects under a VRG's S3 prefix (<namespace>/<name>/) are deleted from a managed cluster only while that cluster's VRG of that " +
      'name has spec replicationState primary (VRG deletion, PVC unprotection, capture-slot reuse). A secondary never deletes S3 data, ' +
      `since the other cluster's restore depends on it. A request issued up to ${SPEC_CHANGE_GRACE_MS} ms before the spec changed is allowed.`,
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      if (e.type !== 's3.delete' && e.type !== 's3.deleteMany') return;
      const cluster = String(e.caller);
      if (!w.world.clusters.has(cluster)) return;
      const keys = String(e.key).split(',').filter((k) => k !== '');
      const prefixes = new Set(keys.map((k) => k.split('/').slice(0, 2).join('/')));
      for (const p of prefixes) {
        const [ns, name] = p.split('/') as [string, string | undefined];
        if (name === undefined) continue;
        const rec = w.vrgs.get(cluster, ns, name);
        if (rec && w.vrgs.specWas(rec, 'primary', e.t, SPEC_CHANGE_GRACE_MS)) continue;
        const what = rec ? `its VRG there has spec ${rec.specState || '(none)'}` : 'it has no VRG of that name';
        log.add(e.t, `${cluster} deleted S3 objects under ${p}/ in ${String(e.endpoint)} while ${what}`, [e.seq, rec?.lastSeq ?? -1], `${e.seq}/${p}`);
      }
    },
    finish: () => log.report('safety'),
  };
}
