// DR-cluster spec §15 property 16: ownership exclusivity (limited).

import { ANN_VR_PROTECTED, ANN_VR_PROTECTED_VALUE } from '../../../engine/api/ramen/dr-constants.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { DR_OPERATOR } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import { annotationOf, ownerOf } from './dr-facts.js';
import { StoredForms } from './dr-memory.js';

export function ownershipExclusive(): Checker {
  const log = new ViolationLog();
  const forms = new StoredForms({ PersistentVolumeClaim: 'v1' });
  return {
    name: 'ownership-exclusive',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 16, §5.2 step 3',
    explanation:
      "The DR-cluster operator never rewrites a PVC's owner labels from one VRG to another while the PVC is not marked " +
      'vr-protected=protected: a VRG finding a PVC owned by another stops with "PVC owned by another resource". (The property is ' +
      'limited as the spec says: once a PVC is protected, a second VRG selecting it is not stopped, so that case is not judged; ' +
      'nor can a write that keeps the labels be attributed to one VRG.)',
    onEvent(o: Observed, w: ObservedWorld): void {
      const seen = forms.seen(o, w);
      const e = o.event;
      if (!seen?.before || !seen.after || e.actor !== DR_OPERATOR || e.verb === 'delete') return;
      const was = ownerOf(seen.before);
      const now = ownerOf(seen.after);
      if (!was || !now || (was.namespace === now.namespace && was.name === now.name)) return;
      if (annotationOf(seen.before, ANN_VR_PROTECTED) === ANN_VR_PROTECTED_VALUE) return;
      const pvc = `${seen.after.metadata.namespace ?? ''}/${seen.after.metadata.name}`;
      log.add(e.t, `${String(e.cluster)}: PVC ${pvc} owned by VRG ${was.namespace}/${was.name} relabelled for VRG ${now.namespace}/${now.name}`, [e.seq], `${String(e.cluster)}/${pvc}/${String(e.seq)}`);
    },
    finish: () => log.report('safety'),
  };
}
