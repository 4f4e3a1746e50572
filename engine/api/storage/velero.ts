// Velero (velero.io/v1) Backup, Restore, BackupStorageLocation and DeleteBackupRequest: how Ramen
// protects and recovers an application's Kubernetes objects other than PVs/PVCs (dr-cluster spec §9).
// Fields follow upstream's Go types; the hook and resource-policy structures Ramen never sets are
// declared as opaque objects.

import type { KindRef, KubeObject, LabelSelector } from '../meta.js';
import type { KindSchema, Schema } from '../schema/types.js';
import { stringMapSchema, typeMetaProperties } from './schema-parts.js';
import type { TypedLocalObjectReference } from './volume-replication.js';

export const VELERO_GROUP = 'velero.io';
export const VELERO_API_VERSION = `${VELERO_GROUP}/v1`;

export const BackupKind: KindRef = { apiVersion: VELERO_API_VERSION, kind: 'Backup' };
export const RestoreKind: KindRef = { apiVersion: VELERO_API_VERSION, kind: 'Restore' };
export const BackupStorageLocationKind: KindRef = { apiVersion: VELERO_API_VERSION, kind: 'BackupStorageLocation' };
export const DeleteBackupRequestKind: KindRef = { apiVersion: VELERO_API_VERSION, kind: 'DeleteBackupRequest' };

/** Ramen's default namespace for Velero's objects (RamenConfig may override it). */
export const VELERO_NAMESPACE_DEFAULT = 'velero';

// ---- Backup ----

export interface BackupSpec {
  metadata?: { labels?: Record<string, string> };
  /** Empty means all namespaces. */
  includedNamespaces?: string[];
  excludedNamespaces?: string[];
  /** Resource names such as `configmaps` or `deployments.apps`; empty or `*` means all. */
  includedResources?: string[];
  excludedResources?: string[];
  includedClusterScopedResources?: string[];
  excludedClusterScopedResources?: string[];
  includedNamespaceScopedResources?: string[];
  excludedNamespaceScopedResources?: string[];
  labelSelector?: LabelSelector;
  /** ORed selectors; Velero refuses a spec that sets both this and labelSelector. */
  orLabelSelectors?: LabelSelector[];
  snapshotVolumes?: boolean;
  /** A Go duration; Ramen writes `0s`. */
  ttl?: string;
  includeClusterResources?: boolean;
  hooks?: Record<string, unknown>;
  /** The BackupStorageLocation's name; Ramen names it after the Backup. */
  storageLocation?: string;
  volumeSnapshotLocations?: string[];
  defaultVolumesToRestic?: boolean;
  defaultVolumesToFsBackup?: boolean;
  orderedResources?: Record<string, string>;
  csiSnapshotTimeout?: string;
  itemOperationTimeout?: string;
  resourcePolicy?: TypedLocalObjectReference;
  snapshotMoveData?: boolean;
  datamover?: string;
  uploaderConfig?: Record<string, unknown>;
}

export type BackupPhase =
  | 'New'
  | 'FailedValidation'
  | 'InProgress'
  | 'WaitingForPluginOperations'
  | 'WaitingForPluginOperationsPartiallyFailed'
  | 'Finalizing'
  | 'FinalizingPartiallyFailed'
  | 'Completed'
  | 'PartiallyFailed'
  | 'Failed'
  | 'Deleting';

export const BACKUP_PHASES: readonly BackupPhase[] = [
  'New',
  'FailedValidation',
  'InProgress',
  'WaitingForPluginOperations',
  'WaitingForPluginOperationsPartiallyFailed',
  'Finalizing',
  'FinalizingPartiallyFailed',
  'Completed',
  'PartiallyFailed',
  'Failed',
  'Deleting',
];

export interface BackupProgress {
  totalItems?: number;
  itemsBackedUp?: number;
}

export interface BackupStatus {
  version?: number;
  formatVersion?: string;
  expiration?: string;
  phase?: BackupPhase;
  validationErrors?: string[];
  startTimestamp?: string;
  completionTimestamp?: string;
  volumeSnapshotsAttempted?: number;
  volumeSnapshotsCompleted?: number;
  failureReason?: string;
  warnings?: number;
  errors?: number;
  progress?: BackupProgress;
  csiVolumeSnapshotsAttempted?: number;
  csiVolumeSnapshotsCompleted?: number;
  backupItemOperationsAttempted?: number;
  backupItemOperationsCompleted?: number;
  backupItemOperationsFailed?: number;
}

export interface Backup extends KubeObject<BackupSpec, BackupStatus> {
  spec: BackupSpec;
}

// ---- Restore ----

