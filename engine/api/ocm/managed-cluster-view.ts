// ManagedClusterView (view.open-cluster-management.io/v1beta1): asks the cluster's agent to copy one
// object from the managed cluster into `status.result`. A new view has no status, so Ramen's first
// read through it fails; a view of an unreachable cluster simply stops being refreshed (hub spec §5.2).

import type { Condition, KindRef, KubeObject } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { conditionsSchema, typeMetaProperties } from '../storage/schema-parts.js';
import { VIEW_API_VERSION, VIEW_GROUP } from './groups.js';

export const ManagedClusterViewKind: KindRef = { apiVersion: VIEW_API_VERSION, kind: 'ManagedClusterView' };

/** The one condition type a view carries. */
export const VIEW_CONDITION_PROCESSING = 'Processing';

export const ViewReasons = {
  getResource: 'GetResourceProcessing',
  getResourceFailed: 'GetResourceFailed',
  resourceNameInvalid: 'ResourceNameInvalid',
  resourceTypeInvalid: 'ResourceTypeInvalid',
  resourceGVKInvalid: 'ResourceGVKInvalid',
} as const;

export const VIEW_SUCCESS_MESSAGE = 'Watching resources successfully';
/** Every failure message starts with this, followed by the managed cluster's error text. */
export const VIEW_FAILURE_PREFIX = 'failed to get resource with err: ';

/** The agent refreshes a view this often unless `updateIntervalSeconds` says otherwise. */
export const VIEW_DEFAULT_UPDATE_INTERVAL_SECONDS = 30;

export interface ViewScope {
  /** The API group, empty for core. */
  apiGroup?: string;
  kind?: string;
  version?: string;
  /** A resource name (plural, optionally `plural.group`); used instead of kind/version when set. */
  resource?: string;
  name: string;
  namespace?: string;
  updateIntervalSeconds?: number;
}

export interface ViewSpec {
  scope: ViewScope;
}

export interface ViewStatus {
  conditions?: Condition[];
  /** The viewed object as the managed cluster returned it. */
  result?: KubeObject;
}

export interface ManagedClusterView extends KubeObject<ViewSpec, ViewStatus> {
  spec: ViewSpec;
}

export const ManagedClusterViewSchema: KindSchema = {
  group: VIEW_GROUP,
  version: 'v1beta1',
  kind: 'ManagedClusterView',
  plural: 'managedclusterviews',
  singular: 'managedclusterview',
  shortNames: ['mcv'],
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
          scope: {
            type: 'object',
            properties: {
              apiGroup: { type: 'string' },
              kind: { type: 'string' },
              name: { type: 'string' },
              namespace: { type: 'string' },
              resource: { type: 'string' },
              updateIntervalSeconds: { type: 'integer', format: 'int32' },
              version: { type: 'string' },
            },
          },
        },
      },
      status: {
        type: 'object',
        properties: {
          conditions: conditionsSchema,
          result: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
    },
  },
};
