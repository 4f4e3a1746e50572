// Reads that turn "not there" into undefined (a finding, not a crash): NotFound for objects,
// NoKindMatch for kinds the cluster does not serve. Anything else (an unreachable API server) is
// rethrown for the check to report.

import type { KindRef, KubeObject, ObjectKey } from '../../engine/api/meta.js';
import { isApiError } from '../../engine/runtime/errors.js';
import type { ClusterReader } from './doctor-types.js';

export async function getOrUndefined<T extends KubeObject>(c: ClusterReader, kind: KindRef, key: ObjectKey): Promise<T | undefined> {
  try {
    return await c.get<T>(kind, key);
  } catch (err) {
    if (isApiError(err, 'NotFound') || isApiError(err, 'NoKindMatch')) return undefined;
    throw err;
  }
}

/** Every object of a kind (optionally in one namespace); empty when the kind is not served. */
export async function listOrEmpty<T extends KubeObject>(c: ClusterReader, kind: KindRef, namespace?: string): Promise<T[]> {
  try {
    return (await c.list<T>(kind, namespace === undefined ? {} : { namespace })).items;
  } catch (err) {
    if (isApiError(err, 'NoKindMatch')) return [];
    throw err;
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const KINDS = {
  configMap: { apiVersion: 'v1', kind: 'ConfigMap' },
  secret: { apiVersion: 'v1', kind: 'Secret' },
  namespace: { apiVersion: 'v1', kind: 'Namespace' },
  storageClass: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' },
  volumeSnapshotClass: { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass' },
  volumeReplicationClass: { apiVersion: 'replication.storage.openshift.io/v1alpha1', kind: 'VolumeReplicationClass' },
  drCluster: { apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'DRCluster' },
  drPolicy: { apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'DRPolicy' },
  managedCluster: { apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster' },
} as const satisfies Record<string, KindRef>;
