// csi-addons VolumeReplication (replication.storage.openshift.io/v1alpha1): one volume's replication
// role as requested by Ramen (spec) and as reported by the storage driver (status). Ramen writes only
// the spec fields listed in dr-cluster spec §13.2 and reads the status fields below.

import type { Condition, KindRef, KubeObject } from '../meta.js';
import type { KindSchema, Schema } from '../schema/types.js';
import { conditionsSchema, immutableRule, typeMetaProperties } from './schema-parts.js';

export const REPLICATION_GROUP = 'replication.storage.openshift.io';
export const REPLICATION_API_VERSION = `${REPLICATION_GROUP}/v1alpha1`;

export const VolumeReplicationKind: KindRef = { apiVersion: REPLICATION_API_VERSION, kind: 'VolumeReplication' };

/** The role requested of the volume. Ramen never writes `resync`. */
export type ReplicationState = 'primary' | 'secondary' | 'resync';

/** The role the driver reports the volume has. */
export type ReplicatedVolumeState = 'Primary' | 'Secondary' | 'Unknown';

export interface TypedLocalObjectReference {
  apiGroup?: string;
  kind: string;
  name: string;
}

export interface VolumeReplicationSpec {
  /** Immutable. */
  volumeReplicationClass: string;
  replicationState: ReplicationState;
  /** The PVC (or group) whose volume replicates. Immutable. */
  dataSource: TypedLocalObjectReference;
  /** Defaulted to false by the API server. */
  autoResync: boolean;
  replicationHandle?: string;
}

export interface VolumeReplicationStatus {
  state?: ReplicatedVolumeState;
  message?: string;
  conditions?: Condition[];
  observedGeneration?: number;
  lastStartTime?: string;
  lastCompletionTime?: string;
  /** The point in time up to which the peer image holds this volume's data. */
  lastSyncTime?: string;
  /** A Go duration string such as `1m30s` (metav1.Duration). */
  lastSyncDuration?: string;
  lastSyncBytes?: number;
  destinationVolumeID?: string;
}

export interface VolumeReplication extends KubeObject<VolumeReplicationSpec, VolumeReplicationStatus> {
  spec: VolumeReplicationSpec;
}

/** Condition types the csi-addons controller sets on a VolumeReplication. */
export const VRConditionType = {
  Completed: 'Completed',
  Degraded: 'Degraded',
  Resyncing: 'Resyncing',
  Validated: 'Validated',
  Replicating: 'Replicating',
  DestinationInfoAvailable: 'DestinationInfoAvailable',
} as const;

/** Condition reasons, exactly as csi-addons spells them. */
export const VRConditionReason = {
  Success: 'Success',
  Promoted: 'Promoted',
  Demoted: 'Demoted',
  FailedToPromote: 'FailedToPromote',
  FailedToDemote: 'FailedToDemote',
  Error: 'Error',
  VolumeDegraded: 'VolumeDegraded',
  Healthy: 'Healthy',
  ResyncTriggered: 'ResyncTriggered',
  FailedToResync: 'FailedToResync',
  NotResyncing: 'NotResyncing',
  PrerequisiteMet: 'PrerequisiteMet',
  PrerequisiteNotMet: 'PrerequisiteNotMet',
  Replicating: 'Replicating',
  NotReplicating: 'NotReplicating',
  DestinationInfoUpdated: 'DestinationInfoUpdated',
  DestinationInfoPending: 'DestinationInfoPending',
  FailedToGetDestinationInfo: 'FailedToGetDestinationInfo',
} as const;

/** Message suffixes; the driver prefixes them with the source (`volume` or `volume group`). */
export const VRConditionMessage = {
  Promoted: 'is promoted to primary and replicating to secondary',
  Healthy: 'is healthy',
  NotResyncing: 'is not resyncing',
  Validated: 'is validated and met all prerequisites',
  FailedPromoted: 'failed to promote',
  FailedDemoted: 'failed to demote',
  FailedPreCondition: 'failed to meet prerequisite',
  Demoted: 'is demoted to secondary',
  Degraded: 'is degraded',
  ResyncTriggered: 'is resyncing changes from primary to secondary',
  ResyncFailed: 'failed to resync',
  Replicating: 'is replicating',
  NotReplicating: 'is not replicating',
  UnknownReplicationState: 'replication status is unknown',
  DestinationInfoAvailable: 'destination info is available',
  DestinationInfoPending: 'destination info is pending update',
  DestinationInfoFailed: 'failed to get destination info',
} as const;

/** The status fields shared by VolumeReplication and VolumeGroupReplication. */
export const replicationStatusProperties: Record<string, Schema> = {
  conditions: conditionsSchema,
  destinationVolumeID: { type: 'string' },
  lastCompletionTime: { type: 'string', format: 'date-time' },
  lastStartTime: { type: 'string', format: 'date-time' },
  lastSyncBytes: { type: 'integer', format: 'int64' },
  lastSyncDuration: { type: 'string' },
  lastSyncTime: { type: 'string', format: 'date-time' },
  message: { type: 'string' },
  observedGeneration: { type: 'integer', format: 'int64' },
  state: { type: 'string' },
};

export const VolumeReplicationSchema: KindSchema = {
  group: REPLICATION_GROUP,
  version: 'v1alpha1',
  kind: 'VolumeReplication',
  plural: 'volumereplications',
  singular: 'volumereplication',
  shortNames: ['vr'],
  scope: 'Namespaced',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    required: ['spec'],
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        required: ['autoResync', 'dataSource', 'replicationState', 'volumeReplicationClass'],
        properties: {
          autoResync: { type: 'boolean', default: false },
          dataSource: {
            type: 'object',
            required: ['kind', 'name'],
            properties: { apiGroup: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } },
            'x-kubernetes-validations': [immutableRule('dataSource is immutable')],
          },
          replicationHandle: { type: 'string' },
          replicationState: { type: 'string', enum: ['primary', 'secondary', 'resync'] },
          volumeReplicationClass: { type: 'string', 'x-kubernetes-validations': [immutableRule('volumeReplicationClass is immutable')] },
        },
      },
      status: { type: 'object', properties: { ...replicationStatusProperties } },
    },
  },
};
