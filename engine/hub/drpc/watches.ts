// What wakes the DRPC controller (hub spec §3): its own DRPC; status changes of ManifestWorks and views
// annotated with a DRPC; deletion of the user's placement; DRClusters reporting a newly activated
// maintenance mode or being deleted; DRPolicies whose validation or peer classes change; and global-VGR
// peers changing their action. Maps also feed the shared cache, so they filter rather than predicates.

import type { KubeObject } from '../../api/meta.js';
import type { DRCluster } from '../../api/ramen/drcluster.js';
import { MMODE_FAILOVER_ACTIVATED } from '../../api/ramen/drcluster.js';
import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import { CONDITION_AVAILABLE } from '../../api/ramen/drpc.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import { DRPOLICY_VALIDATED } from '../../api/ramen/drpolicy.js';
import { DRPC_NAME_ANNOTATION, DRPC_NAMESPACE_ANNOTATION, GLOBAL_VGR_LABEL } from '../../api/ramen/hub-constants.js';
import { jsonEqual } from '../../api/storage/schema-parts.js';
import type { ClusterClient } from '../../runtime/client.js';
import type { Request, WatchSpec } from '../../runtime/reconcile.js';
import { findCondition, isTrueAtGeneration } from '../conditions.js';
import { policySupportsMetro } from '../drpolicy/metro.js';
import type { HubCache } from '../hub-cache.js';
import { HubKinds } from '../kinds.js';

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

function drpcFromAnnotations(obj: KubeObject): Request[] {
  const name = obj.metadata.annotations?.[DRPC_NAME_ANNOTATION];
  const namespace = obj.metadata.annotations?.[DRPC_NAMESPACE_ANNOTATION];
  return name && namespace ? [{ namespace, name }] : [];
}

/** Only status changes of annotated objects matter (create, delete and spec-only updates are ignored). */
export function statusChangeMap(obj: KubeObject, type: EventType, old: KubeObject | undefined): Request[] {
  if (type !== 'MODIFIED' || !old) return [];
  if (jsonEqual(old.status ?? null, obj.status ?? null)) return [];
  return drpcFromAnnotations(obj);
}

export function placementDeleteMap(obj: KubeObject, type: EventType): Request[] {
  return type === 'DELETED' ? drpcFromAnnotations(obj) : [];
}

function isActivated(cluster: DRCluster | undefined, provisioner: string, targetID: string): boolean {
  for (const mm of cluster?.status?.maintenanceModes ?? []) {
    if (mm.storageProvisioner !== provisioner || mm.targetID !== targetID) continue;
    return (mm.conditions ?? []).find((c) => c.type === MMODE_FAILOVER_ACTIVATED)?.status === 'True';
  }
  return false;
}

/** `DRClusterUpdateOfInterest`: a maintenance mode newly FailoverActivated, or a deletion timestamp. */
export function drClusterUpdateOfInterest(old: DRCluster, next: DRCluster): boolean {
  for (const mm of next.status?.maintenanceModes ?? []) {
    const c = (mm.conditions ?? []).find((x) => x.type === MMODE_FAILOVER_ACTIVATED);
    if (!c || c.status !== 'True') continue;
    if (!isActivated(old, mm.storageProvisioner, mm.targetID)) return true;
  }
  return next.metadata.deletionTimestamp !== undefined;
}

/** `RequiresDRPCReconciliation`: freshly built errors never compare equal, so only valid→valid is filtered. */
export function requiresDrpcReconciliation(old: DRPolicy, next: DRPolicy): boolean {
  const valid = (p: DRPolicy): boolean => findCondition(p.status?.conditions, DRPOLICY_VALIDATED)?.status === 'True';
  return (
    !(valid(old) && valid(next)) ||
    !jsonEqual(old.status?.async?.peerClasses ?? null, next.status?.async?.peerClasses ?? null) ||
    !jsonEqual(old.status?.sync?.peerClasses ?? null, next.status?.sync?.peerClasses ?? null)
  );
}

function keyOf(d: DRPlacementControl): Request {
  return { namespace: d.metadata.namespace ?? '', name: d.metadata.name };
}

