// The API versions of the kinds the invariants follow, so an `api.write` event (which names only the
// kind) can be turned back into a peek at the stored object.

export const RAMEN = 'ramendr.openshift.io/v1alpha1';
export const WORK = 'work.open-cluster-management.io/v1';
export const CLUSTER_V1BETA1 = 'cluster.open-cluster-management.io/v1beta1';
export const VIEW = 'view.open-cluster-management.io/v1beta1';
export const REPLICATION = 'replication.storage.openshift.io/v1alpha1';

/** Kind to apiVersion for every kind an observer reads back after a write. */
export const FOLLOWED_KINDS: Readonly<Record<string, string>> = {
  DRPlacementControl: RAMEN,
  DRCluster: RAMEN,
  VolumeReplicationGroup: RAMEN,
  ManifestWork: WORK,
  PlacementDecision: CLUSTER_V1BETA1,
  ManagedClusterView: VIEW,
  VolumeReplication: REPLICATION,
  Namespace: 'v1',
  Pod: 'v1',
  PersistentVolumeClaim: 'v1',
  VolumeAttachment: 'storage.k8s.io/v1',
};

/** The actor names processes write under (sim/world/build-environment.ts). */
export const HUB_OPERATOR = 'ramen-hub-operator';
export const DR_OPERATOR = 'ramen-dr-cluster-operator';
