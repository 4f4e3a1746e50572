// csi-addons VolumeGroupReplication and VolumeGroupReplicationClass, kept minimal: the fields Ramen
// writes for a consistency group (dr-cluster spec §5.7) and the status it reads, which is the
// VolumeReplication status plus the member PVC list.

import type { Condition, KindRef, KubeObject, LabelSelector } from '../meta.js';
import type { KindSchema, Schema } from '../schema/types.js';
import type { ReplicatedVolumeState, ReplicationState } from './volume-replication.js';
import { REPLICATION_API_VERSION, REPLICATION_GROUP, replicationStatusProperties } from './volume-replication.js';
import type { ReplicationClassSpec } from './volume-replication-class.js';
import { replicationClassSpecSchema } from './volume-replication-class.js';
import { immutableRule, typeMetaProperties } from './schema-parts.js';

export const VolumeGroupReplicationKind: KindRef = { apiVersion: REPLICATION_API_VERSION, kind: 'VolumeGroupReplication' };
export const VolumeGroupReplicationClassKind: KindRef = { apiVersion: REPLICATION_API_VERSION, kind: 'VolumeGroupReplicationClass' };

export interface VolumeGroupReplicationSpec {
  autoResync: boolean;
  external?: boolean;
  replicationState: ReplicationState;
  source: { selector: LabelSelector };
  volumeGroupReplicationClassName: string;
  volumeGroupReplicationContentName?: string;
  volumeReplicationClassName?: string;
  volumeReplicationName?: string;
}

export interface VolumeGroupReplicationStatus {
  state?: ReplicatedVolumeState;
  message?: string;
  conditions?: Condition[];
  observedGeneration?: number;
  lastStartTime?: string;
  lastCompletionTime?: string;
  lastSyncTime?: string;
  lastSyncDuration?: string;
  lastSyncBytes?: number;
  destinationVolumeID?: string;
  persistentVolumeClaimsRefList?: { name: string }[];
}

export interface VolumeGroupReplication extends KubeObject<VolumeGroupReplicationSpec, VolumeGroupReplicationStatus> {
  spec: VolumeGroupReplicationSpec;
}

export interface VolumeGroupReplicationClass extends KubeObject<ReplicationClassSpec, Record<string, never>> {
  spec: ReplicationClassSpec;
}

const labelSelectorSchema: Schema = {
  type: 'object',
  properties: {
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: { key: { type: 'string' }, operator: { type: 'string' }, values: { type: 'array', items: { type: 'string' } } },
      },
    },
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

export const VolumeGroupReplicationSchema: KindSchema = {
  group: REPLICATION_GROUP,
  version: 'v1alpha1',
  kind: 'VolumeGroupReplication',
  plural: 'volumegroupreplications',
  singular: 'volumegroupreplication',
  shortNames: ['vgr'],
  scope: 'Namespaced',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        required: ['autoResync', 'replicationState', 'source', 'volumeGroupReplicationClassName'],
        properties: {
          autoResync: { type: 'boolean', default: false },
          external: { type: 'boolean', default: false, 'x-kubernetes-validations': [immutableRule('source is immutable')] },
          replicationState: { type: 'string', enum: ['primary', 'secondary', 'resync'] },
          source: {
            type: 'object',
            required: ['selector'],
            properties: { selector: { ...labelSelectorSchema, 'x-kubernetes-validations': [immutableRule('selector is immutable')] } },
            'x-kubernetes-validations': [immutableRule('source is immutable')],
          },
          volumeGroupReplicationClassName: { type: 'string', 'x-kubernetes-validations': [immutableRule('volumeGroupReplicationClassName is immutable')] },
          volumeGroupReplicationContentName: { type: 'string', 'x-kubernetes-validations': [immutableRule('volumeGroupReplicationContentName is immutable')] },
          volumeReplicationClassName: { type: 'string', 'x-kubernetes-validations': [immutableRule('volumeReplicationClassName is immutable')] },
          volumeReplicationName: { type: 'string', 'x-kubernetes-validations': [immutableRule('volumeReplicationName is immutable')] },
        },
      },
      status: {
        type: 'object',
        properties: {
          ...replicationStatusProperties,
          persistentVolumeClaimsRefList: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', default: '' } } } },
        },
      },
    },
  },
};

export const VolumeGroupReplicationClassSchema: KindSchema = {
  group: REPLICATION_GROUP,
  version: 'v1alpha1',
  kind: 'VolumeGroupReplicationClass',
  plural: 'volumegroupreplicationclasses',
  singular: 'volumegroupreplicationclass',
  shortNames: ['vgrc'],
  scope: 'Cluster',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: { ...typeMetaProperties, spec: replicationClassSpecSchema, status: { type: 'object' } },
  },
};
