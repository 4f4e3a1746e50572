// Velero's include/exclude filters over resources and namespaces. Velero resolves each resource
// string through API discovery, so `PersistentVolumeClaims`, `pvc`, `persistentvolumeclaim` and
// `persistentvolumeclaims` all name the same resource, and `deployments.apps` qualifies by group.
// A string nothing resolves to is ignored (Velero only logs it). Exclusion wins over inclusion, and
// an empty include list or `*` includes everything.

import type { KindSchema } from '../../engine/api/schema/types.js';
import { matchesSelector, type KubeObject, type LabelSelector } from '../../engine/api/meta.js';
import { VeleroLabel } from '../../engine/api/storage/velero.js';

/** The resource as Velero writes it in paths and logs: `configmaps` or `deployments.apps`. */
export function groupResource(schema: KindSchema): string {
  return schema.group === '' ? schema.plural : `${schema.plural}.${schema.group}`;
}

/** Whether one filter string, resolved as discovery would, names this kind. */
export function namesResource(filter: string, schema: KindSchema): boolean {
  const text = filter.trim().toLowerCase();
  const names = [schema.plural, schema.singular ?? schema.kind.toLowerCase(), schema.kind.toLowerCase(), ...(schema.shortNames ?? [])].map((n) => n.toLowerCase());
  for (const n of names) {
    if (text === n) return true;
    if (schema.group !== '' && text === `${n}.${schema.group}`) return true;
  }
  return false;
}

export interface IncludeExclude {
  includes?: string[] | undefined;
  excludes?: string[] | undefined;
}

export function resourceSelected(filter: IncludeExclude, schema: KindSchema): boolean {
  if ((filter.excludes ?? []).some((f) => f === '*' || namesResource(f, schema))) return false;
  const includes = filter.includes ?? [];
  return includes.length === 0 || includes.some((f) => f === '*' || namesResource(f, schema));
}

export function namespaceSelected(filter: IncludeExclude, namespace: string): boolean {
  if ((filter.excludes ?? []).includes(namespace)) return false;
  const includes = filter.includes ?? [];
  return includes.length === 0 || includes.includes('*') || includes.includes(namespace);
}

/** labelSelector or, when given instead, any of orLabelSelectors; never both (validation refuses it). */
export function labelsSelected(obj: KubeObject, labelSelector: LabelSelector | undefined, orLabelSelectors: LabelSelector[] | undefined): boolean {
  const labels = obj.metadata.labels;
  if (orLabelSelectors && orLabelSelectors.length > 0) return orLabelSelectors.some((s) => matchesSelector(labels, s));
  return matchesSelector(labels, labelSelector);
}

/** Velero never captures an object labeled `velero.io/exclude-from-backup=true`, whatever the selector. */
export function excludedFromBackup(obj: KubeObject): boolean {
  return obj.metadata.labels?.[VeleroLabel.excludeFromBackup] === 'true';
}

/** Resources a restore never applies, as Velero's restore controller hard-codes them. */
export const NON_RESTORABLE_RESOURCES: readonly string[] = [
  'nodes',
  'events',
  'events.events.k8s.io',
  'backups.velero.io',
  'restores.velero.io',
  'resticrepositories.velero.io',
  'csinodes.storage.k8s.io',
  'volumeattachments.storage.k8s.io',
  'backuprepositories.velero.io',
];

/**
 * The order a restore applies resources in: Velero's default priorities first (namespaces before
 * anything inside them, storage and configuration before the pods that use them), then the rest by
 * name.
 */
export const RESTORE_PRIORITIES: readonly string[] = [
  'customresourcedefinitions',
  'namespaces',
  'storageclasses',
  'volumesnapshotclass.snapshot.storage.k8s.io',
  'volumesnapshotcontents.snapshot.storage.k8s.io',
  'volumesnapshots.snapshot.storage.k8s.io',
  'datauploads.velero.io',
  'persistentvolumes',
  'persistentvolumeclaims',
  'serviceaccounts',
  'secrets',
  'configmaps',
  'limitranges',
  'pods',
  'replicasets.apps',
  'clusterclasses.cluster.x-k8s.io',
  'endpoints',
  'services',
];

export function restoreOrder(a: string, b: string): number {
  const ia = RESTORE_PRIORITIES.indexOf(a);
  const ib = RESTORE_PRIORITIES.indexOf(b);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? Number.MAX_SAFE_INTEGER : ia) - (ib < 0 ? Number.MAX_SAFE_INTEGER : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}
