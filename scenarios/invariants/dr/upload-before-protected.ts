// DR-cluster spec §15 property 5: upload before "protected".

import type { PersistentVolumeClaim } from '../../../sim/storage/core-shapes.js';
import { NO_S3_PROFILE } from '../../../engine/api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { legacyPvcKey, pvcKey, pvKey, vrgPrefix } from '../../../engine/dr/vrg/s3-layout.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { DR_OPERATOR } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import { s3ProfilesOf } from '../observed-world.js';
import { S3Activity } from './s3-activity.js';

export function uploadBeforeProtected(): Checker {
  const log = new ViolationLog();
  const s3 = new S3Activity();
  return {
    name: 'upload-before-protected',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 5, §11',
    explanation:
      'When the DR-cluster operator writes a primary VRG whose ClusterDataProtected condition is True, the PV and PVC objects of ' +
      "every protected VolRep PVC in its status exist under the VRG's S3 prefix (<namespace>/<name>/) in every S3 profile the VRG " +
      'names: the cluster data a failover restores is in S3 before the VRG claims it is. An object another cluster deleted (the ' +
      "peer's VRG deleted as primary, two primaries after a failover under a partition) is out-of-band for this VRG: Ramen does " +
      'not re-upload while its archive annotations match, as the spec says, so it is not judged.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      s3.observe(e);
      if (e.type !== 'api.write' || e.kind !== 'VolumeReplicationGroup' || e.actor !== DR_OPERATOR || e.verb !== 'status' || !o.object || e.noop) return;
      const vrg = o.object as VolumeReplicationGroup;
      if (vrg.spec?.replicationState !== 'primary') return;
      const cdp = vrg.status?.conditions?.find((c) => c.type === 'ClusterDataProtected');
      if (cdp?.status !== 'True') return;
      const cluster = String(e.cluster);
      const prefix = vrgPrefix(vrg.metadata.namespace ?? '', vrg.metadata.name);
      const profiles = s3ProfilesOf(w);
      for (const ppvc of vrg.status?.protectedPVCs ?? []) {
        if (ppvc.protectedByVolSync || !ppvc.name) continue;
        const pvcNs = ppvc.namespace ?? vrg.metadata.namespace ?? '';
        const pvc = w.peek<PersistentVolumeClaim>(cluster, 'v1', 'PersistentVolumeClaim', ppvc.name, pvcNs);
        for (const profileName of vrg.spec.s3Profiles ?? []) {
          if (profileName === NO_S3_PROFILE) continue;
          const profile = profiles.get(profileName);
          const ep = profile ? w.world.s3.get(profile.url) : undefined;
          if (!profile || !ep) continue;
          const missing: string[] = [];
          // Absent, and not removed by another cluster (which the spec exempts as out-of-band).
          const lacks = (key: string): boolean => !ep.peek(profile.bucket, key) && [undefined, cluster].includes(s3.deleter(profile.url, key));
          if (lacks(pvcKey(prefix, pvcNs, ppvc.name)) && lacks(legacyPvcKey(prefix, ppvc.name))) missing.push('PVC');
          const pvName = pvc?.spec?.volumeName;
          if (pvName && lacks(pvKey(prefix, pvName))) missing.push(`PV ${pvName}`);
          if (missing.length === 0) continue;
          log.add(e.t, `${cluster}: VRG ${prefix} reported ClusterDataProtected True while ${missing.join(' and ')} of ${pvcNs}/${ppvc.name} were not in S3 profile ${profileName}`, [e.seq], `${cluster}/${prefix}/${ppvc.name}/${profileName}`);
        }
      }
    },
    finish: () => log.report('safety'),
  };
}
