// DR-cluster spec §15 property 18: a dry run writes nothing to S3.

import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { SpecFlagSince } from './dr-memory.js';
import { SPEC_CHANGE_GRACE_MS } from './vr-follows-vrg.js';

export function dryRunNoUpload(): Checker {
  const log = new ViolationLog();
  const dryRun = new SpecFlagSince((vrg) => vrg.spec?.dryRun === true);
  return {
    name: 'dry-run-no-upload',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 18, §5.9',
    explanation:
      "While a VRG's spec has dryRun set (for longer than " +
      `${SPEC_CHANGE_GRACE_MS} ms), its cluster puts no S3 object under the VRG's prefix (<namespace>/<name>/): no PV/PVC, ` +
      'VolumeGroupReplication or VRG object upload. Keys under kube-objects/ are Velero\'s (a capture started before the dry run, ' +
      'or a recovery\'s restore log) and are not judged; deletions are not suppressed by a dry run and are not judged either.',
    onEvent(o: Observed, w: ObservedWorld): void {
      dryRun.observe(o);
      const e = o.event;
      if (e.type !== 's3.put') return;
      const cluster = String(e.caller);
      const [ns = '', name, kind] = String(e.key).split('/');
      if (name === undefined || kind === 'kube-objects' || !w.world.clusters.has(cluster)) return;
      if (!dryRun.onFor(cluster, ns, name, e.t, SPEC_CHANGE_GRACE_MS)) return;
      log.add(e.t, `${cluster} uploaded ${String(e.key)} to ${String(e.endpoint)} while its VRG ${ns}/${name} is a dry run`, [e.seq, w.vrgs.get(cluster, ns, name)?.lastSeq ?? -1], `${cluster}/${ns}/${name}`);
    },
    finish: () => log.report('safety'),
  };
}
