// csi-addons VolumeReplicationClass: which provisioner replicates a volume and with what parameters.
// Ramen matches classes by provisioner, by `parameters.schedulingInterval` and by the storage and
// replication id labels (dr-cluster spec §4.4, §13.1); the simulated driver ships a snapshot to the
// peer every `schedulingInterval`.

import type { KindRef, KubeObject } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { REPLICATION_API_VERSION, REPLICATION_GROUP } from './volume-replication.js';
import { hasField, immutableRule, stringMapSchema, typeMetaProperties } from './schema-parts.js';

export const VolumeReplicationClassKind: KindRef = { apiVersion: REPLICATION_API_VERSION, kind: 'VolumeReplicationClass' };

/** The parameter holding the mirroring interval, for example `5m` (pattern `^\d+[mhd]$` in Ramen). */
export const SCHEDULING_INTERVAL_PARAMETER = 'schedulingInterval';

/** Marks the class preferred when several match (value `"true"`). */
export const VRC_DEFAULT_CLASS_ANNOTATION = 'replication.storage.openshift.io/is-default-class';

export interface ReplicationClassSpec {
  /** Immutable. */
  provisioner: string;
  /** Immutable; presence cannot change either. */
  parameters?: Record<string, string>;
}

export interface VolumeReplicationClass extends KubeObject<ReplicationClassSpec, Record<string, never>> {
  spec: ReplicationClassSpec;
}

/** The spec schema of VolumeReplicationClass, shared with VolumeGroupReplicationClass. */
export const replicationClassSpecSchema: KindSchema['schema'] = {
  type: 'object',
  required: ['provisioner'],
  properties: {
    parameters: { ...stringMapSchema, 'x-kubernetes-validations': [immutableRule('parameters are immutable')] },
    provisioner: { type: 'string', 'x-kubernetes-validations': [immutableRule('provisioner is immutable')] },
  },
  'x-kubernetes-validations': [
    {
      rule: 'has(self.parameters) == has(oldSelf.parameters)',
      message: 'parameters are immutable',
      transition: true,
      check: (self, oldSelf) => hasField(self, 'parameters') === hasField(oldSelf, 'parameters'),
    },
  ],
};

export const VolumeReplicationClassSchema: KindSchema = {
  group: REPLICATION_GROUP,
  version: 'v1alpha1',
  kind: 'VolumeReplicationClass',
  plural: 'volumereplicationclasses',
  singular: 'volumereplicationclass',
  shortNames: ['vrc'],
  scope: 'Cluster',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    required: ['spec'],
    properties: { ...typeMetaProperties, spec: replicationClassSpecSchema, status: { type: 'object' } },
  },
};
