// The objects a hub admin creates to bring clusters under OCM: a ManagedCluster the hub accepts, a
// ManagedClusterSet and its binding into a namespace (so Placements there may choose its members).

import type { ClusterClient } from '../../engine/runtime/client.js';
import { isAlreadyExists } from '../../engine/runtime/errors.js';
import { CLUSTER_SET_LABEL, ManagedClusterKind, type ManagedCluster } from '../../engine/api/ocm/managed-cluster.js';
import {
  ManagedClusterSetBindingKind,
  ManagedClusterSetKind,
  type ManagedClusterSet,
  type ManagedClusterSetBinding,
} from '../../engine/api/ocm/managed-cluster-set.js';

async function createIfMissing(client: ClusterClient, obj: Parameters<ClusterClient['create']>[0]): Promise<void> {
  try {
    await client.create(obj);
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}

/** A ManagedCluster the hub accepts, optionally a member of `clusterSet` (exclusive label). */
export function managedClusterObject(name: string, opts: { labels?: Record<string, string>; clusterSet?: string } = {}): ManagedCluster {
  const labels = { ...(opts.labels ?? {}), ...(opts.clusterSet ? { [CLUSTER_SET_LABEL]: opts.clusterSet } : {}) };
  return {
    apiVersion: ManagedClusterKind.apiVersion,
    kind: ManagedClusterKind.kind,
    metadata: { name, ...(Object.keys(labels).length > 0 ? { labels } : {}) },
    spec: { hubAcceptsClient: true, leaseDurationSeconds: 60 },
  };
}

export async function registerManagedCluster(hub: ClusterClient, name: string, opts: { labels?: Record<string, string>; clusterSet?: string } = {}): Promise<void> {
  await createIfMissing(hub, managedClusterObject(name, opts));
}

/** Creates the set (exclusive-label membership) and binds it into `namespace`. */
export async function bindClusterSet(hub: ClusterClient, namespace: string, setName: string): Promise<void> {
  const set: ManagedClusterSet = {
    apiVersion: ManagedClusterSetKind.apiVersion,
    kind: ManagedClusterSetKind.kind,
    metadata: { name: setName },
    spec: { clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } },
  };
  await createIfMissing(hub, set);
  const binding: ManagedClusterSetBinding = {
    apiVersion: ManagedClusterSetBindingKind.apiVersion,
    kind: ManagedClusterSetBindingKind.kind,
    metadata: { name: setName, namespace },
    spec: { clusterSet: setName },
  };
  await createIfMissing(hub, binding);
}
