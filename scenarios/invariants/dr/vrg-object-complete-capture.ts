// DR-cluster spec §15 property 11: an S3 VRG object points only to complete captures.

import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { decodeObject, TYPE_VRG, VRG_OBJECT_SUFFIX } from '../../../engine/dr/vrg/s3-layout.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { vrgBuckets } from './dr-facts.js';

export function vrgObjectCompleteCapture(): Checker {
  const log = new ViolationLog();
  /** `<ns>--<vrg>--<n>|<profile>` of every Velero backup that has completed on any cluster. */
  const completed = new Set<string>();
  return {
    name: 'vrg-object-complete-capture',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 11, §9.3',
    explanation:
      'When a cluster puts a VRG object in S3 whose captureToRecoverFrom names capture n, a Velero Backup of capture n has ' +
      'completed (on some cluster) for every S3 profile the object names: Ramen names a capture only once all its Backups ' +
      'completed, and a new primary names the capture it restored, completed by the old primary. Whether the completed Backup ' +
      'is the very one the identifier stands for is not judged: slots are reused, a new primary re-registers Backups that ' +
      'Velero fails as present, and a cut-off old primary may clear a slot a new primary still names, all legitimately.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      if (e.type === 'velero.backup' && e.phase === 'Completed') {
        // Backup names are <ns>--<vrg>--<n>--<group>--<profile>.
        const parts = String(e.name).split('--');
        if (parts.length >= 5) completed.add(`${parts.slice(0, 3).join('--')}|${parts[parts.length - 1]!}`);
        return;
      }
      if (e.type !== 's3.put') return;
      const key = String(e.key);
      const [ns = '', name = '', typeName, suffix] = key.split('/');
      if (typeName !== TYPE_VRG || suffix !== VRG_OBJECT_SUFFIX) return;
      const body = w.world.s3.get(String(e.endpoint))?.peek(String(e.bucket), key);
      if (!body) return;
      const vrg = decodeObject<VolumeReplicationGroup>(body, key);
      const n = vrg.status?.kubeObjectProtection?.captureToRecoverFrom?.number;
      if (n === undefined) return;
      const missing = vrgBuckets(w, vrg).filter((b) => !completed.has(`${ns}--${name}--${String(n)}|${b.profile}`)).map((b) => b.profile);
      if (missing.length === 0) return;
      log.add(e.t, `${String(e.caller)} uploaded VRG object ${ns}/${name} naming capture ${String(n)}, of which no Backup has completed for profile ${missing.join(', ')}`, [e.seq], `${String(e.caller)}/${ns}/${name}/${String(n)}`);
    },
    finish: () => log.report('safety'),
  };
}
