// What a hub restored from OCM's hub backup (cluster-backup-operator, which drives Velero) gets back,
// computed from a dump of the old hub (hub spec §8). Included: every object carrying the
// `cluster.open-cluster-management.io/backup` label (how Ramen's DRPCs, DRPolicies, DRClusters and
// its hub ConfigMap travel), and the OCM API groups the backup covers (ManagedClusters, cluster sets
// and bindings, Placements, PlacementRules, Policies and PlacementBindings, apps). Left behind:
// ManifestWorks and ManagedClusterViews (their API groups are excluded), PlacementDecisions (excluded
// kind, and Ramen's carry Velero's exclude label anyway), replicated policies, leases, and anything
// labelled `velero.io/exclude-from-backup: "true"`. Velero restores without status, uid,
// resourceVersion, generation, timestamps or ownerReferences and adds its restore labels; a
// PlacementRule therefore comes back with no decisions.

import type { KubeObject } from '../../engine/api/meta.js';
import { OCM_BACKUP_LABEL, VELERO_EXCLUDE_LABEL } from '../../engine/api/ocm/backup-label.js';
import { ROOT_POLICY_LABEL } from '../../engine/api/ocm/policy.js';
import { clone, compareStrings } from '../apiserver/json.js';
import { splitApiVersion } from './resources.js';

/** API groups whose objects the backup skips even though they end in `.open-cluster-management.io`. */
export const EXCLUDED_BACKUP_GROUPS: readonly string[] = [
  'internal.open-cluster-management.io',
  'operator.open-cluster-management.io',
  'work.open-cluster-management.io',
  'search.open-cluster-management.io',
  'admission.hive.openshift.io',
  'proxy.open-cluster-management.io',
  'action.open-cluster-management.io',
  'view.open-cluster-management.io',
  'clusterview.open-cluster-management.io',
  'velero.io',
];

/** Kinds (as `kind.group`) the backup skips inside otherwise included groups. */
export const EXCLUDED_BACKUP_KINDS: readonly string[] = [
  'PlacementDecision.cluster.open-cluster-management.io',
  'ClusterClaim.cluster.open-cluster-management.io',
  'ClusterManagementAddOn.addon.open-cluster-management.io',
];

export const VELERO_BACKUP_NAME_LABEL = 'velero.io/backup-name';
export const VELERO_RESTORE_NAME_LABEL = 'velero.io/restore-name';

export interface HubBackupOptions {
  /** Names the backup and restore in Velero's labels. Default `acm-resources-schedule` / `restore-acm`. */
  backupName?: string;
  restoreName?: string;
}

/** Whether the OCM hub backup carries this object. */
export function isBackedUp(obj: KubeObject): boolean {
  const labels = obj.metadata.labels ?? {};
  if (labels[VELERO_EXCLUDE_LABEL] === 'true') return false;
  if (labels[OCM_BACKUP_LABEL] !== undefined) return true;
  const { group } = splitApiVersion(obj.apiVersion);
  const isOcmGroup = group.endsWith('.open-cluster-management.io') || group.endsWith('.hive.openshift.io') || group === 'argoproj.io';
  if (!isOcmGroup || EXCLUDED_BACKUP_GROUPS.includes(group)) return false;
  if (EXCLUDED_BACKUP_KINDS.includes(`${obj.kind}.${group}`)) return false;
  // Replicated policies are recreated by the propagator from their roots.
  if (labels[ROOT_POLICY_LABEL] !== undefined) return false;
  return true;
}

/** Velero's restore of one object: identity, timestamps, owners and status dropped; restore labels added. */
function asRestored(obj: KubeObject, backupName: string, restoreName: string): KubeObject {
  const out = clone(obj);
  const { name, namespace, labels, annotations, finalizers } = out.metadata;
  out.metadata = { name };
  if (namespace !== undefined) out.metadata.namespace = namespace;
  out.metadata.labels = { ...(labels ?? {}), [VELERO_BACKUP_NAME_LABEL]: backupName, [VELERO_RESTORE_NAME_LABEL]: restoreName };
  if (annotations && Object.keys(annotations).length > 0) out.metadata.annotations = annotations;
  if (finalizers && finalizers.length > 0) out.metadata.finalizers = finalizers;
  delete out.status;
  return out;
}

/**
 * The objects a restored hub receives, in restore order (cluster-scoped first), ready for
 * `SimApiServer.restore` on the wiped (or new) hub. Namespaces are recreated empty by the restore.
 */
export function hubBackupRestore(dump: readonly KubeObject[], options: HubBackupOptions = {}): KubeObject[] {
  const backupName = options.backupName ?? 'acm-resources-schedule';
  const restoreName = options.restoreName ?? 'restore-acm';
  return dump
    .filter(isBackedUp)
    .map((o) => asRestored(o, backupName, restoreName))
    .sort((a, b) => {
      const scope = Number(a.metadata.namespace !== undefined) - Number(b.metadata.namespace !== undefined);
      if (scope !== 0) return scope;
      return compareStrings(`${a.apiVersion}/${a.kind}/${a.metadata.namespace ?? ''}/${a.metadata.name}`, `${b.apiVersion}/${b.kind}/${b.metadata.namespace ?? ''}/${b.metadata.name}`);
    });
}
