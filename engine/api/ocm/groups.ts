// The API groups and versions of the OCM kinds, spelled once. Ramen's hub uses exactly these
// versions (hub spec §5).

export const WORK_GROUP = 'work.open-cluster-management.io';
export const WORK_API_VERSION = `${WORK_GROUP}/v1`;

export const VIEW_GROUP = 'view.open-cluster-management.io';
export const VIEW_API_VERSION = `${VIEW_GROUP}/v1beta1`;

export const CLUSTER_GROUP = 'cluster.open-cluster-management.io';
export const CLUSTER_V1_API_VERSION = `${CLUSTER_GROUP}/v1`;
export const CLUSTER_V1BETA1_API_VERSION = `${CLUSTER_GROUP}/v1beta1`;
export const CLUSTER_V1BETA2_API_VERSION = `${CLUSTER_GROUP}/v1beta2`;

export const APPS_GROUP = 'apps.open-cluster-management.io';
export const APPS_API_VERSION = `${APPS_GROUP}/v1`;

export const POLICY_GROUP = 'policy.open-cluster-management.io';
export const POLICY_API_VERSION = `${POLICY_GROUP}/v1`;

export const COORDINATION_GROUP = 'coordination.k8s.io';
export const COORDINATION_API_VERSION = `${COORDINATION_GROUP}/v1`;