/** `DRPCsFailingOverToCluster`, including the stop at the first metro policy (quirk Q10). */
export function drpcsFailingOverToCluster(cache: HubCache, cluster: string): DRPlacementControl[] {
  const out: DRPlacementControl[] = [];
  for (const policy of cache.policies.list()) {
    if (!policy.spec.drClusters.includes(cluster)) continue;
    const clusters = policy.spec.drClusters.map((c) => cache.clusters.get(c));
    if (clusters.some((c) => c === undefined) || clusters.length <= 1) return [];
    let metro: boolean;
    try {
      metro = policySupportsMetro(policy).metro;
    } catch {
      return [];
    }
    if (metro) break;
    for (const drpc of cache.drpcs.list()) {
      if (drpc.spec.drPolicyRef.name !== policy.metadata.name || drpc.metadata.deletionTimestamp) continue;
      if (drpc.spec.action !== 'Failover' || drpc.spec.failoverCluster !== cluster) continue;
      if (isTrueAtGeneration(drpc.status?.conditions, CONDITION_AVAILABLE, drpc.metadata.generation)) continue;
      out.push(drpc);
    }
  }
  return out;
}

export function drpcsUsingCluster(cache: HubCache, cluster: string): DRPlacementControl[] {
  const policies = new Set(cache.policies.list().filter((p) => p.spec.drClusters.includes(cluster)).map((p) => p.metadata.name));
  return cache.drpcs.list().filter((d) => policies.has(d.spec.drPolicyRef.name ?? ''));
}

export function drpcWatches(client: ClusterClient, cache: HubCache): WatchSpec[] {
  return [
    {
      client,
      kind: HubKinds.drpc,
      map: (obj, type, old) => {
        cache.drpcs.observe(obj, type);
        const requests: Request[] = [{ namespace: obj.metadata.namespace ?? '', name: obj.metadata.name }];
        const label = obj.metadata.labels?.[GLOBAL_VGR_LABEL];
        if (!label) return requests;
        const next = obj as DRPlacementControl;
        const prev = old as DRPlacementControl | undefined;
        const changed =
          type === 'DELETED' ||
          (type === 'MODIFIED' &&
            prev !== undefined &&
            (prev.spec.action !== next.spec.action || prev.spec.failoverCluster !== next.spec.failoverCluster || prev.spec.preferredCluster !== next.spec.preferredCluster));
        if (!changed) return requests;
        for (const peer of cache.drpcs.list()) {
          if (peer.metadata.labels?.[GLOBAL_VGR_LABEL] !== label) continue;
          if (peer.metadata.name === obj.metadata.name && peer.metadata.namespace === obj.metadata.namespace) continue;
          requests.push(keyOf(peer));
        }
        return requests;
      },
    },
    { client, kind: HubKinds.manifestWork, map: statusChangeMap },
    { client, kind: HubKinds.view, map: statusChangeMap },
    { client, kind: HubKinds.placement, map: placementDeleteMap },
    { client, kind: HubKinds.placementRule, map: placementDeleteMap },
    {
      client,
      kind: HubKinds.drCluster,
      map: (obj, type, old) => {
        cache.clusters.observe(obj, type);
        if (type !== 'MODIFIED' || !old) return [];
        const next = obj as DRCluster;
        if (!drClusterUpdateOfInterest(old as DRCluster, next)) return [];
        const drpcs = next.metadata.deletionTimestamp ? drpcsUsingCluster(cache, next.metadata.name) : drpcsFailingOverToCluster(cache, next.metadata.name);
        return drpcs.map(keyOf);
      },
    },
    {
      client,
      kind: HubKinds.drPolicy,
      map: (obj, type, old) => {
        cache.policies.observe(obj, type);
        if (type !== 'MODIFIED' || !old) return [];
        if (!requiresDrpcReconciliation(old as DRPolicy, obj as DRPolicy)) return [];
        return cache.drpcs.list().filter((d) => d.spec.drPolicyRef.name === obj.metadata.name).map(keyOf);
      },
    },
  ];
}