export type RestorePhase =
  | 'New'
  | 'FailedValidation'
  | 'InProgress'
  | 'WaitingForPluginOperations'
  | 'WaitingForPluginOperationsPartiallyFailed'
  | 'Finalizing'
  | 'FinalizingPartiallyFailed'
  | 'Completed'
  | 'PartiallyFailed'
  | 'Failed';

export const RESTORE_PHASES: readonly RestorePhase[] = [
  'New',
  'FailedValidation',
  'InProgress',
  'WaitingForPluginOperations',
  'WaitingForPluginOperationsPartiallyFailed',
  'Finalizing',
  'FinalizingPartiallyFailed',
  'Completed',
  'PartiallyFailed',
  'Failed',
];

/** What a Restore does with an object that already exists: `none` keeps it, `update` patches it. */
export type ExistingResourcePolicy = 'none' | 'update';

export interface RestoreSpec {
  backupName?: string;
  scheduleName?: string;
  includedNamespaces?: string[];
  excludedNamespaces?: string[];
  includedResources?: string[];
  excludedResources?: string[];
  namespaceMapping?: Record<string, string>;
  labelSelector?: LabelSelector;
  orLabelSelectors?: LabelSelector[];
  restorePVs?: boolean;
  /** Which resources get their `status` restored too; absent means none. */
  restoreStatus?: { includedResources?: string[]; excludedResources?: string[] };
  preserveNodePorts?: boolean;
  /** Absent means true for a Restore (unlike a Backup). */
  includeClusterResources?: boolean;
  hooks?: Record<string, unknown>;
  existingResourcePolicy?: ExistingResourcePolicy;
  itemOperationTimeout?: string;
  resourceModifier?: TypedLocalObjectReference;
  uploaderConfig?: Record<string, unknown>;
}

export interface RestoreProgress {
  totalItems?: number;
  itemsRestored?: number;
}

export interface RestoreStatus {
  phase?: RestorePhase;
  validationErrors?: string[];
  warnings?: number;
  errors?: number;
  failureReason?: string;
  startTimestamp?: string;
  completionTimestamp?: string;
  progress?: RestoreProgress;
  restoreItemOperationsAttempted?: number;
  restoreItemOperationsCompleted?: number;
  restoreItemOperationsFailed?: number;
  hookStatus?: { hooksAttempted?: number; hooksFailed?: number };
}

export interface Restore extends KubeObject<RestoreSpec, RestoreStatus> {
  spec: RestoreSpec;
}

// ---- BackupStorageLocation ----

export type BackupStorageLocationPhase = 'Available' | 'Unavailable';
export type BackupStorageLocationAccessMode = 'ReadOnly' | 'ReadWrite';

export interface SecretKeySelector {
  name?: string;
  key: string;
  optional?: boolean;
}

export interface ObjectStorageLocation {
  bucket: string;
  /** The path inside the bucket under which Velero's layout begins; Ramen ends it with `velero/`. */
  prefix?: string;
  /** Base64 of a PEM bundle. */
  caCert?: string;
}

export interface BackupStorageLocationSpec {
  /** `aws` for S3-compatible stores, which is all Ramen uses. */
  provider: string;
  /** For `aws`: `region`, `s3Url`, `s3ForcePathStyle`, `checksumAlgorithm`, ... */
  config?: Record<string, string>;
  /** A key of a Secret in the BSL's namespace holding an AWS credentials file. */
  credential?: SecretKeySelector;
  default?: boolean;
  objectStorage: ObjectStorageLocation;
  accessMode?: BackupStorageLocationAccessMode;
  /** A Go duration; `0s` disables syncing backups from object storage into the cluster. */
  backupSyncPeriod?: string;
  validationFrequency?: string;
}

export interface BackupStorageLocationStatus {
  phase?: BackupStorageLocationPhase;
  lastSyncedTime?: string;
  lastValidationTime?: string;
  message?: string;
  lastSyncedRevision?: string;
  accessMode?: BackupStorageLocationAccessMode;
}

export interface BackupStorageLocation extends KubeObject<BackupStorageLocationSpec, BackupStorageLocationStatus> {
  spec: BackupStorageLocationSpec;
}

// ---- DeleteBackupRequest ----

export type DeleteBackupRequestPhase = 'New' | 'InProgress' | 'Processed';

export interface DeleteBackupRequest extends KubeObject<{ backupName: string }, { phase?: DeleteBackupRequestPhase; errors?: string[] }> {
  spec: { backupName: string };
}

// ---- Labels and layout ----

