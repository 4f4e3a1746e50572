// DR-cluster spec §15 property 4: retain while protected.

import { ANN_RETAINED_VALUE, ANN_VOLSYNC_RETAINED, ANN_VR_PROTECTED, ANN_VR_PROTECTED_VALUE, ANN_VR_RETAINED } from '../../../engine/api/ramen/dr-constants.js';
import type { KubeObject } from '../../../engine/api/meta.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../sim/storage/core-shapes.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { DR_OPERATOR } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import { annotationOf, inFinalSync, vrgsCovering } from './dr-facts.js';
import { StoredForms } from './dr-memory.js';

function reclaimOf(pv: KubeObject | undefined): string | undefined {
  return (pv as PersistentVolume | undefined)?.spec?.persistentVolumeReclaimPolicy;
}

export function retainWhileProtected(): Checker {
  const log = new ViolationLog();
  const forms = new StoredForms({ PersistentVolumeClaim: 'v1', PersistentVolume: 'v1' });
  return {
    name: 'retain-while-protected',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 4, §5.2 step 3, §7.3, §6.4',
    explanation:
      'When the DR-cluster operator marks a PVC vr-protected=protected, its bound PV already has reclaim policy Retain (Ramen retains ' +
      'before it marks). When the operator switches a PV from Retain to another policy, it had itself recorded vr-retained or ' +
      'volsync-retained on that PV, or a VRG covering the claim is in a VolSync final sync (whose completion sets Delete ' +
      'unconditionally). Other actors changing a PV are not judged: the promise is about what Ramen does.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const seen = forms.seen(o, w);
      const e = o.event;
      if (!seen || e.actor !== DR_OPERATOR || !seen.after || e.verb === 'delete') return;
      const { before, after } = seen;
      const cluster = String(e.cluster);
      if (e.kind === 'PersistentVolumeClaim') {
        if (annotationOf(after, ANN_VR_PROTECTED) !== ANN_VR_PROTECTED_VALUE || annotationOf(before, ANN_VR_PROTECTED) === ANN_VR_PROTECTED_VALUE) return;
        const pvName = (after as PersistentVolumeClaim).spec?.volumeName;
        const pv = pvName ? w.peek(cluster, 'v1', 'PersistentVolume', pvName) : undefined;
        if (!pv || reclaimOf(pv) === 'Retain') return;
        log.add(e.t, `${cluster}: PVC ${after.metadata.namespace ?? ''}/${after.metadata.name} marked vr-protected while its PV ${pvName ?? ''} has reclaim policy ${reclaimOf(pv) ?? '(none)'}`, [e.seq], `${cluster}/pvc/${String(e.seq)}`);
        return;
      }
      if (e.kind !== 'PersistentVolume' || !before || reclaimOf(before) !== 'Retain' || reclaimOf(after) === 'Retain') return;
      if (annotationOf(before, ANN_VR_RETAINED) === ANN_RETAINED_VALUE || annotationOf(before, ANN_VOLSYNC_RETAINED) === ANN_RETAINED_VALUE) return;
      const claimNs = (before as PersistentVolume).spec?.claimRef?.namespace;
      if (claimNs !== undefined && vrgsCovering(w, cluster, claimNs).some((r) => inFinalSync(r.object))) return;
      log.add(e.t, `${cluster}: PV ${after.metadata.name} switched from Retain to ${reclaimOf(after) ?? '(none)'} though Ramen had not recorded retaining it`, [e.seq], `${cluster}/pv/${String(e.seq)}`);
    },
    finish: () => log.report('safety'),
  };
}
