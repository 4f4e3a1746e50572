// csi-addons NetworkFence and NetworkFenceClass (csiaddons.openshift.io/v1alpha1, cluster-scoped).
// The hub fences a metro cluster *from its peer*: the NetworkFence lives on the peer and lists the
// fenced cluster's node CIDRs, which the storage system then refuses (hub spec §15.4).

import type { Condition, KindRef, KubeObject } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { conditionsSchema, hasField, immutableRule, stringMapSchema, typeMetaProperties } from './schema-parts.js';

export const CSIADDONS_GROUP = 'csiaddons.openshift.io';
export const CSIADDONS_API_VERSION = `${CSIADDONS_GROUP}/v1alpha1`;

export const NetworkFenceKind: KindRef = { apiVersion: CSIADDONS_API_VERSION, kind: 'NetworkFence' };
export const NetworkFenceClassKind: KindRef = { apiVersion: CSIADDONS_API_VERSION, kind: 'NetworkFenceClass' };

export type FenceState = 'Fenced' | 'Unfenced';
export type FencingOperationResult = 'Succeeded' | 'Failed';

/** The finalizer the csi-addons controller keeps on a NetworkFence while it is in force. */
export const NETWORK_FENCE_FINALIZER = 'csiaddons.openshift.io/network-fence';

export const FENCE_OPERATION_SUCCESSFUL_MESSAGE = 'fencing operation successful';
export const UNFENCE_OPERATION_SUCCESSFUL_MESSAGE = 'unfencing operation successful';

export interface NetworkFenceSpec {
  /** Deprecated in favour of networkFenceClassName; immutable. */
  driver?: string;
  networkFenceClassName?: string;
  /** Defaulted to `Fenced`. */
  fenceState: FenceState;
  cidrs: string[];
  secret?: { name?: string; namespace?: string };
  parameters?: Record<string, string>;
}

export interface NetworkFenceStatus {
  result?: FencingOperationResult;
  message?: string;
  conditions?: Condition[];
}

export interface NetworkFence extends KubeObject<NetworkFenceSpec, NetworkFenceStatus> {
  spec: NetworkFenceSpec;
}

export interface NetworkFenceClassSpec {
  provisioner: string;
  parameters?: Record<string, string>;
}

export interface NetworkFenceClass extends KubeObject<NetworkFenceClassSpec, Record<string, never>> {
  spec: NetworkFenceClassSpec;
}

export const NetworkFenceSchema: KindSchema = {
  group: CSIADDONS_GROUP,
  version: 'v1alpha1',
  kind: 'NetworkFence',
  plural: 'networkfences',
  singular: 'networkfence',
  scope: 'Cluster',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    required: ['spec'],
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        required: ['cidrs', 'fenceState'],
        properties: {
          cidrs: { type: 'array', items: { type: 'string' } },
          driver: { type: 'string', 'x-kubernetes-validations': [immutableRule('driver is immutable')] },
          fenceState: { type: 'string', enum: ['Fenced', 'Unfenced'], default: 'Fenced' },
          networkFenceClassName: { type: 'string', 'x-kubernetes-validations': [immutableRule('networkFenceClassName is immutable')] },
          parameters: { ...stringMapSchema, 'x-kubernetes-validations': [immutableRule('parameters are immutable')] },
          secret: {
            type: 'object',
            properties: {
              name: { type: 'string', 'x-kubernetes-validations': [immutableRule('name is immutable')] },
              namespace: { type: 'string', 'x-kubernetes-validations': [immutableRule('namespace is immutable')] },
            },
            'x-kubernetes-validations': [immutableRule('secret is immutable')],
          },
        },
        'x-kubernetes-validations': [
          {
            rule: 'has(self.driver) || has(self.networkFenceClassName)',
            message: 'one of driver or networkFenceClassName must be present',
            check: (self) => hasField(self, 'driver') || hasField(self, 'networkFenceClassName'),
          },
          {
            rule: 'has(self.networkFenceClassName) || has(self.secret)',
            message: 'secret must be present when networkFenceClassName is not specified',
            check: (self) => hasField(self, 'networkFenceClassName') || hasField(self, 'secret'),
          },
        ],
      },
      status: {
        type: 'object',
        properties: { conditions: conditionsSchema, message: { type: 'string' }, result: { type: 'string' } },
      },
    },
  },
};

export const NetworkFenceClassSchema: KindSchema = {
  group: CSIADDONS_GROUP,
  version: 'v1alpha1',
  kind: 'NetworkFenceClass',
  plural: 'networkfenceclasses',
  singular: 'networkfenceclass',
  scope: 'Cluster',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
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
      },
      status: { type: 'object' },
    },
  },
};
