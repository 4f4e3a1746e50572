// Unprotecting PVCs a primary VRG no longer selects (dr-cluster spec §7.2): PVCs still carrying this
// VRG's owner labels but absent from both protection lists lose their protection, and status keeps
// only entries of PVCs still protected.

import { PVC_VR_PROTECTION_FINALIZER } from '../../api/ramen/dr-constants.js';
import type { VrgInstance } from './instance.js';
import { hasFinalizer } from './kube-updates.js';
import { ownerLabels } from './owner-labels.js';
import { listPvcsBySelector, pvcSelectionOf } from './pvc-selector.js';
import { pvcUnprotectVolRep } from './volrep.js';
import { pvcUnprotectVolSync } from './volsync.js';

const keyOf = (ns: string | undefined, name: string | undefined): string => `${ns ?? ''}/${name ?? ''}`;

/** Ramen's pvcsDeselectedUnprotect; throws when the owned PVCs cannot be listed. */
export async function pvcsDeselectedUnprotect(v: VrgInstance): Promise<void> {
  if (!(v.isPrimary && !v.finalSyncInProgress)) return;
  const owned = await listPvcsBySelector(v, { matchLabels: ownerLabels(v.vrg.metadata.namespace ?? '', v.vrg.metadata.name) }, pvcSelectionOf(v.vrg, v.ramenConfig).namespaces);
  const vr = new Set(v.volRepPVCs.map((p) => keyOf(p.metadata.namespace, p.metadata.name)));
  const vs = new Set(v.volSyncPVCs.map((p) => keyOf(p.metadata.namespace, p.metadata.name)));
  for (const pvc of owned) {
    const key = keyOf(pvc.metadata.namespace, pvc.metadata.name);
    if (vr.has(key) || vs.has(key)) continue;
    if (hasFinalizer(pvc, PVC_VR_PROTECTION_FINALIZER)) await pvcUnprotectVolRep(v, pvc);
    else await pvcUnprotectVolSync(v, pvc);
  }
  if (!v.ramenConfig.volumeUnprotectionEnabled) return;
  v.status.protectedPVCs = v.status.protectedPVCs.filter((e) => {
    const key = keyOf(e.namespace, e.name);
    return vr.has(key) || vs.has(key);
  });
}