export const VeleroLabel = {
  /** On objects that must never be captured, even when a selector matches them. */
  excludeFromBackup: 'velero.io/exclude-from-backup',
  storageLocation: 'velero.io/storage-location',
  backupName: 'velero.io/backup-name',
  backupUid: 'velero.io/backup-uid',
  restoreName: 'velero.io/restore-name',
  /** Ramen puts this on its Backups and BSLs. */
  kubevirtMetadataBackup: 'velero.kubevirt.io/metadataBackup',
} as const;

/** The keys Velero writes for one backup under `<bsl prefix>/backups/<name>/`. */
export function veleroBackupKeys(prefix: string, backupName: string): { dir: string; metadata: string; contents: string; resourceList: string; logs: string } {
  const dir = `${normalizedPrefix(prefix)}backups/${backupName}/`;
  return {
    dir,
    metadata: `${dir}velero-backup.json`,
    contents: `${dir}${backupName}.tar.gz`,
    resourceList: `${dir}${backupName}-resource-list.json.gz`,
    logs: `${dir}${backupName}-logs.gz`,
  };
}

/** The keys Velero writes for one restore under `<bsl prefix>/restores/<name>/`. */
export function veleroRestoreKeys(prefix: string, restoreName: string): { dir: string; results: string; logs: string } {
  const dir = `${normalizedPrefix(prefix)}restores/${restoreName}/`;
  return { dir, results: `${dir}restore-${restoreName}-results.gz`, logs: `${dir}restore-${restoreName}-logs.gz` };
}

/** Velero treats the prefix as a directory whether or not it ends with `/`. */
function normalizedPrefix(prefix: string | undefined): string {
  if (!prefix) return '';
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

// ---- Schemas ----

const opaque: Schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
const stringList: Schema = { type: 'array', items: { type: 'string' }, nullable: true };
const dateTime: Schema = { type: 'string', format: 'date-time', nullable: true };

const labelSelectorSchema: Schema = {
  type: 'object',
  nullable: true,
  properties: {
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: { key: { type: 'string' }, operator: { type: 'string' }, values: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' } },
      },
      'x-kubernetes-list-type': 'atomic',
    },
    matchLabels: stringMapSchema,
  },
};

const typedLocalRef: Schema = {
  type: 'object',
  nullable: true,
  required: ['kind', 'name'],
  properties: { apiGroup: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } },
};

export const BackupSchema: KindSchema = {
  group: VELERO_GROUP,
  version: 'v1',
  kind: 'Backup',
  plural: 'backups',
  singular: 'backup',
  scope: 'Namespaced',
  servedOn: ['dr'],
  // Velero's Backup CRD declares no status subresource: the server writes status with plain updates.
  statusSubresource: false,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        properties: {
          csiSnapshotTimeout: { type: 'string' },
          datamover: { type: 'string' },
          defaultVolumesToFsBackup: { type: 'boolean', nullable: true },
          defaultVolumesToRestic: { type: 'boolean', nullable: true },
          excludedClusterScopedResources: stringList,
          excludedNamespaceScopedResources: stringList,
          excludedNamespaces: stringList,
          excludedResources: stringList,
          hooks: opaque,
          includeClusterResources: { type: 'boolean', nullable: true },
          includedClusterScopedResources: stringList,
          includedNamespaceScopedResources: stringList,
          includedNamespaces: stringList,
          includedResources: stringList,
          itemOperationTimeout: { type: 'string' },
          labelSelector: labelSelectorSchema,
          metadata: { type: 'object', properties: { labels: stringMapSchema } },
          orLabelSelectors: { type: 'array', items: labelSelectorSchema, nullable: true },
          orderedResources: { ...stringMapSchema, nullable: true },
          resourcePolicy: typedLocalRef,
          snapshotMoveData: { type: 'boolean', nullable: true },
          snapshotVolumes: { type: 'boolean', nullable: true },
          storageLocation: { type: 'string' },
          ttl: { type: 'string' },
          uploaderConfig: { ...opaque, nullable: true },
          volumeSnapshotLocations: { type: 'array', items: { type: 'string' } },
        },
      },
      status: {
        type: 'object',
        properties: {
          backupItemOperationsAttempted: { type: 'integer' },
          backupItemOperationsCompleted: { type: 'integer' },
          backupItemOperationsFailed: { type: 'integer' },
          completionTimestamp: dateTime,
          csiVolumeSnapshotsAttempted: { type: 'integer' },
          csiVolumeSnapshotsCompleted: { type: 'integer' },
          errors: { type: 'integer' },
          expiration: dateTime,
          failureReason: { type: 'string' },
          formatVersion: { type: 'string' },
          phase: { type: 'string', enum: [...BACKUP_PHASES] },
          progress: { type: 'object', nullable: true, properties: { itemsBackedUp: { type: 'integer' }, totalItems: { type: 'integer' } } },
          startTimestamp: dateTime,
          validationErrors: stringList,
          version: { type: 'integer' },
          volumeSnapshotsAttempted: { type: 'integer' },
          volumeSnapshotsCompleted: { type: 'integer' },
          warnings: { type: 'integer' },
        },
      },
    },
  },
};

