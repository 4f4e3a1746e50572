// Ramen's ManagedClusterInstance: the ManagedCluster of a DR cluster must have joined the hub, and its
// `id.k8s.io` cluster claim (the kube-system namespace UID) identifies it in peer classes and in the
// DRClusterConfig the hub writes.

import type { ManagedCluster } from '../../api/ocm/managed-cluster.js';
import { CLUSTER_CLAIM_ID, MANAGED_CLUSTER_JOINED } from '../../api/ocm/managed-cluster.js';
import type { ClusterClient } from '../../runtime/client.js';
import { HubKinds } from '../kinds.js';

export async function joinedManagedCluster(client: ClusterClient, cluster: string): Promise<ManagedCluster> {
  let mc: ManagedCluster;
  try {
    mc = await client.get<ManagedCluster>(HubKinds.managedCluster, { name: cluster });
  } catch (err) {
    throw new Error(`failed to get ManagedCluster resource for cluster (${cluster}): ${(err as Error).message}`);
  }
  const joined = (mc.status?.conditions ?? []).find((c) => c.type === MANAGED_CLUSTER_JOINED);
  if (!joined || joined.status !== 'True') throw new Error(`cluster (${cluster}) has not joined the hub`);
  return mc;
}

export function clusterIdOf(mc: ManagedCluster): string {
  const id = (mc.status?.clusterClaims ?? []).find((c) => c.name === CLUSTER_CLAIM_ID)?.value ?? '';
  if (!id) throw new Error(`cluster (${mc.metadata.name}) is missing cluster ID claim`);
  return id;
}

export async function clusterIdOfCluster(client: ClusterClient, cluster: string): Promise<string> {
  return clusterIdOf(await joinedManagedCluster(client, cluster));
}
