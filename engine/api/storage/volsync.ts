// VolSync (volsync.backube/v1alpha1) ReplicationSource and ReplicationDestination: the snapshot-based
// replication Ramen falls back to when no VolumeReplicationClass matches a PVC (dr-cluster spec §6.2,
// §13.3). Only the rsyncTLS mover is modelled in full, because it is the only one Ramen configures;
// the other movers (rsync, rclone, restic, syncthing, kopia, external) are declared as opaque objects
// so that a manifest using them is admitted but never acted on.

import type { Condition, KindRef, KubeObject } from '../meta.js';
import type { KindSchema, Schema } from '../schema/types.js';
import { conditionsSchema, stringMapSchema, typeMetaProperties } from './schema-parts.js';
import type { TypedLocalObjectReference } from './volume-replication.js';

export const VOLSYNC_GROUP = 'volsync.backube';
export const VOLSYNC_API_VERSION = `${VOLSYNC_GROUP}/v1alpha1`;

export const ReplicationSourceKind: KindRef = { apiVersion: VOLSYNC_API_VERSION, kind: 'ReplicationSource' };
export const ReplicationDestinationKind: KindRef = { apiVersion: VOLSYNC_API_VERSION, kind: 'ReplicationDestination' };

/** How a point-in-time image is made. `None` is the deprecated spelling of `Direct`. */
export type CopyMethod = 'Direct' | 'None' | 'Clone' | 'Snapshot';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** When a sync starts: a cron schedule, or a manual token that completes once per new value. */
export interface ReplicationTrigger {
  /** Five cron fields; VolSync's pattern admits only numbers, `*` and `/N` steps in each. */
  schedule?: string;
  /** Once a sync completes, status.lastManualSync is set to this value and syncing pauses. */
  manual?: string;
}

/** The mover pod settings VolSync passes through; opaque to the simulator. */
export interface MoverConfig {
  moverSecurityContext?: Record<string, unknown>;
  moverServiceAccount?: string;
  moverPodLabels?: Record<string, string>;
  moverResources?: Record<string, unknown>;
  moverAffinity?: Record<string, unknown>;
}

export interface ReplicationSourceVolumeOptions {
  copyMethod?: CopyMethod;
  /** A resource.Quantity such as `10Gi`. */
  capacity?: string;
  storageClassName?: string;
  accessModes?: string[];
  volumeSnapshotClassName?: string;
}

export interface ReplicationSourceRsyncTLSSpec extends ReplicationSourceVolumeOptions, MoverConfig {
  /** The Secret holding the TLS pre-shared key (`psk.txt`); Ramen uses `<vrgName>-vs-secret`. */
  keySecret?: string;
  /** The destination's address, for example `volsync-rsync-tls-dst-<pvc>.<ns>.svc.clusterset.local`. */
  address?: string;
  /** Defaults to 8000. */
  port?: number;
}

export interface ReplicationSourceSpec {
  sourcePVC?: string;
  trigger?: ReplicationTrigger;
  rsyncTLS?: ReplicationSourceRsyncTLSSpec;
  paused?: boolean;
  rsync?: Record<string, unknown>;
  rclone?: Record<string, unknown>;
  restic?: Record<string, unknown>;
  kopia?: Record<string, unknown>;
  syncthing?: Record<string, unknown>;
  external?: Record<string, unknown>;
}

export type MoverResult = 'Successful' | 'Failed';

export interface MoverStatus {
  result?: MoverResult;
  logs?: string;
}

export interface ReplicationSourceStatus {
  /** When the most recent successful sync completed. */
  lastSyncTime?: string;
  lastSyncStartTime?: string;
  /** A Go duration string such as `1m30s` (metav1.Duration). */
  lastSyncDuration?: string;
  nextSyncTime?: string;
  /** The spec.trigger.manual value of the last completed manual sync. */
  lastManualSync?: string;
  latestMoverStatus?: MoverStatus;
  rsyncTLS?: { keySecret?: string };
  conditions?: Condition[];
}

export interface ReplicationSource extends KubeObject<ReplicationSourceSpec, ReplicationSourceStatus> {
  spec: ReplicationSourceSpec;
}

