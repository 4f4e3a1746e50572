// DRCluster (cluster-scoped, hub): one managed cluster as a DR peer, with its S3 profile, region,
// fencing CIDRs and fencing request (hub spec §2.3, §15). The DRPC reads only its `Fenced` condition
// and `status.maintenanceModes`.

import type { Condition, KindRef, KubeObject } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { conditionsSchema, immutableRule, typeMetaProperties } from '../storage/schema-parts.js';
import { RAMEN_API_VERSION, RAMEN_GROUP, RAMEN_VERSION } from './hub-constants.js';

export const DRCLUSTER_KIND: KindRef = { apiVersion: RAMEN_API_VERSION, kind: 'DRCluster' };

export type ClusterFenceState = 'Unfenced' | 'Fenced' | 'ManuallyFenced' | 'ManuallyUnfenced';
export const CLUSTER_FENCE_STATES: readonly ClusterFenceState[] = ['Unfenced', 'Fenced', 'ManuallyFenced', 'ManuallyUnfenced'];

export type DRClusterPhase = 'Available' | 'Starting' | 'Fencing' | 'Fenced' | 'Unfencing' | 'Unfenced';

export type MModeState = 'Unknown' | 'Error' | 'Progressing' | 'Completed';

export interface ClusterMaintenanceMode {
  storageProvisioner: string;
  targetID: string;
  state: MModeState;
  conditions?: Condition[];
}

export interface DRClusterSpec {
  cidrs?: string[];
  clusterFence?: ClusterFenceState;
  region?: string;
  s3ProfileName: string;
}

export interface DRClusterStatus {
  phase?: DRClusterPhase;
  conditions?: Condition[];
  maintenanceModes?: ClusterMaintenanceMode[];
}

export type DRCluster = KubeObject<DRClusterSpec, DRClusterStatus> & { spec: DRClusterSpec };

// Condition types (§2.3).
export const DRCLUSTER_VALIDATED = 'Validated';
export const DRCLUSTER_FENCED = 'Fenced';
export const DRCLUSTER_CLEAN = 'Clean';
export const DRCLUSTER_CIDRS_VALIDATED = 'CIDRsValidated';
/** The MaintenanceMode condition that says the storage is ready for a failover (§2.4). */
export const MMODE_FAILOVER_ACTIVATED = 'FailoverActivated';

// Reasons (§15.1, §15.2, §15.6, §16).
export const DRClusterReason = {
  Initializing: 'Initializing',
  Succeeded: 'Succeeded',
  ConfigMapGetFailed: 'ConfigMapGetFailed',
  FinalizerAddFailed: 'FinalizerAddFailed',
  DrClustersDeployFailed: 'DrClustersDeployFailed',
  DrClustersDeployStatusCheckFailed: 'DrClustersDeployStatusCheckFailed',
  DRClusterConfigInProgress: 'DRClusterConfigInProgress',
  ValidationFailed: 'ValidationFailed',
  S3ConnectionFailed: 's3ConnectionFailed',
  S3BucketNotFound: 's3BucketNotFound',
  S3ListFailed: 's3ListFailed',
  // Fencing reasons.
  Fencing: 'Fencing',
  Fenced: 'Fenced',
  FenceError: 'FenceError',
  Unfencing: 'Unfencing',
  Unfenced: 'Unfenced',
  UnfenceError: 'UnfenceError',
  Cleaning: 'Cleaning',
  Clean: 'Clean',
  // CIDR reasons.
  InvalidCIDRsFormat: 'InvalidCIDRsFormat',
  DetectedCIDRsUnconfigured: 'DetectedCIDRsUnconfigured',
  UndetectedCIDRsFound: 'UndetectedCIDRsFound',
} as const;

export const drClusterSchema: KindSchema = {
  group: RAMEN_GROUP,
  version: RAMEN_VERSION,
  kind: 'DRCluster',
  plural: 'drclusters',
  singular: 'drcluster',
  scope: 'Cluster',
  servedOn: ['hub'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        required: ['s3ProfileName'],
        properties: {
          cidrs: { type: 'array', items: { type: 'string' } },
          clusterFence: { type: 'string', enum: [...CLUSTER_FENCE_STATES] },
          region: { type: 'string', 'x-kubernetes-validations': [immutableRule('region is immutable')] },
          s3ProfileName: { type: 'string', 'x-kubernetes-validations': [immutableRule('s3ProfileName is immutable')] },
        },
      },
      status: {
        type: 'object',
        properties: {
          conditions: conditionsSchema,
          maintenanceModes: {
            type: 'array',
            items: {
              type: 'object',
              required: ['state', 'storageProvisioner', 'targetID'],
              properties: {
                conditions: conditionsSchema,
                state: { type: 'string', enum: ['Unknown', 'Error', 'Progressing', 'Completed'] },
                storageProvisioner: { type: 'string' },
                targetID: { type: 'string' },
              },
            },
          },
          phase: { type: 'string' },
        },
      },
    },
  },
};
