// DR-cluster spec §15 property 12: no restore during final sync.

import { ANN_RAMEN_RESTORE, LABEL_OWNER_NAME } from '../../../engine/api/ramen/dr-constants.js';
import type { KubeObject } from '../../../engine/api/meta.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../sim/storage/core-shapes.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { annotationOf, FINAL_SYNC_TEMP_SUFFIX, inFinalSync, isDeleting, isOperatorSpecWrite, ownerOf, vrgsCovering } from './dr-facts.js';
import { SpecFlagSince, StoredForms } from './dr-memory.js';
import { SPEC_CHANGE_GRACE_MS } from './vr-follows-vrg.js';

/** What a create by the operator restores, and the namespace it restores into; undefined if not a restore. */
function restoreOf(kind: string, obj: KubeObject): { what: string; namespace: string } | undefined {
  if (kind === 'PersistentVolume' && annotationOf(obj, ANN_RAMEN_RESTORE) !== undefined) return { what: `PV ${obj.metadata.name}`, namespace: (obj as PersistentVolume).spec?.claimRef?.namespace ?? '' };
  if (kind !== 'PersistentVolumeClaim') return undefined;
  const pvc = obj as PersistentVolumeClaim;
  const fromSnapshot = pvc.spec?.dataSource?.kind === 'VolumeSnapshot' && !obj.metadata.name.endsWith(FINAL_SYNC_TEMP_SUFFIX);
  if (annotationOf(obj, ANN_RAMEN_RESTORE) === undefined && !fromSnapshot) return undefined;
  return { what: `PVC ${obj.metadata.namespace ?? ''}/${obj.metadata.name}`, namespace: obj.metadata.namespace ?? '' };
}

export function noRestoreDuringFinalSync(): Checker {
  const log = new ViolationLog();
  const finalSync = new SpecFlagSince(inFinalSync);
  const forms = new StoredForms({ PersistentVolumeClaim: 'v1' });
  return {
    name: 'no-restore-during-final-sync',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 12, §6.4',
    explanation:
      'While a VRG spec has prepareForFinalSync or runFinalSync set (for longer than ' +
      `${SPEC_CHANGE_GRACE_MS} ms, so a reconcile that read the spec before may finish), the DR-cluster operator creates no PV or ` +
      'PVC restored from S3 (ramen-restore) or from a VolSync snapshot in the namespaces that VRG covers, no Velero Backup ' +
      '(capture) or Restore owned by that VRG, and, while the VRG is primary and not being deleted, takes no PVC out of its ' +
      'protection (removing its owner labels: unprotection or deselection). A namespace several VRGs cover is judged only when ' +
      'all of them are in a final sync.',
    onEvent(o: Observed, w: ObservedWorld): void {
      finalSync.observe(o);
      const seen = forms.seen(o, w);
      if (!isOperatorSpecWrite(o)) return;
      const e = o.event;
      const cluster = String(e.cluster);
      const kind = String(e.kind);
      const obj = seen?.after ?? o.object ?? w.peek(cluster, kind === 'Backup' || kind === 'Restore' ? 'velero.io/v1' : 'v1', kind, String(e.name), e.ns === undefined || e.ns === null ? undefined : String(e.ns));
      if (!obj) return;
      const busy = (ns: string, name: string): boolean => finalSync.onFor(cluster, ns, name, e.t, SPEC_CHANGE_GRACE_MS);
      if (e.verb === 'create') {
        let what: string | undefined;
        let vrgs: { namespace: string; name: string }[] = [];
        if (kind === 'Backup' || kind === 'Restore') {
          const owner = ownerOf(obj);
          if (owner) [what, vrgs] = [`Velero ${kind} ${obj.metadata.name}`, [owner]];
        } else {
          const r = restoreOf(kind, obj);
          if (r) [what, vrgs] = [r.what, vrgsCovering(w, cluster, r.namespace)];
        }
        if (!what || vrgs.length === 0 || !vrgs.every((v) => busy(v.namespace, v.name))) return;
        log.add(e.t, `${cluster}: ${what} created during the final sync of VRG ${vrgs.map((v) => `${v.namespace}/${v.name}`).join(', ')}`, [e.seq], `${cluster}/${kind}/${obj.metadata.name}/${String(e.seq)}`);
        return;
      }
      if (kind !== 'PersistentVolumeClaim' || !seen?.before || !seen.after) return;
      const owner = ownerOf(seen.before);
      if (!owner || seen.after.metadata.labels?.[LABEL_OWNER_NAME] !== undefined || !busy(owner.namespace, owner.name)) return;
      const rec = w.vrgs.get(cluster, owner.namespace, owner.name);
      if (!rec?.exists || rec.specState !== 'primary' || isDeleting(rec.object)) return;
      log.add(e.t, `${cluster}: PVC ${seen.after.metadata.namespace ?? ''}/${seen.after.metadata.name} unprotected during the final sync of primary VRG ${owner.namespace}/${owner.name}`, [e.seq, rec.lastSeq], `${cluster}/unprotect/${String(e.seq)}`);
    },
    finish: () => log.report('safety'),
  };
}