export interface ReplicationDestinationVolumeOptions {
  copyMethod?: CopyMethod;
  capacity?: string;
  storageClassName?: string;
  accessModes?: string[];
  volumeSnapshotClassName?: string;
  /** Transfer into this existing PVC instead of provisioning one (Ramen's Direct method). */
  destinationPVC?: string;
  /** Delete the provisioned destination PVC after each successful sync (newer VolSync releases). */
  cleanupTempPVC?: boolean;
}

export interface ReplicationDestinationRsyncTLSSpec extends ReplicationDestinationVolumeOptions, MoverConfig {
  keySecret?: string;
  /** Ramen sets ClusterIP with Submariner, LoadBalancer without. */
  serviceType?: ServiceType;
  serviceAnnotations?: Record<string, string>;
}

export interface ReplicationDestinationSpec {
  trigger?: ReplicationTrigger;
  rsyncTLS?: ReplicationDestinationRsyncTLSSpec;
  paused?: boolean;
  rsync?: Record<string, unknown>;
  rclone?: Record<string, unknown>;
  restic?: Record<string, unknown>;
  kopia?: Record<string, unknown>;
  external?: Record<string, unknown>;
}

export interface ReplicationDestinationStatus {
  lastSyncTime?: string;
  lastSyncStartTime?: string;
  lastSyncDuration?: string;
  nextSyncTime?: string;
  lastManualSync?: string;
  /** The newest consistent replicated image: a VolumeSnapshot (copyMethod Snapshot) or the PVC. */
  latestImage?: TypedLocalObjectReference;
  latestMoverStatus?: MoverStatus;
  /** `address` is set once the mover's Service is ready; Ramen treats that as "RD ready". */
  rsyncTLS?: { keySecret?: string; address?: string; port?: number };
  conditions?: Condition[];
}

export interface ReplicationDestination extends KubeObject<ReplicationDestinationSpec, ReplicationDestinationStatus> {
  spec: ReplicationDestinationSpec;
}

/** VolSync's condition on both kinds. */
export const ConditionSynchronizing = 'Synchronizing';

export const SynchronizingReason = {
  SyncInProgress: 'SyncInProgress',
  WaitingForSchedule: 'WaitingForSchedule',
  WaitingForManual: 'WaitingForManual',
  CleaningUp: 'CleaningUp',
  Error: 'Error',
} as const;

export const VolSyncLabel = {
  /** On PVCs and snapshots VolSync creates. */
  createdBy: 'app.kubernetes.io/created-by',
  createdByValue: 'volsync',
  /** On a snapshot VolSync must not prune (latest images Ramen restores from). */
  doNotDelete: 'volsync.backube/do-not-delete',
} as const;

export const VolSyncAnnotation = {
  /** On a source PVC: wait for a copy-trigger before each snapshot; Ramen sets `stopped-by-ramen`. */
  useCopyTrigger: 'volsync.backube/use-copy-trigger',
  copyTrigger: 'volsync.backube/copy-trigger',
  latestCopyTrigger: 'volsync.backube/latest-copy-trigger',
  latestCopyStatus: 'volsync.backube/latest-copy-status',
} as const;

/** The pre-shared key entry of the keySecret, as VolSync's rsync-tls mover reads it. */
export const VOLSYNC_PSK_KEY = 'psk.txt';

/** The port the rsync-tls mover listens on unless spec.rsyncTLS.port says otherwise. */
export const VOLSYNC_RSYNC_TLS_PORT = 8000;

/** The Service VolSync creates for a destination: `volsync-rsync-tls-dst-<rdName>`. */
export const RSYNC_TLS_DST_SERVICE_PREFIX = 'volsync-rsync-tls-dst-';
/** The mover Job of a source: `volsync-rsync-tls-src-<rsName>`. */
export const RSYNC_TLS_SRC_JOB_PREFIX = 'volsync-rsync-tls-src-';

// The cron pattern from VolSync's kubebuilder marker on trigger.schedule.
const CRON_PATTERN = '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$';

const opaque: Schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

