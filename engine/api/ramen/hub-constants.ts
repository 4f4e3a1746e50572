// The identifiers the hub operator reads and writes: API group, finalizers, labels, annotations and
// the names of the objects it creates (hub spec §1). They are wire-format facts, so each one is spelled
// exactly as Ramen spells it and nothing else in the hub code may repeat the literal.

export const RAMEN_GROUP = 'ramendr.openshift.io';
export const RAMEN_VERSION = 'v1alpha1';
export const RAMEN_API_VERSION = `${RAMEN_GROUP}/${RAMEN_VERSION}`;

// Finalizers (§1.1).
export const DRPC_FINALIZER = 'drpc.ramendr.openshift.io/finalizer';
export const DRPOLICY_FINALIZER = 'drpolicies.ramendr.openshift.io/ramen';
export const DRCLUSTER_FINALIZER = 'drclusters.ramendr.openshift.io/ramen';

// Labels (§1.2).
export const OCM_BACKUP_LABEL = 'cluster.open-cluster-management.io/backup';
export const OCM_BACKUP_LABEL_VALUE = 'ramen';
export const CREATED_BY_RAMEN_LABEL = 'ramendr.openshift.io/created-by-ramen';
export const VELERO_EXCLUDE_LABEL = 'velero.io/exclude-from-backup';
export const PLACEMENT_LABEL = 'cluster.open-cluster-management.io/placement';
export const MMODE_LABEL = 'ramendr.openshift.io/maintenancemodes';
export const GLOBAL_VGR_LABEL = 'ramendr.openshift.io/global-vgr';
export const NF_MW_LABEL = 'app';
export const NF_MW_LABEL_VALUE = 'NF';
export const STORAGE_ID_LABEL = 'ramendr.openshift.io/storageid';
export const REPLICATION_ID_LABEL = 'ramendr.openshift.io/replicationid';
export const GROUP_REPLICATION_ID_LABEL = 'ramendr.openshift.io/groupreplicationid';
export const OFFLOADED_LABEL = 'ramendr.openshift.io/offloaded';
export const GLOBAL_LABEL = 'ramendr.openshift.io/global';

// DRPC annotations (§1.3). The prefix is shared by all of them.
const DRPC_ANNOTATION_PREFIX = 'drplacementcontrol.ramendr.openshift.io/';
export const APP_NAMESPACE_ANNOTATION = `${DRPC_ANNOTATION_PREFIX}app-namespace`;
export const LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION = `${DRPC_ANNOTATION_PREFIX}last-app-deployment-cluster`;
export const LAST_ACTION_ANNOTATION = `${DRPC_ANNOTATION_PREFIX}last-action`;
export const DR_ACTION_COUNT_ANNOTATION = `${DRPC_ANNOTATION_PREFIX}dr-action-count`;
export const DRYRUN_ANNOTATION = `${DRPC_ANNOTATION_PREFIX}test-failover-dryrun`;
export const IS_CG_ENABLED_ANNOTATION = `${DRPC_ANNOTATION_PREFIX}is-cg-enabled`;
export const IS_SUBMARINER_ENABLED_ANNOTATION = `${DRPC_ANNOTATION_PREFIX}is-submariner-enabled`;
export const USE_VOLSYNC_ANNOTATION = `${DRPC_ANNOTATION_PREFIX}use-volsync-for-pvc-protection`;
export const ENABLE_DIFF_ANNOTATION = `${DRPC_ANNOTATION_PREFIX}enable-diff`;
export const DRPC_NAME_ANNOTATION = `${DRPC_ANNOTATION_PREFIX}drpc-name`;
export const DRPC_NAMESPACE_ANNOTATION = `${DRPC_ANNOTATION_PREFIX}drpc-namespace`;
export const DRPC_UID_ANNOTATION = `${DRPC_ANNOTATION_PREFIX}drpc-uid`;
export const DESTINATION_CLUSTER_ANNOTATION = `${DRPC_ANNOTATION_PREFIX}destination-cluster`;

/** The user annotations copied verbatim into every VRG the hub writes (empty string when absent). */
export const VRG_COPIED_ANNOTATIONS = [IS_CG_ENABLED_ANNOTATION, IS_SUBMARINER_ENABLED_ANNOTATION, USE_VOLSYNC_ANNOTATION, ENABLE_DIFF_ANNOTATION] as const;

