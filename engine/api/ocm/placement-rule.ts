// PlacementRule (apps.open-cluster-management.io/v1): the legacy placement API. Decisions live in
// its own status. Ramen owns a rule whose `spec.schedulerName` is `ramen`; OCM's placement-rule
// controller only schedules rules with no scheduler name or `default` (hub spec §5.3).

import type { KindRef, KubeObject, LabelSelector } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { typeMetaProperties } from '../storage/schema-parts.js';
import { APPS_API_VERSION, APPS_GROUP } from './groups.js';
import { labelSelectorSchema } from './managed-cluster-set.js';

export const PlacementRuleKind: KindRef = { apiVersion: APPS_API_VERSION, kind: 'PlacementRule' };

/** The scheduler name under which Ramen, not OCM, decides a PlacementRule. */
export const RAMEN_SCHEDULER_NAME = 'ramen';

export interface PlacementRuleSpec {
  clusterSelector?: LabelSelector;
  clusters?: { name: string }[];
  clusterReplicas?: number;
  clusterConditions?: { type?: string; status?: 'True' | 'False' | 'Unknown' }[];
  schedulerName?: string;
  resourceHint?: { type?: string; order?: string };
}

export interface PlacementRuleDecision {
  clusterName: string;
  clusterNamespace: string;
}

export interface PlacementRuleStatus {
  decisions?: PlacementRuleDecision[];
  lastUpdateTime?: string;
}

export interface PlacementRule extends KubeObject<PlacementRuleSpec, PlacementRuleStatus> {
  spec: PlacementRuleSpec;
}

export const PlacementRuleSchema: KindSchema = {
  group: APPS_GROUP,
  version: 'v1',
  kind: 'PlacementRule',
  plural: 'placementrules',
  singular: 'placementrule',
  shortNames: ['plr'],
  scope: 'Namespaced',
  servedOn: ['hub'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        properties: {
          clusterConditions: {
            type: 'array',
            items: { type: 'object', properties: { status: { type: 'string' }, type: { type: 'string' } } },
          },
          clusterReplicas: { type: 'integer', format: 'int32' },
          clusterSelector: labelSelectorSchema,
          clusters: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
          resourceHint: { type: 'object', properties: { order: { type: 'string' }, type: { type: 'string' } } },
          schedulerName: { type: 'string' },
        },
      },
      status: {
        type: 'object',
        properties: {
          decisions: {
            type: 'array',
            items: { type: 'object', properties: { clusterName: { type: 'string' }, clusterNamespace: { type: 'string' } } },
          },
          lastUpdateTime: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};
