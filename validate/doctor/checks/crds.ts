// Are the kinds Ramen needs served where it needs them? The hub needs Ramen's hub CRDs and OCM's hub
// API; each DR cluster needs Ramen's DR-cluster CRDs and the storage APIs replication goes through.

import type { KindRef } from '../../../engine/api/meta.js';
import type { Check, ClusterReader } from '../doctor-types.js';

interface Need {
  kind: KindRef;
  /** fail when missing, or only warn (needed for one replication path or feature). */
  level: 'fail' | 'warn';
  why: string;
}

const RAMEN = 'ramendr.openshift.io/v1alpha1';

export const HUB_NEEDS: readonly Need[] = [
  { kind: { apiVersion: RAMEN, kind: 'DRPolicy' }, level: 'fail', why: 'Ramen hub CRD' },
  { kind: { apiVersion: RAMEN, kind: 'DRCluster' }, level: 'fail', why: 'Ramen hub CRD' },
  { kind: { apiVersion: RAMEN, kind: 'DRPlacementControl' }, level: 'fail', why: 'Ramen hub CRD' },
  { kind: { apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster' }, level: 'fail', why: 'OCM hub' },
  { kind: { apiVersion: 'work.open-cluster-management.io/v1', kind: 'ManifestWork' }, level: 'fail', why: 'OCM hub: Ramen deploys to clusters through ManifestWorks' },
  { kind: { apiVersion: 'view.open-cluster-management.io/v1beta1', kind: 'ManagedClusterView' }, level: 'fail', why: 'OCM hub: Ramen reads clusters through ManagedClusterViews' },
  { kind: { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement' }, level: 'fail', why: 'OCM hub' },
  { kind: { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'PlacementDecision' }, level: 'fail', why: 'OCM hub' },
  { kind: { apiVersion: 'apps.open-cluster-management.io/v1', kind: 'PlacementRule' }, level: 'warn', why: 'only for applications placed by PlacementRules' },
];

export const DR_NEEDS: readonly Need[] = [
  { kind: { apiVersion: RAMEN, kind: 'VolumeReplicationGroup' }, level: 'fail', why: 'Ramen DR-cluster CRD' },
  { kind: { apiVersion: RAMEN, kind: 'DRClusterConfig' }, level: 'fail', why: 'Ramen DR-cluster CRD' },
  { kind: { apiVersion: RAMEN, kind: 'MaintenanceMode' }, level: 'fail', why: 'Ramen DR-cluster CRD' },
  { kind: { apiVersion: RAMEN, kind: 'ProtectedVolumeReplicationGroupList' }, level: 'fail', why: 'Ramen DR-cluster CRD' },
  { kind: { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass' }, level: 'fail', why: 'CSI snapshot API' },
  { kind: { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot' }, level: 'fail', why: 'CSI snapshot API' },
  { kind: { apiVersion: 'replication.storage.openshift.io/v1alpha1', kind: 'VolumeReplicationClass' }, level: 'warn', why: 'csi-addons, only for storage-level (VolRep) replication' },
  { kind: { apiVersion: 'replication.storage.openshift.io/v1alpha1', kind: 'VolumeReplication' }, level: 'warn', why: 'csi-addons, only for storage-level (VolRep) replication' },
  { kind: { apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationSource' }, level: 'warn', why: 'VolSync, only for VolSync replication' },
  { kind: { apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationDestination' }, level: 'warn', why: 'VolSync, only for VolSync replication' },
  { kind: { apiVersion: 'velero.io/v1', kind: 'Backup' }, level: 'warn', why: 'Velero, only for kube-object protection' },
];

async function missing(reader: ClusterReader, needs: readonly Need[]): Promise<Need[]> {
  const out: Need[] = [];
  for (const n of needs) if (!(await reader.serves(n.kind))) out.push(n);
  return out;
}

function describe(ns: Need[]): string {
  return ns.map((n) => `${n.kind.kind} (${n.kind.apiVersion}: ${n.why})`).join(', ');
}

export async function hubCrdCheck(hub: ClusterReader): Promise<Check> {
  const gone = await missing(hub, HUB_NEEDS);
  const fatal = gone.filter((n) => n.level === 'fail');
  const base = { id: 'crds.hub', title: 'Ramen and OCM kinds served on the hub', cluster: 'hub' };
  if (gone.length === 0) return { ...base, status: 'ok', detail: `all ${HUB_NEEDS.length} kinds served` };
  return {
    ...base,
    status: fatal.length > 0 ? 'fail' : 'warn',
    detail: `not served: ${describe(gone)}`,
    fix: 'install the OCM hub (clusteradm init, with the ManagedClusterView and PlacementRule add-ons) and Ramen\'s hub operator with its CRDs (config/hub, or the odr-hub-operator on OpenShift) on the hub',
  };
}

export async function drCrdCheck(name: string, reader: ClusterReader): Promise<Check> {
  const gone = await missing(reader, DR_NEEDS);
  const fatal = gone.filter((n) => n.level === 'fail');
  const base = { id: `crds.${name}`, title: `Ramen and storage kinds served on ${name}`, cluster: name };
  if (gone.length === 0) return { ...base, status: 'ok', detail: `all ${DR_NEEDS.length} kinds served` };
  const ramenMissing = gone.some((n) => n.kind.apiVersion === RAMEN);
  return {
    ...base,
    status: fatal.length > 0 ? 'fail' : 'warn',
    detail: `not served: ${describe(gone)}`,
    fix: ramenMissing
      ? 'the hub installs the DR-cluster operator and its CRDs through ManifestWork ramen-dr-cluster once a DRCluster for this cluster exists (drClusterOperator.deploymentAutomationEnabled); check that DRCluster and the ManifestWork, or install config/dr-cluster by hand'
      : 'install the missing storage APIs on this cluster (external-snapshotter CRDs, csi-addons for VolRep, VolSync, Velero)',
  };
}
