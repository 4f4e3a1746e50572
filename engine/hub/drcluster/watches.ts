// What wakes the DRCluster controller (hub spec §3): its own changes; any DRPolicy event (every cluster
// it names); status changes of works and views annotated with a DRCluster; the hub config ConfigMap
// and Secrets in the operator namespace (every DRCluster); DRPCs of interest (their failoverCluster).

import type { KubeObject } from '../../api/meta.js';
import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import { CONDITION_AVAILABLE } from '../../api/ramen/drpc.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import { DRCLUSTER_NAME_ANNOTATION, HUB_CONFIG_MAP_NAME } from '../../api/ramen/hub-constants.js';
import { jsonEqual } from '../../api/storage/schema-parts.js';
import type { ClusterClient } from '../../runtime/client.js';
import type { Request, WatchSpec } from '../../runtime/reconcile.js';
import { findCondition, isTrueAtGeneration } from '../conditions.js';
import type { HubCache } from '../hub-cache.js';
import { HubKinds } from '../kinds.js';

/** `DRPCUpdateOfInterest` (DRCluster side): failover started, retargeted, completed, or still running. */
export function drpcUpdateOfInterest(old: DRPlacementControl, next: DRPlacementControl): boolean {
  if (next.spec.action !== 'Failover') return false;
  if (old.spec.action !== 'Failover') return true;
  if (old.spec.failoverCluster !== next.spec.failoverCluster) return true;
  if (isTrueAtGeneration(next.status?.conditions, CONDITION_AVAILABLE, next.metadata.generation)) {
    const prev = findCondition(old.status?.conditions, CONDITION_AVAILABLE);
    return prev !== undefined && prev.status !== 'True';
  }
  return true;
}

function annotated(obj: KubeObject): Request[] {
  const name = obj.metadata.annotations?.[DRCLUSTER_NAME_ANNOTATION];
  return name ? [{ name }] : [];
}

function statusChanged(type: string, obj: KubeObject, old: KubeObject | undefined): boolean {
  return type === 'MODIFIED' && old !== undefined && !jsonEqual(old.status ?? null, obj.status ?? null);
}

export function drClusterWatches(client: ClusterClient, cache: HubCache, operatorNamespace: string): WatchSpec[] {
  const allClusters = (): Request[] => cache.clusters.list().map((c) => ({ name: c.metadata.name }));
  return [
    {
      client,
      kind: HubKinds.drCluster,
      map: (obj, type) => {
        cache.clusters.observe(obj, type);
        return [{ name: obj.metadata.name }];
      },
    },
    {
      client,
      kind: HubKinds.drPolicy,
      map: (obj, type) => {
        cache.policies.observe(obj, type);
        return (obj as DRPolicy).spec.drClusters.map((name) => ({ name }));
      },
    },
    { client, kind: HubKinds.manifestWork, map: (obj, type, old) => (statusChanged(type, obj, old) ? annotated(obj) : []) },
    { client, kind: HubKinds.view, map: (obj, type, old) => (statusChanged(type, obj, old) ? annotated(obj) : []) },
    { client, kind: HubKinds.configMap, namespace: operatorNamespace, map: (obj) => (obj.metadata.name === HUB_CONFIG_MAP_NAME ? allClusters() : []) },
    {
      client,
      kind: HubKinds.secret,
      namespace: operatorNamespace,
      // Ramen maps a secret to the DRClusters whose profile names it; every DRCluster is a superset.
      map: (obj, type, old) => (type === 'MODIFIED' && old?.metadata.resourceVersion === obj.metadata.resourceVersion ? [] : allClusters()),
    },
    {
      client,
      kind: HubKinds.drpc,
      map: (obj, type, old) => {
        cache.drpcs.observe(obj, type);
        const drpc = obj as DRPlacementControl;
        if (type === 'ADDED') return [];
        if (type === 'MODIFIED' && (!old || !drpcUpdateOfInterest(old as DRPlacementControl, drpc))) return [];
        return drpc.spec.failoverCluster ? [{ name: drpc.spec.failoverCluster }] : [];
      },
    },
  ];
}
