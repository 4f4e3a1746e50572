// Policy and PlacementBinding (policy.open-cluster-management.io/v1), with the embedded
// ConfigurationPolicy: how Ramen distributes S3 secrets to managed clusters (hub spec §14.7). A
// PlacementBinding ties Policies to a PlacementRule or Placement; the propagator copies each Policy
// into the decided clusters' namespaces, and the cluster's policy agent enforces its object templates.

import type { KindRef, KubeObject } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { typeMetaProperties } from '../storage/schema-parts.js';
import { POLICY_API_VERSION, POLICY_GROUP } from './groups.js';

export const PolicyKind: KindRef = { apiVersion: POLICY_API_VERSION, kind: 'Policy' };
export const PlacementBindingKind: KindRef = { apiVersion: POLICY_API_VERSION, kind: 'PlacementBinding' };
/** Only ever embedded in a Policy's templates here; drsim does not serve it as a kind. */
export const ConfigurationPolicyKind: KindRef = { apiVersion: POLICY_API_VERSION, kind: 'ConfigurationPolicy' };

/** Labels the propagator sets on a replicated policy in a cluster namespace. */
export const ROOT_POLICY_LABEL = 'policy.open-cluster-management.io/root-policy';
export const CLUSTER_NAME_LABEL = 'policy.open-cluster-management.io/cluster-name';
export const CLUSTER_NAMESPACE_LABEL = 'policy.open-cluster-management.io/cluster-namespace';
/** Ramen bumps this annotation (to the secret's resourceVersion) to make the propagator re-resolve hub templates. */
export const POLICY_TRIGGER_UPDATE_ANNOTATION = 'policy.open-cluster-management.io/trigger-update';

export type RemediationAction = 'Inform' | 'Enforce' | 'inform' | 'enforce';
export type ComplianceState = 'Compliant' | 'NonCompliant' | 'Pending';

export interface ObjectTemplate {
  complianceType: 'musthave' | 'mustonlyhave' | 'mustnothave' | 'MustHave' | 'MustOnlyHave' | 'MustNotHave';
  objectDefinition: KubeObject;
}

export interface ConfigurationPolicy extends KubeObject<{ remediationAction?: RemediationAction; severity?: string; 'object-templates'?: ObjectTemplate[] }> {}

export interface PolicySpec {
  disabled: boolean;
  remediationAction?: RemediationAction;
  'policy-templates'?: { objectDefinition: KubeObject }[];
}

export interface PolicyStatus {
  compliant?: ComplianceState;
  placement?: { placementBinding?: string; placementRule?: string; placement?: string }[];
  status?: { clustername: string; clusternamespace: string; compliant?: ComplianceState }[];
  /** On a replicated policy: what the cluster's policy agent found, newest first. */
  details?: { templateMeta?: { name?: string }; compliant?: ComplianceState; history?: { lastTimestamp?: string; message?: string }[] }[];
}

export interface Policy extends KubeObject<PolicySpec, PolicyStatus> {
  spec: PolicySpec;
}

export interface PlacementSubject {
  apiGroup: string;
  kind: string;
  name: string;
}

/** A PlacementBinding has no spec: its fields sit at the top level, as upstream. */
export interface PlacementBinding extends KubeObject<never, Record<string, unknown>> {
  placementRef: PlacementSubject;
  subjects: PlacementSubject[];
}

export const PolicySchema: KindSchema = {
  group: POLICY_GROUP,
  version: 'v1',
  kind: 'Policy',
  plural: 'policies',
  singular: 'policy',
  shortNames: ['plc'],
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
          disabled: { type: 'boolean' },
          'policy-templates': {
            type: 'array',
            items: {
              type: 'object',
              required: ['objectDefinition'],
              properties: { objectDefinition: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
            },
          },
          remediationAction: { type: 'string', enum: ['Inform', 'inform', 'Enforce', 'enforce'] },
        },
      },
      status: {
        type: 'object',
        properties: {
          compliant: { type: 'string', enum: ['Compliant', 'Pending', 'NonCompliant'] },
          details: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          placement: {
            type: 'array',
            items: {
              type: 'object',
              properties: { placement: { type: 'string' }, placementBinding: { type: 'string' }, placementRule: { type: 'string' } },
            },
          },
          status: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                clustername: { type: 'string' },
                clusternamespace: { type: 'string' },
                compliant: { type: 'string', enum: ['Compliant', 'Pending', 'NonCompliant'] },
              },
            },
          },
        },
      },
    },
  },
};

const placementSubjectSchema = {
  type: 'object' as const,
  required: ['apiGroup', 'kind', 'name'],
  properties: {
    apiGroup: { type: 'string' as const, enum: ['apps.open-cluster-management.io', 'cluster.open-cluster-management.io', 'policy.open-cluster-management.io'] },
    kind: { type: 'string' as const, minLength: 1 },
    name: { type: 'string' as const, minLength: 1 },
  },
};

export const PlacementBindingSchema: KindSchema = {
  group: POLICY_GROUP,
  version: 'v1',
  kind: 'PlacementBinding',
  plural: 'placementbindings',
  singular: 'placementbinding',
  shortNames: ['pb'],
  scope: 'Namespaced',
  servedOn: ['hub'],
  statusSubresource: true,
  schema: {
    type: 'object',
    required: ['placementRef', 'subjects'],
    properties: {
      ...typeMetaProperties,
      placementRef: placementSubjectSchema,
      subjects: { type: 'array', minItems: 1, items: placementSubjectSchema },
      status: { type: 'object' },
    },
  },
};