const quantity: Schema = { 'x-kubernetes-int-or-string': true, pattern: '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$' };

const accessModes: Schema = { type: 'array', minItems: 1, items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' };

const triggerSchema: Schema = {
  type: 'object',
  properties: {
    manual: { type: 'string' },
    schedule: { type: 'string', pattern: CRON_PATTERN },
  },
};

const moverConfigProperties: Record<string, Schema> = {
  moverAffinity: opaque,
  moverPodLabels: stringMapSchema,
  moverResources: opaque,
  moverSecurityContext: opaque,
  moverServiceAccount: { type: 'string' },
};

const copyMethod: Schema = { type: 'string', enum: ['Direct', 'None', 'Clone', 'Snapshot'] };

const moverStatusSchema: Schema = {
  type: 'object',
  properties: { logs: { type: 'string' }, result: { type: 'string', enum: ['Successful', 'Failed'] } },
};

const syncStatusProperties: Record<string, Schema> = {
  conditions: conditionsSchema,
  lastManualSync: { type: 'string' },
  lastSyncDuration: { type: 'string' },
  lastSyncStartTime: { type: 'string', format: 'date-time' },
  lastSyncTime: { type: 'string', format: 'date-time' },
  latestMoverStatus: moverStatusSchema,
  nextSyncTime: { type: 'string', format: 'date-time' },
};

export const ReplicationSourceSchema: KindSchema = {
  group: VOLSYNC_GROUP,
  version: 'v1alpha1',
  kind: 'ReplicationSource',
  plural: 'replicationsources',
  singular: 'replicationsource',
  scope: 'Namespaced',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        properties: {
          external: opaque,
          kopia: opaque,
          paused: { type: 'boolean' },
          rclone: opaque,
          restic: opaque,
          rsync: opaque,
          rsyncTLS: {
            type: 'object',
            properties: {
              accessModes,
              address: { type: 'string' },
              capacity: quantity,
              copyMethod,
              keySecret: { type: 'string' },
              port: { type: 'integer', format: 'int32', minimum: 0, maximum: 65535 },
              storageClassName: { type: 'string' },
              volumeSnapshotClassName: { type: 'string' },
              ...moverConfigProperties,
            },
          },
          sourcePVC: { type: 'string' },
          syncthing: opaque,
          trigger: triggerSchema,
        },
      },
      status: {
        type: 'object',
        properties: {
          ...syncStatusProperties,
          external: stringMapSchema,
          rsyncTLS: { type: 'object', properties: { keySecret: { type: 'string' } } },
        },
      },
    },
  },
};

export const ReplicationDestinationSchema: KindSchema = {
  group: VOLSYNC_GROUP,
  version: 'v1alpha1',
  kind: 'ReplicationDestination',
  plural: 'replicationdestinations',
  singular: 'replicationdestination',
  scope: 'Namespaced',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        properties: {
          external: opaque,
          kopia: opaque,
          paused: { type: 'boolean' },
          rclone: opaque,
          restic: opaque,
          rsync: opaque,
          rsyncTLS: {
            type: 'object',
            properties: {
              accessModes,
              capacity: quantity,
              cleanupTempPVC: { type: 'boolean' },
              copyMethod,
              destinationPVC: { type: 'string' },
              keySecret: { type: 'string' },
              serviceAnnotations: stringMapSchema,
              serviceType: { type: 'string' },
              storageClassName: { type: 'string' },
              volumeSnapshotClassName: { type: 'string' },
              ...moverConfigProperties,
            },
          },
          trigger: triggerSchema,
        },
      },
      status: {
        type: 'object',
        properties: {
          ...syncStatusProperties,
          external: stringMapSchema,
          latestImage: {
            type: 'object',
            required: ['kind', 'name'],
            properties: { apiGroup: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } },
          },
          rsyncTLS: {
            type: 'object',
            properties: {
              address: { type: 'string' },
              keySecret: { type: 'string' },
              port: { type: 'integer', format: 'int32' },
            },
          },
        },
      },
    },
  },
};

export const VolSyncSchemas: readonly KindSchema[] = [ReplicationSourceSchema, ReplicationDestinationSchema];
