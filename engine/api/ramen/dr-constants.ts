// The exact finalizer, label and annotation strings the DR-cluster operator reads and writes
// (dr-cluster spec §0). Every engine and simulator module uses these names instead of literals, so a
// typo cannot make the simulator agree with itself while disagreeing with Ramen.

// Finalizers.
export const VRG_FINALIZER = 'volumereplicationgroups.ramendr.openshift.io/vrg-protection';
export const PVC_VR_PROTECTION_FINALIZER = 'volumereplicationgroups.ramendr.openshift.io/pvc-vr-protection';
export const PVC_VOLSYNC_PROTECTION_FINALIZER = 'volumereplicationgroups.ramendr.openshift.io/pvc-volsync-protection';
export const K8S_PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const DRCLUSTERCONFIG_FINALIZER = 'drclusterconfigs.ramendr.openshift.io/finalizer';

// Annotations on PVCs and PVs.
export const ANN_VR_PROTECTED = 'volumereplicationgroups.ramendr.openshift.io/vr-protected';
export const ANN_VR_PROTECTED_VALUE = 'protected';
export const ANN_VR_ARCHIVED = 'volumereplicationgroups.ramendr.openshift.io/vr-archived';
/** The PV `vr-archived` value is this prefix followed by the PV's metadata.generation. */
export const ANN_VR_ARCHIVED_PV_PREFIX = 'archiveV1-';
export const ANN_VR_RETAINED = 'volumereplicationgroups.ramendr.openshift.io/vr-retained';
export const ANN_VOLSYNC_RETAINED = 'volumereplicationgroups.ramendr.openshift.io/volsync-retained';
export const ANN_RETAINED_VALUE = 'retained';
export const ANN_RAMEN_RESTORE = 'volumereplicationgroups.ramendr.openshift.io/ramen-restore';
export const ANN_RAMEN_RESTORE_VALUE = 'True';
export const ANN_DESTINATION_VOLUME_HANDLE = 'ramendr.openshift.io/destination-volume-handle';
export const ANN_DESTINATION_VOLUME_GROUP_HANDLE = 'ramendr.openshift.io/destination-volume-group-handle';
export const ANN_VR_IS_DEFAULT_CLASS = 'replication.storage.openshift.io/is-default-class';
export const ANN_VSC_IS_DEFAULT_CLASS = 'snapshot.storage.kubernetes.io/is-default-class';
export const ANN_VOLSYNC_COPY_TRIGGER = 'volsync.backube/use-copy-trigger';
export const ANN_VOLSYNC_COPY_TRIGGER_STOPPED = 'stopped-by-ramen';
export const ANN_OWNER_NAME = 'ramendr.openshift.io/owner-name';
export const ANN_OWNER_NAMESPACE = 'ramendr.openshift.io/owner-namespace';
export const ANN_VRG_GENERATION = 'ramendr.openshift.io/vrg-generation';
export const ANN_MANAGED_ANNOTATION_KEYS = 'ramendr.openshift.io/managed-annotation-keys';
export const ANN_CONSISTENCY_GROUP = 'ramendr.openshift.io/consistency-group';
export const ANN_MARKED_FOR_DELETION = 'ramendr.io/marked-for-deletion';

// Annotations the hub puts on a VRG (hub → cluster hints).
export const ANN_DRPC_DESTINATION_CLUSTER = 'drplacementcontrol.ramendr.openshift.io/destination-cluster';
export const ANN_DRPC_UID = 'drplacementcontrol.ramendr.openshift.io/drpc-uid';
export const ANN_IS_CG_ENABLED = 'drplacementcontrol.ramendr.openshift.io/is-cg-enabled';
/** Anything but the string "false" means Submariner is enabled. */
export const ANN_IS_SUBMARINER_ENABLED = 'drplacementcontrol.ramendr.openshift.io/is-submariner-enabled';
/** The string "true" forces VolSync protection for every PVC. */
export const ANN_USE_VOLSYNC_FOR_PVC_PROTECTION = 'drplacementcontrol.ramendr.openshift.io/use-volsync-for-pvc-protection';
export const ANN_ENABLE_DIFF = 'drplacementcontrol.ramendr.openshift.io/enable-diff';
export const ANN_TEST_FAILOVER_DRYRUN = 'drplacementcontrol.ramendr.openshift.io/test-failover-dryrun';

