// The kinds the hub operator reads or writes, as KindRefs. The OCM and Ramen ones come from their API
// modules; core and storage kinds the hub only touches in passing are spelled here, once.

import type { KindRef } from '../api/meta.js';
import { ManagedClusterKind } from '../api/ocm/managed-cluster.js';
import { ManagedClusterViewKind } from '../api/ocm/managed-cluster-view.js';
import { ManifestWorkKind } from '../api/ocm/manifest-work.js';
import { PlacementKind } from '../api/ocm/placement.js';
import { PlacementDecisionKind } from '../api/ocm/placement-decision.js';
import { PlacementRuleKind } from '../api/ocm/placement-rule.js';
import { DRCLUSTER_KIND } from '../api/ramen/drcluster.js';
import { DRPC_KIND } from '../api/ramen/drpc.js';
import { DRPOLICY_KIND } from '../api/ramen/drpolicy.js';
import { RAMEN_API_VERSION } from '../api/ramen/hub-constants.js';

export const HubKinds = {
  drpc: DRPC_KIND,
  drPolicy: DRPOLICY_KIND,
  drCluster: DRCLUSTER_KIND,
  manifestWork: ManifestWorkKind,
  view: ManagedClusterViewKind,
  managedCluster: ManagedClusterKind,
  placement: PlacementKind,
  placementDecision: PlacementDecisionKind,
  placementRule: PlacementRuleKind,
  configMap: { apiVersion: 'v1', kind: 'ConfigMap' } as KindRef,
  secret: { apiVersion: 'v1', kind: 'Secret' } as KindRef,
  namespace: { apiVersion: 'v1', kind: 'Namespace' } as KindRef,
  applicationSet: { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet' } as KindRef,
} as const;

/** Kinds that live on managed clusters and reach the hub only inside ManifestWorks or views. */
export const RemoteKinds = {
  vrg: { apiVersion: RAMEN_API_VERSION, kind: 'VolumeReplicationGroup' } as KindRef,
  maintenanceMode: { apiVersion: RAMEN_API_VERSION, kind: 'MaintenanceMode' } as KindRef,
  drClusterConfig: { apiVersion: RAMEN_API_VERSION, kind: 'DRClusterConfig' } as KindRef,
  networkFence: { apiVersion: 'csiaddons.openshift.io/v1alpha1', kind: 'NetworkFence' } as KindRef,
  namespace: { apiVersion: 'v1', kind: 'Namespace' } as KindRef,
  storageClass: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' } as KindRef,
  volumeSnapshotClass: { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass' } as KindRef,
  volumeReplicationClass: { apiVersion: 'replication.storage.openshift.io/v1alpha1', kind: 'VolumeReplicationClass' } as KindRef,
  volumeGroupReplicationClass: { apiVersion: 'replication.storage.openshift.io/v1alpha1', kind: 'VolumeGroupReplicationClass' } as KindRef,
  volumeGroupSnapshotClass: { apiVersion: 'groupsnapshot.storage.k8s.io/v1beta1', kind: 'VolumeGroupSnapshotClass' } as KindRef,
} as const;

export function groupVersionOf(ref: KindRef): { group: string; version: string } {
  const slash = ref.apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: ref.apiVersion } : { group: ref.apiVersion.slice(0, slash), version: ref.apiVersion.slice(slash + 1) };
}
