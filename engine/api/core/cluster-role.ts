// ClusterRole (rbac.authorization.k8s.io/v1): Ramen's hub puts ClusterRoles in the `ramen-dr-cluster`
// ManifestWork so that OCM's work agent may manage Ramen's kinds. drsim does not model RBAC, so the
// kind is served for its shape only and grants nothing.

import type { KindRef } from '../meta.js';
import type { KindSchema } from '../schema/types.js';

export const CLUSTER_ROLE_KIND: KindRef = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' };

const policyRule = {
  type: 'object' as const,
  properties: {
    apiGroups: { type: 'array' as const, items: { type: 'string' as const } },
    resources: { type: 'array' as const, items: { type: 'string' as const } },
    resourceNames: { type: 'array' as const, items: { type: 'string' as const } },
    verbs: { type: 'array' as const, items: { type: 'string' as const } },
    nonResourceURLs: { type: 'array' as const, items: { type: 'string' as const } },
  },
  required: ['verbs'],
};

export const ClusterRoleSchema: KindSchema = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRole',
  plural: 'clusterroles',
  singular: 'clusterrole',
  scope: 'Cluster',
  servedOn: ['hub', 'dr'],
  builtIn: true,
  statusSubresource: false,
  // RBAC names are path segments, not DNS names: `open-cluster-management:...:volrepgroup-edit` is valid.
  nameValidation: 'pathSegment',
  schema: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      rules: { type: 'array', items: policyRule },
      aggregationRule: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
};
