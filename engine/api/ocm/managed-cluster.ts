// ManagedCluster (cluster.open-cluster-management.io/v1, cluster-scoped, on the hub): one registered
// cluster. Ramen reads `ManagedClusterJoined` and the `id.k8s.io` claim (hub spec §14.1); OCM's
// lease controller turns `ManagedClusterConditionAvailable` Unknown when the agent stops renewing.

import type { Condition, KindRef, KubeObject } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { conditionsSchema, typeMetaProperties } from '../storage/schema-parts.js';
import { CLUSTER_GROUP, CLUSTER_V1_API_VERSION } from './groups.js';

export const ManagedClusterKind: KindRef = { apiVersion: CLUSTER_V1_API_VERSION, kind: 'ManagedCluster' };

export const MANAGED_CLUSTER_JOINED = 'ManagedClusterJoined';
export const MANAGED_CLUSTER_AVAILABLE = 'ManagedClusterConditionAvailable';
export const MANAGED_CLUSTER_HUB_ACCEPTED = 'HubAcceptedManagedCluster';

export const ManagedClusterReasons = {
  hubAccepted: 'HubClusterAdminAccepted',
  joined: 'ManagedClusterJoined',
  available: 'ManagedClusterAvailable',
  leaseUpdateStopped: 'ManagedClusterLeaseUpdateStopped',
} as const;

export const ManagedClusterMessages = {
  hubAccepted: 'Accepted by hub cluster admin',
  joined: 'Managed cluster joined',
  available: 'Managed cluster is available',
  leaseUpdateStopped: 'Registration agent stopped updating its lease.',
} as const;

/** The well-known claim holding the cluster's identity: the uid of its kube-system namespace. */
export const CLUSTER_CLAIM_ID = 'id.k8s.io';

/** The default lease period; the hub waits LEASE_DURATION_TIMES of it before declaring Unknown. */
export const DEFAULT_LEASE_DURATION_SECONDS = 60;
export const LEASE_DURATION_TIMES = 5;

/** Taints the registration controller keeps on clusters that are not available. */
export const TAINT_UNAVAILABLE = 'cluster.open-cluster-management.io/unavailable';
export const TAINT_UNREACHABLE = 'cluster.open-cluster-management.io/unreachable';

/** The label naming a cluster's ManagedClusterSet (exclusive cluster-set membership). */
export const CLUSTER_SET_LABEL = 'cluster.open-cluster-management.io/clusterset';

export type TaintEffect = 'NoSelect' | 'PreferNoSelect' | 'NoSelectIfNew';

export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
  timeAdded: string;
}

export interface ManagedClusterSpec {
  hubAcceptsClient: boolean;
  leaseDurationSeconds?: number;
  managedClusterClientConfigs?: { url: string; caBundle?: string }[];
  taints?: Taint[];
}

export interface ClusterClaim {
  name: string;
  value: string;
}

export interface ManagedClusterStatus {
  conditions?: Condition[];
  clusterClaims?: ClusterClaim[];
  version?: { kubernetes?: string };
  capacity?: Record<string, string>;
  allocatable?: Record<string, string>;
}

export interface ManagedCluster extends KubeObject<ManagedClusterSpec, ManagedClusterStatus> {
  spec: ManagedClusterSpec;
}

export const ManagedClusterSchema: KindSchema = {
  group: CLUSTER_GROUP,
  version: 'v1',
  kind: 'ManagedCluster',
  plural: 'managedclusters',
  singular: 'managedcluster',
  shortNames: ['mcl', 'mcls'],
  scope: 'Cluster',
  servedOn: ['hub'],
  statusSubresource: true,
  schema: {
    type: 'object',
    required: ['spec'],
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        properties: {
          hubAcceptsClient: { type: 'boolean' },
          leaseDurationSeconds: { type: 'integer', format: 'int32', default: 60 },
          managedClusterClientConfigs: {
            type: 'array',
            items: { type: 'object', required: ['url'], properties: { caBundle: { type: 'string', format: 'byte' }, url: { type: 'string' } } },
          },
          taints: {
            type: 'array',
            items: {
              type: 'object',
              required: ['effect', 'key'],
              properties: {
                effect: { type: 'string', enum: ['NoSelect', 'PreferNoSelect', 'NoSelectIfNew'] },
                key: { type: 'string', maxLength: 316 },
                timeAdded: { type: 'string', format: 'date-time', nullable: true },
                value: { type: 'string', maxLength: 1024 },
              },
            },
          },
        },
      },
      status: {
        type: 'object',
        properties: {
          allocatable: { type: 'object', additionalProperties: { type: 'string', 'x-kubernetes-int-or-string': true } },
          capacity: { type: 'object', additionalProperties: { type: 'string', 'x-kubernetes-int-or-string': true } },
          clusterClaims: {
            type: 'array',
            items: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' } } },
          },
          conditions: conditionsSchema,
          version: { type: 'object', properties: { kubernetes: { type: 'string' } } },
        },
      },
    },
  },
};
