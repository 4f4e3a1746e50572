// The cluster-scoped storage objects a vendor installs on each managed cluster, derived from the
// storage topology so that Ramen's class matching (dr-cluster spec §4.4-4.5, hub spec §15.4) finds
// exactly one class per purpose: a StorageClass, a VolumeReplicationClass per scheduling interval
// (regional systems only), a VolumeSnapshotClass and a NetworkFenceClass, all labelled with the
// system's storage id and, for mirrored pairs, a replication id shared by both peers.

import type { KubeObject } from '../../engine/api/meta.js';
import type { NetworkFenceClass } from '../../engine/api/storage/network-fence.js';
import { CSIADDONS_API_VERSION } from '../../engine/api/storage/network-fence.js';
import type { VolumeReplicationClass } from '../../engine/api/storage/volume-replication-class.js';
import { SCHEDULING_INTERVAL_PARAMETER, VRC_DEFAULT_CLASS_ANNOTATION } from '../../engine/api/storage/volume-replication-class.js';
import { REPLICATION_API_VERSION } from '../../engine/api/storage/volume-replication.js';
import type { VolumeSnapshotClass } from '../../engine/api/storage/volume-snapshot.js';
import { SNAPSHOT_API_VERSION, VSC_DEFAULT_CLASS_ANNOTATION } from '../../engine/api/storage/volume-snapshot.js';
import type { StorageClass } from './core-shapes.js';
import type { StorageBackend, StorageSystemSpec } from './storage-backend.js';

export const LABEL_STORAGE_ID = 'ramendr.openshift.io/storageid';
export const LABEL_REPLICATION_ID = 'ramendr.openshift.io/replicationid';
export const LABEL_MAINTENANCE_MODES = 'ramendr.openshift.io/maintenancemodes';

export interface StorageFixtureOptions {
  /** The scheduling intervals of the DRPolicies, for example `['5m']`; one VRC each. */
  schedulingIntervals: string[];
  /** Add `ramendr.openshift.io/maintenancemodes: Failover` to regional classes. Default false. */
  failoverMaintenanceMode?: boolean;
}

export function storageClassNameOf(system: StorageSystemSpec): string {
  return system.storageClassName ?? `${system.storageId}-csi`;
}

/** The replication id both peers of a mirrored pair carry: their storage ids, sorted and joined. */
export function replicationIdOf(system: StorageSystemSpec): string | undefined {
  if (system.mirrorPeer === undefined) return undefined;
  return [system.storageId, system.mirrorPeer].sort().join('-');
}

function intervalSlug(interval: string): string {
  return interval.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Every storage object of `cluster`, in creation order. */
export function storageFixtures(storage: StorageBackend, cluster: string, options: StorageFixtureOptions): KubeObject[] {
  const out: KubeObject[] = [];
  for (const system of storage.systemsList().filter((s) => s.clusters.includes(cluster))) {
    const replicationId = replicationIdOf(system);
    const ids: Record<string, string> = { [LABEL_STORAGE_ID]: system.storageId, ...(replicationId === undefined ? {} : { [LABEL_REPLICATION_ID]: replicationId }) };
    const mmode: Record<string, string> = replicationId !== undefined && options.failoverMaintenanceMode ? { [LABEL_MAINTENANCE_MODES]: 'Failover' } : {};
    const sc: StorageClass = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: storageClassNameOf(system), labels: { ...ids, ...mmode } },
      provisioner: system.provisioner,
      parameters: { clusterID: system.storageId },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    };
    out.push(sc);
    if (replicationId !== undefined) {
      for (const interval of options.schedulingIntervals) {
        const vrc: VolumeReplicationClass = {
          apiVersion: REPLICATION_API_VERSION,
          kind: 'VolumeReplicationClass',
          metadata: { name: `${system.storageId}-vrc-${intervalSlug(interval)}`, labels: { ...ids, ...mmode }, annotations: { [VRC_DEFAULT_CLASS_ANNOTATION]: 'true' } },
          spec: { provisioner: system.provisioner, parameters: { [SCHEDULING_INTERVAL_PARAMETER]: interval, 'replication.storage.openshift.io/replication-secret-name': 'rook-csi-rbd-provisioner', 'replication.storage.openshift.io/replication-secret-namespace': 'rook-ceph' } },
        };
        out.push(vrc);
      }
    }
    const vsc: VolumeSnapshotClass = {
      apiVersion: SNAPSHOT_API_VERSION,
      kind: 'VolumeSnapshotClass',
      metadata: { name: `${system.storageId}-vsc`, labels: { [LABEL_STORAGE_ID]: system.storageId }, annotations: { [VSC_DEFAULT_CLASS_ANNOTATION]: 'true' } },
      driver: system.provisioner,
      deletionPolicy: 'Delete',
      parameters: { clusterID: system.storageId },
    };
    out.push(vsc);
    const nfc: NetworkFenceClass = {
      apiVersion: CSIADDONS_API_VERSION,
      kind: 'NetworkFenceClass',
      metadata: { name: `${system.storageId}-nfc`, annotations: { [LABEL_STORAGE_ID]: system.storageId } },
      spec: { provisioner: system.provisioner, parameters: { clusterID: system.storageId } },
    };
    out.push(nfc);
  }
  return out;
}
