// DR-cluster spec §15 property 3: the protection finalizer outlives the VR.

import { LABEL_CONSISTENCY_GROUP, PVC_VR_PROTECTION_FINALIZER } from '../../../engine/api/ramen/dr-constants.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { DR_OPERATOR, REPLICATION } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import { hasFinalizer, isDeleting } from './dr-facts.js';
import { StoredForms } from './dr-memory.js';

export function finalizerOutlivesVr(): Checker {
  const log = new ViolationLog();
  const forms = new StoredForms({ PersistentVolumeClaim: 'v1' });
  return {
    name: 'finalizer-outlives-vr',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 3, §6.1 step 8, §7.3',
    explanation:
      'In a regional world, when the DR-cluster operator removes the pvc-vr-protection finalizer from a PVC, no VolumeReplication of ' +
      'that PVC is stored on the cluster (not even one being deleted): Ramen deletes the VR and waits until the API server no ' +
      'longer returns it, or finds it missing, before it lets the PVC go. Metro worlds have no VRs; PVCs in a consistency group ' +
      '(membership of a VolumeGroupReplication) are not judged.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const seen = forms.seen(o, w);
      const e = o.event;
      if (!seen || e.actor !== DR_OPERATOR || e.verb === 'remove' || e.verb === 'delete' || w.isMetro()) return;
      const { before, after } = seen;
      if (!before || !after || !hasFinalizer(before, PVC_VR_PROTECTION_FINALIZER) || hasFinalizer(after, PVC_VR_PROTECTION_FINALIZER)) return;
      if (before.metadata.labels?.[LABEL_CONSISTENCY_GROUP]) return;
      const cluster = String(e.cluster);
      const ns = after.metadata.namespace ?? '';
      const vr = w.peek(cluster, REPLICATION, 'VolumeReplication', after.metadata.name, ns);
      if (!vr) return;
      log.add(
        e.t,
        `${cluster}: pvc-vr-protection removed from PVC ${ns}/${after.metadata.name} while its VolumeReplication is stored${isDeleting(vr) ? ' (being deleted)' : ''}`,
        [e.seq],
        `${cluster}/${ns}/${after.metadata.name}/${String(e.seq)}`,
      );
    },
    finish: () => log.report('safety'),
  };
}