// Labels.
export const LABEL_OWNER_NAMESPACE_NAME = 'ramendr.openshift.io/owner-namespace-name';
export const LABEL_OWNER_NAME = 'ramendr.openshift.io/owner-name';
export const LABEL_VOLSYNC_OWNER = 'volumereplicationgroups-owner';
export const LABEL_VOLSYNC_OWNER_NAMESPACE = 'volumereplicationgroups-owner-namespace';
export const LABEL_CREATED_BY_RAMEN = 'ramendr.openshift.io/created-by-ramen';
export const LABEL_CREATED_BY_RAMEN_TRANSITIVE = 'transitive';
export const LABEL_APP_CREATED_BY = 'app.kubernetes.io/created-by';
export const LABEL_APP_CREATED_BY_VOLSYNC = 'volsync';
export const LABEL_CONSISTENCY_GROUP = 'ramendr.openshift.io/consistency-group';
export const LABEL_VGR_OWNER = 'volumegroupreplication-owner';
export const LABEL_VOLSYNC_DO_NOT_DELETE = 'volsync.backube/do-not-delete';
export const LABEL_VELERO_EXCLUDE_FROM_BACKUP = 'velero.io/exclude-from-backup';
export const LABEL_VELERO_METADATA_BACKUP = 'velero.kubevirt.io/metadataBackup';
export const LABEL_STORAGE_ID = 'ramendr.openshift.io/storageid';
export const LABEL_REPLICATION_ID = 'ramendr.openshift.io/replicationid';
export const LABEL_GROUP_REPLICATION_ID = 'ramendr.openshift.io/groupreplicationid';
export const LABEL_OFFLOADED = 'ramendr.openshift.io/offloaded';
export const LABEL_GLOBAL = 'ramendr.openshift.io/global';
export const LABEL_GLOBAL_VGR = 'ramendr.openshift.io/global-vgr';
export const LABEL_MAINTENANCE_MODES = 'ramendr.openshift.io/maintenancemodes';
export const LABEL_DRY_RUN_SNAPSHOT = 'ramendr.openshift.io/dry-run-snapshot';
export const LABEL_DRY_RUN_VRG = 'ramendr.openshift.io/dry-run-vrg';
export const LABEL_DR_NETWORK = 'ramendr.openshift.io/dr-network';
export const LABEL_DRCLUSTERCONFIG_OWNER = 'drclusterconfigs.ramendr.openshift.io/owner';

// Names and numbers.
/** A placeholder S3 profile name; skipped by most S3 paths but not by the PV/PVC upload (§0). */
export const NO_S3_STORE_AVAILABLE = 'NoS3';
export const RAMEN_CONFIG_MAP_NAME = 'ramen-dr-cluster-operator-config';
export const RAMEN_HUB_CONFIG_MAP_NAME = 'ramen-hub-operator-config';
export const RAMEN_CONFIG_MAP_KEY = 'ramen_manager_config.yaml';
export const DEFAULT_OPERATOR_NAMESPACE = 'ramen-system';
export const DEFAULT_RAMEN_OPS_NAMESPACE = 'ramen-ops';
export const DEFAULT_VELERO_NAMESPACE = 'velero';
export const DEFAULT_CEPHFS_CSI_DRIVER_NAME = 'openshift-storage.cephfs.csi.ceph.com';
export const DEFAULT_EXCLUDED_RESOURCES_CONFIG_MAP = 'default-excluded-resources';
export const S3_SECRET_ACCESS_KEY_ID = 'AWS_ACCESS_KEY_ID';
export const S3_SECRET_SECRET_ACCESS_KEY = 'AWS_SECRET_ACCESS_KEY';
export const KUBE_OBJECT_CAPTURE_INTERVAL_DEFAULT_MS = 5 * 60 * 1000;
export const RECIPE_MAX_ATTEMPTS = 10;
export const S3_REQUEST_TIMEOUT_MS = 12_000;
export const VOLSYNC_DEFAULT_CRON = '*/10 * * * *';
export const VOLSYNC_FINAL_SYNC_TRIGGER = 'vrg-final-sync';
export const VOLSYNC_PREPARE_TRIGGER = 'PREPARE-FOR-FINAL-SYNC-STOP-SCHEDULING';
