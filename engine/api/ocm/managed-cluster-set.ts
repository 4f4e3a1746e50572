// ManagedClusterSet and ManagedClusterSetBinding (cluster.open-cluster-management.io/v1beta2): a set of
// clusters, and its binding into a namespace. A Placement may only choose clusters of sets bound to
// its own namespace.

import type { Condition, KindRef, KubeObject, LabelSelector } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { conditionsSchema, typeMetaProperties } from '../storage/schema-parts.js';
import { CLUSTER_GROUP, CLUSTER_V1BETA2_API_VERSION } from './groups.js';
import { labelSelectorSchema } from '../schema/label-selector-schema.js';

export const ManagedClusterSetKind: KindRef = { apiVersion: CLUSTER_V1BETA2_API_VERSION, kind: 'ManagedClusterSet' };
export const ManagedClusterSetBindingKind: KindRef = { apiVersion: CLUSTER_V1BETA2_API_VERSION, kind: 'ManagedClusterSetBinding' };

/** The set every cluster belongs to (a LabelSelector set with an empty selector). */
export const GLOBAL_CLUSTER_SET = 'global';

export interface ManagedClusterSetSpec {
  clusterSelector?: {
    /** ExclusiveClusterSetLabel: members carry `cluster.open-cluster-management.io/clusterset=<set>`. */
    selectorType?: 'ExclusiveClusterSetLabel' | 'LabelSelector';
    labelSelector?: LabelSelector;
  };
}

export interface ManagedClusterSet extends KubeObject<ManagedClusterSetSpec, { conditions?: Condition[] }> {
  spec?: ManagedClusterSetSpec;
}

export interface ManagedClusterSetBindingSpec {
  /** Must equal the binding's own name. */
  clusterSet: string;
}

export interface ManagedClusterSetBinding extends KubeObject<ManagedClusterSetBindingSpec, { conditions?: Condition[] }> {
  spec: ManagedClusterSetBindingSpec;
}

/** metav1.LabelSelector as CRDs spell it. */
export { labelSelectorSchema };

export const ManagedClusterSetSchema: KindSchema = {
  group: CLUSTER_GROUP,
  version: 'v1beta2',
  kind: 'ManagedClusterSet',
  plural: 'managedclustersets',
  singular: 'managedclusterset',
  shortNames: ['mclset', 'mclsets'],
  scope: 'Cluster',
  servedOn: ['hub'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        default: { clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } },
        properties: {
          clusterSelector: {
            type: 'object',
            default: { selectorType: 'ExclusiveClusterSetLabel' },
            properties: {
              labelSelector: labelSelectorSchema,
              selectorType: { type: 'string', default: 'ExclusiveClusterSetLabel', enum: ['ExclusiveClusterSetLabel', 'LabelSelector'] },
            },
          },
        },
      },
      status: { type: 'object', properties: { conditions: conditionsSchema } },
    },
  },
};

export const ManagedClusterSetBindingSchema: KindSchema = {
  group: CLUSTER_GROUP,
  version: 'v1beta2',
  kind: 'ManagedClusterSetBinding',
  plural: 'managedclustersetbindings',
  singular: 'managedclustersetbinding',
  shortNames: ['mclsetbinding', 'mclsetbindings'],
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
        required: ['clusterSet'],
        properties: { clusterSet: { type: 'string', minLength: 1 } },
      },
      status: { type: 'object', properties: { conditions: conditionsSchema } },
    },
  },
};
