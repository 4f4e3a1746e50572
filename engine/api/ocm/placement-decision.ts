// PlacementDecision (cluster.open-cluster-management.io/v1beta1): the clusters a Placement chose,
// found through the `cluster.open-cluster-management.io/placement` label. OCM's scheduler writes them
// unless the Placement hands scheduling to Ramen; Ramen marks an entry `RetainedForFailover` to keep
// the workload on the old cluster during failover (hub spec §5.3).

import type { KindRef, KubeObject } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { typeMetaProperties } from '../storage/schema-parts.js';
import { CLUSTER_GROUP, CLUSTER_V1BETA1_API_VERSION } from './groups.js';

export const PlacementDecisionKind: KindRef = { apiVersion: CLUSTER_V1BETA1_API_VERSION, kind: 'PlacementDecision' };

/** Selects the PlacementDecisions of one Placement (value: the Placement's name). */
export const PLACEMENT_LABEL = 'cluster.open-cluster-management.io/placement';
export const DECISION_GROUP_INDEX_LABEL = 'cluster.open-cluster-management.io/decision-group-index';
export const DECISION_GROUP_NAME_LABEL = 'cluster.open-cluster-management.io/decision-group-name';

/** The decision reason Ramen uses to keep a cluster's workload in place while it fails over. */
export const RETAINED_FOR_FAILOVER = 'RetainedForFailover';

/** OCM names decisions `<placement>-decision-<n>`, n from 1. */
export function placementDecisionName(placementName: string, index: number): string {
  return `${placementName}-decision-${index}`;
}

export interface ClusterDecision {
  clusterName: string;
  reason: string;
}

export interface PlacementDecisionStatus {
  decisions: ClusterDecision[];
}

export interface PlacementDecision extends KubeObject<never, PlacementDecisionStatus> {}

export const PlacementDecisionSchema: KindSchema = {
  group: CLUSTER_GROUP,
  version: 'v1beta1',
  kind: 'PlacementDecision',
  plural: 'placementdecisions',
  singular: 'placementdecision',
  scope: 'Namespaced',
  servedOn: ['hub'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      status: {
        type: 'object',
        required: ['decisions'],
        properties: {
          decisions: {
            type: 'array',
            items: {
              type: 'object',
              required: ['clusterName', 'reason'],
              properties: { clusterName: { type: 'string' }, reason: { type: 'string' } },
            },
          },
        },
      },
    },
  },
};