// Other annotations.
export const DRCLUSTER_NAME_ANNOTATION = 'drcluster.ramendr.openshift.io/drcluster-name';
export const STORAGE_DRIVER_ANNOTATION = 'drcluster.ramendr.openshift.io/storage-driver';
export const STORAGE_SECRET_NAME_ANNOTATION = 'drcluster.ramendr.openshift.io/storage-secret-name';
export const STORAGE_SECRET_NAMESPACE_ANNOTATION = 'drcluster.ramendr.openshift.io/storage-secret-namespace';
export const STORAGE_CLUSTER_ID_ANNOTATION = 'drcluster.ramendr.openshift.io/storage-clusterid';
export const DRPOLICY_CLUSTER_ANNOTATION = 'drpolicy.ramendr.openshift.io';
export const SCHEDULING_DISABLE_ANNOTATION = 'cluster.open-cluster-management.io/experimental-scheduling-disable';

// Hub configuration (§1.4, §2.7).
export const HUB_CONFIG_MAP_NAME = 'ramen-hub-operator-config';
export const RAMEN_CONFIG_KEY = 'ramen_manager_config.yaml';
export const DEFAULT_OPERATOR_NAMESPACE = 'ramen-system';
export const NO_S3_PROFILE = 'NoS3';

// Placement constants (§5.3).
export const RAMEN_SCHEDULER_NAME = 'ramen';
export const RETAINED_FOR_FAILOVER_REASON = 'RetainedForFailover';
export const MAX_PLACEMENT_DECISION_CONFLICT_COUNT = 5;

// Object names (§1.4). Each builder is the one place the format lives.
export const vrgManifestWorkName = (drpcName: string, vrgNamespace: string): string => `${drpcName}-${vrgNamespace}-vrg-mw`;
export const namespaceManifestWorkName = (drpcName: string, namespace: string): string => `${drpcName}-${namespace}-ns-mw`;
export const recipeManifestWorkName = (drpcName: string, vrgNamespace: string): string => `${drpcName}-${vrgNamespace}-recipe-mw`;
export const DR_CLUSTER_OPERATOR_MW_NAME = 'ramen-dr-cluster';
export const DRCLUSTER_CONFIG_MW_NAME = 'drcconfig-mw';
export const networkFenceManifestWorkName = (fencedCluster: string, peerCluster: string, nfClassName?: string): string =>
  nfClassName ? `${fencedCluster}-${nfClassName}-${peerCluster}-nf-mw` : `${fencedCluster}-${peerCluster}-nf-mw`;
export const maintenanceModeManifestWorkName = (replicationID: string): string => `${replicationID}-mmode-mw`;
export const vrgViewName = (drpcName: string, vrgNamespace: string): string => `${drpcName}-${vrgNamespace}-vrg-mcv`;

/** The `type` part of a view's name, per kind of remote object (§1.4). */
export type ViewType = 'ns' | 'mmode' | 'drcconfig' | 'sc' | 'vsc' | 'vgsc' | 'vrc' | 'vgrc' | 'nfc' | 'nf' | 'crd' | 'recipe';
export const clusterScopedViewName = (objectName: string, type: ViewType): string => `${objectName}-${type}-mcv`;
export const namespacedViewName = (name: string, namespace: string, type: ViewType): string => `${name}-${namespace}-${type}-mcv`;
export const networkFenceName = (fencedCluster: string, nfClassName?: string): string =>
  nfClassName ? `network-fence-${nfClassName}-${fencedCluster}` : `network-fence-${fencedCluster}`;
export const clonedPlacementRuleName = (drpcName: string, drpcNamespace: string): string => `drpc-plrule-${drpcName}-${drpcNamespace}`;
export const placementDecisionName = (placementName: string, n: number): string => `${placementName}-decision-${n}`;
export const volSyncHubSecretName = (drpcName: string): string => `${drpcName}-vs-secret-hub`;
export const volSyncClusterSecretName = (drpcName: string): string => `${drpcName}-vs-secret`;
/** The S3 key under which a VRG uploads itself (gzip-compressed JSON). */
export const vrgS3Key = (vrgNamespace: string, vrgName: string): string => `${vrgNamespace}/${vrgName}/v1alpha1.VolumeReplicationGroup/a`;
