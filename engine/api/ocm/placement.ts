// Placement (cluster.open-cluster-management.io/v1beta1): chooses clusters for a workload and
// publishes the choice as PlacementDecisions. Ramen requires its Placements to carry the
// scheduling-disable annotation and then writes the decisions itself (hub spec §5.3).

import type { Condition, KindRef, KubeObject, LabelSelector } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { conditionsSchema, typeMetaProperties } from '../storage/schema-parts.js';
import { CLUSTER_GROUP, CLUSTER_V1BETA1_API_VERSION } from './groups.js';
import { labelSelectorSchema } from './managed-cluster-set.js';

export const PlacementKind: KindRef = { apiVersion: CLUSTER_V1BETA1_API_VERSION, kind: 'Placement' };

/** With value `"true"` OCM's scheduler leaves this Placement's decisions alone (Ramen then owns them). */
export const PLACEMENT_DISABLE_ANNOTATION = 'cluster.open-cluster-management.io/experimental-scheduling-disable';

export const PLACEMENT_SATISFIED = 'PlacementSatisfied';
export const PLACEMENT_MISCONFIGURED = 'PlacementMisconfigured';

export interface ClusterPredicate {
  requiredClusterSelector?: {
    labelSelector?: LabelSelector;
    claimSelector?: { matchExpressions?: LabelSelector['matchExpressions'] };
  };
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSelect' | 'PreferNoSelect' | 'NoSelectIfNew';
  tolerationSeconds?: number;
}

export interface PlacementSpec {
  clusterSets?: string[];
  numberOfClusters?: number;
  predicates?: ClusterPredicate[];
  tolerations?: Toleration[];
  prioritizerPolicy?: { mode?: 'Additive' | 'Exact'; configurations?: unknown[] };
}

export interface DecisionGroupStatus {
  decisionGroupIndex: number;
  decisionGroupName: string;
  decisions: string[];
  clustersCount: number;
}

export interface PlacementStatus {
  numberOfSelectedClusters?: number;
  decisionGroups?: DecisionGroupStatus[];
  conditions?: Condition[];
}

export interface Placement extends KubeObject<PlacementSpec, PlacementStatus> {
  spec: PlacementSpec;
}

export const PlacementSchema: KindSchema = {
  group: CLUSTER_GROUP,
  version: 'v1beta1',
  kind: 'Placement',
  plural: 'placements',
  singular: 'placement',
  scope: 'Namespaced',
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
          clusterSets: { type: 'array', items: { type: 'string' } },
          numberOfClusters: { type: 'integer', format: 'int32' },
          predicates: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                requiredClusterSelector: {
                  type: 'object',
                  properties: {
                    claimSelector: { type: 'object', properties: { matchExpressions: labelSelectorSchema.properties!.matchExpressions! } },
                    labelSelector: labelSelectorSchema,
                  },
                },
              },
            },
          },
          prioritizerPolicy: {
            type: 'object',
            properties: {
              configurations: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
              mode: { type: 'string', default: 'Additive', enum: ['Additive', 'Exact', ''] },
            },
          },
          tolerations: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                effect: { type: 'string', enum: ['NoSelect', 'PreferNoSelect', 'NoSelectIfNew'] },
                key: { type: 'string', maxLength: 316 },
                operator: { type: 'string', default: 'Equal', enum: ['Exists', 'Equal'] },
                tolerationSeconds: { type: 'integer', format: 'int64' },
                value: { type: 'string', maxLength: 1024 },
              },
            },
          },
        },
      },
      status: {
        type: 'object',
        properties: {
          conditions: conditionsSchema,
          decisionGroups: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                clustersCount: { type: 'integer', format: 'int32', default: 0 },
                decisionGroupIndex: { type: 'integer', format: 'int32' },
                decisionGroupName: { type: 'string' },
                decisions: { type: 'array', items: { type: 'string' } },
              },
            },
          },
          numberOfSelectedClusters: { type: 'integer', format: 'int32' },
        },
      },
    },
  },
};
