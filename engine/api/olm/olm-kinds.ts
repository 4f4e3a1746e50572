// The two OLM kinds Ramen's hub ships to managed clusters when `deploymentAutomationEnabled` is on:
// an OperatorGroup and a Subscription for the DR-cluster operator. drsim runs that operator itself,
// so nothing acts on them; they are served so the ManifestWork applies as it would on a cluster with
// OLM installed. Schemas follow operators.coreos.com's CRDs for the fields Ramen sets.

import type { KindRef } from '../meta.js';
import type { KindSchema } from '../schema/types.js';

export const OPERATOR_GROUP_KIND: KindRef = { apiVersion: 'operators.coreos.com/v1', kind: 'OperatorGroup' };
export const SUBSCRIPTION_KIND: KindRef = { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription' };

export const OperatorGroupSchema: KindSchema = {
  group: 'operators.coreos.com',
  version: 'v1',
  kind: 'OperatorGroup',
  plural: 'operatorgroups',
  singular: 'operatorgroup',
  shortNames: ['og'],
  scope: 'Namespaced',
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
        properties: {
          targetNamespaces: { type: 'array', items: { type: 'string' } },
          selector: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          serviceAccountName: { type: 'string' },
          upgradeStrategy: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
};

export const SubscriptionSchema: KindSchema = {
  group: 'operators.coreos.com',
  version: 'v1alpha1',
  kind: 'Subscription',
  plural: 'subscriptions',
  singular: 'subscription',
  shortNames: ['sub', 'subs'],
  scope: 'Namespaced',
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
        required: ['name', 'source', 'sourceNamespace'],
        properties: {
          channel: { type: 'string' },
          name: { type: 'string' },
          source: { type: 'string' },
          sourceNamespace: { type: 'string' },
          installPlanApproval: { type: 'string', enum: ['Automatic', 'Manual'] },
          startingCSV: { type: 'string' },
          config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
};

export const OLM_KIND_SCHEMAS: readonly KindSchema[] = [OperatorGroupSchema, SubscriptionSchema];
