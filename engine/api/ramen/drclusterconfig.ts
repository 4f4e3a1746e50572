// DRClusterConfig (ramendr.openshift.io/v1alpha1, cluster-scoped): the hub tells a DR cluster its
// cluster ID and the replication schedules in use; the DR cluster reports its DR-capable storage
// classes (dr-cluster spec §10). The cluster ID is immutable (CEL `self == oldSelf`).

import type { Condition, KindRef, KubeObject } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { conditionSchema, RAMEN_API_VERSION, VRG_GROUP, VRG_VERSION } from './vrg.js';

export const DRCLUSTERCONFIG_KIND: KindRef = { apiVersion: RAMEN_API_VERSION, kind: 'DRClusterConfig' };

export interface DrClusterConfigSpec {
  replicationSchedules?: string[];
  clusterID: string;
}

export interface StorageAccessDetail {
  storageProvisioner: string;
  cidrs: string[];
}

export interface NetworkAttachment {
  name: string;
  namespace: string;
  cniType?: string;
}

export interface DrClusterConfigStatus {
  conditions?: Condition[];
  storageClasses?: string[];
  volumeSnapshotClasses?: string[];
  volumeGroupSnapshotClasses?: string[];
  volumeReplicationClasses?: string[];
  volumeGroupReplicationClasses?: string[];
  networkFenceClasses?: string[];
  storageAccessDetails?: StorageAccessDetail[];
  networkAttachments?: NetworkAttachment[];
}

export type DrClusterConfig = KubeObject<DrClusterConfigSpec, DrClusterConfigStatus> & { spec: DrClusterConfigSpec };

export const DRCLUSTERCONFIG_CONDITION = { Processed: 'Processed', Reachable: 'Reachable' } as const;
export const DRCLUSTERCONFIG_REASON = { Initializing: 'Initializing', Succeeded: 'Succeeded', Failed: 'Failed' } as const;

const strings = { type: 'array', items: { type: 'string' } } as const;

export const drClusterConfigSchema: KindSchema = {
  group: VRG_GROUP,
  version: VRG_VERSION,
  kind: 'DRClusterConfig',
  plural: 'drclusterconfigs',
  singular: 'drclusterconfig',
  scope: 'Cluster',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        required: ['clusterID'],
        properties: {
          clusterID: {
            type: 'string',
            'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'ClusterID is immutable', transition: true, check: (self, oldSelf) => self === oldSelf }],
          },
          replicationSchedules: strings,
        },
      },
      status: {
        type: 'object',
        properties: {
          conditions: { type: 'array', items: conditionSchema },
          networkAttachments: {
            type: 'array',
            items: { type: 'object', required: ['name', 'namespace'], properties: { cniType: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' } } },
          },
          networkFenceClasses: strings,
          storageAccessDetails: {
            type: 'array',
            items: { type: 'object', required: ['cidrs', 'storageProvisioner'], properties: { cidrs: strings, storageProvisioner: { type: 'string' } } },
          },
          storageClasses: strings,
          volumeGroupReplicationClasses: strings,
          volumeGroupSnapshotClasses: strings,
          volumeReplicationClasses: strings,
          volumeSnapshotClasses: strings,
        },
      },
    },
  },
};