export const RestoreSchema: KindSchema = {
  group: VELERO_GROUP,
  version: 'v1',
  kind: 'Restore',
  plural: 'restores',
  singular: 'restore',
  scope: 'Namespaced',
  servedOn: ['dr'],
  statusSubresource: false,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        properties: {
          backupName: { type: 'string' },
          excludedNamespaces: stringList,
          excludedResources: stringList,
          existingResourcePolicy: { type: 'string', nullable: true },
          hooks: opaque,
          includeClusterResources: { type: 'boolean', nullable: true },
          includedNamespaces: stringList,
          includedResources: stringList,
          itemOperationTimeout: { type: 'string' },
          labelSelector: labelSelectorSchema,
          namespaceMapping: stringMapSchema,
          orLabelSelectors: { type: 'array', items: labelSelectorSchema, nullable: true },
          preserveNodePorts: { type: 'boolean', nullable: true },
          resourceModifier: typedLocalRef,
          restorePVs: { type: 'boolean', nullable: true },
          restoreStatus: { type: 'object', nullable: true, properties: { excludedResources: stringList, includedResources: stringList } },
          scheduleName: { type: 'string' },
          uploaderConfig: { ...opaque, nullable: true },
        },
      },
      status: {
        type: 'object',
        properties: {
          completionTimestamp: dateTime,
          errors: { type: 'integer' },
          failureReason: { type: 'string' },
          hookStatus: { type: 'object', nullable: true, properties: { hooksAttempted: { type: 'integer' }, hooksFailed: { type: 'integer' } } },
          phase: { type: 'string', enum: [...RESTORE_PHASES] },
          progress: { type: 'object', nullable: true, properties: { itemsRestored: { type: 'integer' }, totalItems: { type: 'integer' } } },
          restoreItemOperationsAttempted: { type: 'integer' },
          restoreItemOperationsCompleted: { type: 'integer' },
          restoreItemOperationsFailed: { type: 'integer' },
          startTimestamp: dateTime,
          validationErrors: stringList,
          warnings: { type: 'integer' },
        },
      },
    },
  },
};

export const BackupStorageLocationSchema: KindSchema = {
  group: VELERO_GROUP,
  version: 'v1',
  kind: 'BackupStorageLocation',
  plural: 'backupstoragelocations',
  singular: 'backupstoragelocation',
  shortNames: ['bsl'],
  scope: 'Namespaced',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        required: ['objectStorage', 'provider'],
        properties: {
          accessMode: { type: 'string', enum: ['ReadOnly', 'ReadWrite'] },
          backupSyncPeriod: { type: 'string', nullable: true },
          config: stringMapSchema,
          credential: {
            type: 'object',
            required: ['key'],
            properties: { key: { type: 'string' }, name: { type: 'string', default: '' }, optional: { type: 'boolean' } },
          },
          default: { type: 'boolean' },
          objectStorage: {
            type: 'object',
            required: ['bucket'],
            properties: { bucket: { type: 'string' }, caCert: { type: 'string', format: 'byte' }, prefix: { type: 'string' } },
          },
          provider: { type: 'string' },
          validationFrequency: { type: 'string', nullable: true },
        },
      },
      status: {
        type: 'object',
        properties: {
          accessMode: { type: 'string', enum: ['ReadOnly', 'ReadWrite'] },
          lastSyncedRevision: { type: 'string' },
          lastSyncedTime: dateTime,
          lastValidationTime: dateTime,
          message: { type: 'string' },
          phase: { type: 'string', enum: ['Available', 'Unavailable'] },
        },
      },
    },
  },
};

export const DeleteBackupRequestSchema: KindSchema = {
  group: VELERO_GROUP,
  version: 'v1',
  kind: 'DeleteBackupRequest',
  plural: 'deletebackuprequests',
  singular: 'deletebackuprequest',
  scope: 'Namespaced',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: { type: 'object', required: ['backupName'], properties: { backupName: { type: 'string' } } },
      status: {
        type: 'object',
        properties: { errors: stringList, phase: { type: 'string', enum: ['New', 'InProgress', 'Processed'] } },
      },
    },
  },
};

export const VeleroSchemas: readonly KindSchema[] = [BackupSchema, RestoreSchema, BackupStorageLocationSchema, DeleteBackupRequestSchema];
