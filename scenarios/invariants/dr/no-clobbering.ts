// DR-cluster spec §15 property 8: no clobbering of live volumes.

import { ANN_RAMEN_RESTORE } from '../../../engine/api/ramen/dr-constants.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../sim/storage/core-shapes.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { DR_OPERATOR } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import { annotationOf, isDeleting } from './dr-facts.js';
import { StoredForms } from './dr-memory.js';

export function noClobbering(): Checker {
  const log = new ViolationLog();
  const forms = new StoredForms({ PersistentVolumeClaim: 'v1', PersistentVolume: 'v1' });
  return {
    name: 'no-clobbering',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 8, §5.6 steps 4-5',
    explanation:
      'The DR-cluster operator never deletes a Bound PV nor changes the volume (CSI driver or volume handle) of one, and it ' +
      'overwrites an existing PVC with the S3 copy (the update that first marks a live PVC ramen-restore) only while that PVC is ' +
      'Bound, not being deleted, and keeps the same PV. Judged on the stored objects before and after each operator write.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const seen = forms.seen(o, w);
      const e = o.event;
      if (!seen || e.actor !== DR_OPERATOR || e.verb === 'remove' || e.verb === 'create' || e.verb === 'status') return;
      const { before, after } = seen;
      const cluster = String(e.cluster);
      if (e.kind === 'PersistentVolume') {
        const old = before as PersistentVolume | undefined;
        if (old?.status?.phase !== 'Bound') return;
        const now = after as PersistentVolume | undefined;
        let what: string | undefined;
        if (e.verb === 'delete') what = 'deleted';
        else if (now && (now.spec?.csi?.volumeHandle !== old.spec?.csi?.volumeHandle || now.spec?.csi?.driver !== old.spec?.csi?.driver)) what = `given volume ${now.spec?.csi?.driver ?? ''}/${now.spec?.csi?.volumeHandle ?? ''}`;
        if (what) log.add(e.t, `${cluster}: Bound PV ${old.metadata.name} (volume ${old.spec?.csi?.volumeHandle ?? ''}) ${what} by the DR-cluster operator`, [e.seq], `${cluster}/pv/${String(e.seq)}`);
        return;
      }
      if (e.kind !== 'PersistentVolumeClaim' || !before || !after || e.verb === 'delete') return;
      if (annotationOf(after, ANN_RAMEN_RESTORE) === undefined || annotationOf(before, ANN_RAMEN_RESTORE) !== undefined) return;
      const old = before as PersistentVolumeClaim;
      const problems: string[] = [];
      if (old.status?.phase !== 'Bound') problems.push(`it was ${old.status?.phase ?? 'not Bound'}`);
      if (isDeleting(old)) problems.push('it was being deleted');
      if ((after as PersistentVolumeClaim).spec?.volumeName !== old.spec?.volumeName) problems.push(`its PV changed from ${old.spec?.volumeName ?? '(none)'}`);
      if (problems.length) log.add(e.t, `${cluster}: live PVC ${old.metadata.namespace ?? ''}/${old.metadata.name} overwritten by a restore though ${problems.join(' and ')}`, [e.seq], `${cluster}/pvc/${String(e.seq)}`);
    },
    finish: () => log.report('safety'),
  };
}
