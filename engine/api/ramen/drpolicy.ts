// DRPolicy (cluster-scoped, hub): the pair of DR clusters and the replication schedule an application
// is protected with (hub spec §2.2, §14). Its status carries the peer classes the DRPolicy controller
// discovered; the DRPC reads them to tell metro from regional. A DRPolicy never creates VRGs itself.

import type { Condition, KindRef, KubeObject, LabelSelector } from '../meta.js';
import type { CelRule, KindSchema, Schema } from '../schema/types.js';
import { conditionsSchema, hasField, immutableRule, stringMapSchema, typeMetaProperties } from '../storage/schema-parts.js';
import { RAMEN_API_VERSION, RAMEN_GROUP, RAMEN_VERSION } from './hub-constants.js';
import { labelSelectorSchema } from '../schema/label-selector-schema.js';

export const DRPOLICY_KIND: KindRef = { apiVersion: RAMEN_API_VERSION, kind: 'DRPolicy' };

export interface PeerClass {
  replicationID?: string;
  groupreplicationID?: string;
  storageID?: string[];
  storageClassName?: string;
  clusterIDs?: string[];
  grouping?: boolean;
  offloaded?: boolean;
  global?: boolean;
}

export interface NetworkPeer {
  nadName: string;
  nadNamespace: string;
  clusterCNITypes?: Record<string, string>;
}

export interface DRPolicySpec {
  schedulingInterval: string;
  replicationClassSelector?: LabelSelector;
  volumeSnapshotClassSelector?: LabelSelector;
  volumeGroupSnapshotClassSelector?: LabelSelector;
  drClusters: string[];
  networkMappingRef?: { name: string };
}

export interface DRPolicyStatus {
  conditions?: Condition[];
  async?: { peerClasses?: PeerClass[] };
  sync?: { peerClasses?: PeerClass[] };
  networkPeers?: NetworkPeer[];
}

export type DRPolicy = KubeObject<DRPolicySpec, DRPolicyStatus> & { spec: DRPolicySpec };

// Condition types and reasons (§14.1).
export const DRPOLICY_VALIDATED = 'Validated';
export const DRPOLICY_NAD_VALIDATED = 'NetworkAttachmentsValidated';
export const DRPolicyReason = {
  Succeeded: 'Succeeded',
  ValidationFailed: 'ValidationFailed',
  DRClusterNotFound: 'DRClusterNotFound',
  DRClustersUnavailable: 'DRClustersUnavailable',
  DRPolicyConflictFound: 'DRPolicyConflictFound',
  ConfigMapGetFailed: 'ConfigMapGetFailed',
  NamespaceCreateFailed: 'NamespaceCreateFailed',
  DRClusterDetailsFailed: 'drClusterDetailsFailed',
  FinalizerAddFailed: 'FinalizerAddFailed',
  NADsMissing: 'NADsMissing',
} as const;

/** metav1.LabelSelector as controller-gen spells it (atomic map type). */
export { labelSelectorSchema };

export const peerClassSchema: Schema = {
  type: 'object',
  properties: {
    clusterIDs: { type: 'array', items: { type: 'string' } },
    global: { type: 'boolean' },
    grouping: { type: 'boolean' },
    groupreplicationID: { type: 'string' },
    offloaded: { type: 'boolean' },
    replicationID: { type: 'string' },
    storageClassName: { type: 'string' },
    storageID: { type: 'array', items: { type: 'string' } },
  },
};

const peerClassesHolder: Schema = { type: 'object', properties: { peerClasses: { type: 'array', items: peerClassSchema } } };

function withRules(schema: Schema, rules: CelRule[], extra: Partial<Schema> = {}): Schema {
  return { ...schema, ...extra, 'x-kubernetes-validations': rules };
}

/** A rule at spec level: a defaulted selector may not be added or removed after creation. */
function presenceImmutable(field: string): CelRule {
  return {
    rule: `has(oldSelf.${field}) == has(self.${field})`,
    message: `${field} is immutable`,
    transition: true,
    check: (self, oldSelf) => hasField(oldSelf, field) === hasField(self, field),
  };
}

export const SCHEDULING_INTERVAL_PATTERN = '^(|\\d+[mhd])$';

export const drPolicySchema: KindSchema = {
  group: RAMEN_GROUP,
  version: RAMEN_VERSION,
  kind: 'DRPolicy',
  plural: 'drpolicies',
  singular: 'drpolicy',
  scope: 'Cluster',
  servedOn: ['hub'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        required: ['drClusters', 'schedulingInterval'],
        properties: {
          drClusters: {
            type: 'array',
            items: { type: 'string' },
            'x-kubernetes-validations': [
              {
                rule: 'size(self) == 2',
                message: 'drClusters requires a list of 2 clusters',
                check: (self) => Array.isArray(self) && self.length === 2,
              },
              immutableRule('drClusters is immutable'),
            ],
          },
          networkMappingRef: { type: 'object', properties: { name: { type: 'string', default: '' } } },
          replicationClassSelector: withRules(labelSelectorSchema, [immutableRule('replicationClassSelector is immutable')], { default: {} }),
          schedulingInterval: {
            type: 'string',
            pattern: SCHEDULING_INTERVAL_PATTERN,
            'x-kubernetes-validations': [immutableRule('schedulingInterval is immutable')],
          },
          volumeGroupSnapshotClassSelector: labelSelectorSchema,
          volumeSnapshotClassSelector: withRules(labelSelectorSchema, [immutableRule('volumeSnapshotClassSelector is immutable')], { default: {} }),
        },
        'x-kubernetes-validations': [presenceImmutable('replicationClassSelector'), presenceImmutable('volumeSnapshotClassSelector')],
      },
      status: {
        type: 'object',
        properties: {
          async: peerClassesHolder,
          conditions: conditionsSchema,
          networkPeers: {
            type: 'array',
            items: {
              type: 'object',
              required: ['nadName', 'nadNamespace'],
              properties: { clusterCNITypes: stringMapSchema, nadName: { type: 'string' }, nadNamespace: { type: 'string' } },
            },
          },
          sync: peerClassesHolder,
        },
      },
    },
  },
};
