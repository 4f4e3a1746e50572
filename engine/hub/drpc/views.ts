// The DRPC's picture of its VRGs, read through one ManagedClusterView per cluster (hub spec §5.2).
// A query succeeds with a VRG or with NotFound; any other error marks the cluster as failed. The views
// are never trusted for their age: every gate compares generations inside the viewed VRG instead.

import type { DRCluster } from '../../api/ramen/drcluster.js';
import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import { DRPC_NAME_ANNOTATION, DRPC_NAMESPACE_ANNOTATION, RAMEN_GROUP, RAMEN_VERSION, vrgViewName } from '../../api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import type { ClusterClient } from '../../runtime/client.js';
import { isRemoteNotFound, readThroughView } from '../ocm/view-reader.js';

export function vrgViewAnnotations(drpc: DRPlacementControl): Record<string, string> {
  return { [DRPC_NAME_ANNOTATION]: drpc.metadata.name, [DRPC_NAMESPACE_ANNOTATION]: drpc.metadata.namespace ?? '' };
}

/** `GetVRGFromManagedCluster`: the VRG named after the DRPC, in the VRG namespace, on `cluster`. */
export function readVrgView(client: ClusterClient, drpc: DRPlacementControl, vrgNamespace: string, cluster: string): Promise<VolumeReplicationGroup> {
  return readThroughView<VolumeReplicationGroup>(client, {
    cluster,
    viewName: vrgViewName(drpc.metadata.name, vrgNamespace),
    scope: { apiGroup: RAMEN_GROUP, kind: 'VolumeReplicationGroup', version: RAMEN_VERSION, name: drpc.metadata.name, namespace: vrgNamespace },
    annotations: vrgViewAnnotations(drpc),
  });
}

export interface VrgQuery {
  vrgs: Map<string, VolumeReplicationGroup>;
  queriedCount: number;
  /** The last cluster whose query failed with something other than NotFound; '' when none. */
  failedCluster: string;
}

export class AllVrgQueriesFailedError extends Error {
  constructor() {
    super('failed to retrieve VRGs from clusters');
    this.name = 'AllVrgQueriesFailedError';
  }
}

/** `getVRGsFromManagedClusters`; throws when every cluster failed. VRGs of deleting DRClusters are ignored. */
export async function getVrgsFromManagedClusters(client: ClusterClient, drpc: DRPlacementControl, drClusters: readonly DRCluster[], vrgNamespace: string): Promise<VrgQuery> {
  const vrgs = new Map<string, VolumeReplicationGroup>();
  let queriedCount = 0;
  let failedCluster = '';
  for (const drCluster of drClusters) {
    const name = drCluster.metadata.name;
    let vrg: VolumeReplicationGroup;
    try {
      vrg = await readVrgView(client, drpc, vrgNamespace, name);
    } catch (err) {
      if (isRemoteNotFound(err)) queriedCount++;
      else failedCluster = name;
      continue;
    }
    queriedCount++;
    if (drCluster.metadata.deletionTimestamp) continue;
    vrgs.set(name, vrg);
  }
  if (queriedCount === drClusters.length) return { vrgs, queriedCount, failedCluster: '' };
  if (queriedCount === 0) throw new AllVrgQueriesFailedError();
  return { vrgs, queriedCount, failedCluster };
}
