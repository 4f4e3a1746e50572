// Ramen's "owner labels": the VRG namespace and name stamped on the PVCs and VRs it protects. They
// are how deselection finds formerly protected PVCs and how a second VRG is kept off a PVC.

import { LABEL_OWNER_NAME, LABEL_OWNER_NAMESPACE_NAME } from '../../api/ramen/dr-constants.js';

export function ownerLabels(vrgNamespace: string, vrgName: string): Record<string, string> {
  return { [LABEL_OWNER_NAMESPACE_NAME]: vrgNamespace, [LABEL_OWNER_NAME]: vrgName };
}

export type OwnerComparison = 'Absent' | 'Same' | 'Different';

/**
 * Ramen's ObjectOwnerSetIfNotAlready: any owner label with another value → Different (nothing
 * written); all present and equal → Same; otherwise the missing ones are added → Absent.
 */
export function setOwnerIfNotAlready(meta: { labels?: Record<string, string> }, owner: Record<string, string>): OwnerComparison {
  if (meta.labels === undefined) {
    meta.labels = { ...owner };
    return 'Absent';
  }
  let allSame = true;
  for (const [k, v] of Object.entries(owner)) {
    const have = meta.labels[k];
    if (have === undefined) {
      allSame = false;
      continue;
    }
    if (have !== v) return 'Different';
  }
  if (allSame) return 'Same';
  Object.assign(meta.labels, owner);
  return 'Absent';
}

export function unsetOwner(meta: { labels?: Record<string, string> }, owner: Record<string, string>): boolean {
  let removed = false;
  for (const k of Object.keys(owner)) {
    if (meta.labels && k in meta.labels) {
      delete meta.labels[k];
      removed = true;
    }
  }
  return removed;
}

/** The VRG a PVC's owner labels name, as `namespace/name` (empty parts when absent). */
export function ownerOf(labels: Record<string, string> | undefined): string {
  return `${labels?.[LABEL_OWNER_NAMESPACE_NAME] ?? ''}/${labels?.[LABEL_OWNER_NAME] ?? ''}`;
}
