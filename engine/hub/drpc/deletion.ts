// DRPC deletion (hub spec §12): triggered by a deletion timestamp on the DRPC or on its placement.
// Secondary VRG works go before the primary (S11), then views, namespace works (orphaned, so namespaces
// survive), recipe works, and finally both finalizers. A VRG on an unreachable cluster is invisible here,
// so its work stays behind (quirk Q6).

import type { DRCluster } from '../../api/ramen/drcluster.js';
import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import { Progression, isDiscoveredApp } from '../../api/ramen/drpc.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import {
  DRPC_FINALIZER,
  clonedPlacementRuleName,
  clusterScopedViewName,
  namespaceManifestWorkName,
  namespacedViewName,
  recipeManifestWorkName,
  vrgManifestWorkName,
  vrgViewName,
} from '../../api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { isNotFound } from '../../runtime/errors.js';
import { rfc3339 } from '../../runtime/ports.js';
import type { HubDeps } from '../deps.js';
import { HubKinds } from '../kinds.js';
import { deleteManifestWork, deleteNamespaceManifestWork } from '../ocm/manifest-work-util.js';
import { deleteView } from '../ocm/view-reader.js';
import { ensureVrgsManagedByDrpc } from './adoption.js';
import type { UserPlacement } from './placement.js';
import { getVrgsFromManagedClusters } from './views.js';
import { cleanupVolSyncSecretPropagation } from './volsync-secret.js';

async function ensureVrgsDeleted(
  deps: HubDeps,
  drpc: DRPlacementControl,
  vrgNamespace: string,
  vrgs: ReadonlyMap<string, VolumeReplicationGroup>,
  state: 'primary' | 'secondary',
): Promise<void> {
  let inProgress = false;
  for (const [cluster, vrg] of vrgs) {
    if (vrg.spec.replicationState !== state) continue;
    if (!(await ensureVrgsManagedByDrpc(deps, drpc, vrgNamespace, vrgs))) throw new Error(`${state} VRG adoption in progress`);
    try {
      await deleteManifestWork(deps.client, vrgManifestWorkName(drpc.metadata.name, vrgNamespace), cluster);
    } catch (err) {
      throw new Error(`failed to delete ${state} VRG manifestwork for cluster "${cluster}": ${(err as Error).message}`);
    }
    deps.trace.emit({ type: 'hub.vrg.delete', drpc: `${drpc.metadata.namespace}/${drpc.metadata.name}`, cluster, state });
    inProgress = true;
  }
  if (inProgress) throw new Error(`${state} VRG manifestwork deletion in progress`);
}

async function cleanupVrgs(deps: HubDeps, drpc: DRPlacementControl, policy: DRPolicy, vrgNamespace: string): Promise<void> {
  const drClusters: DRCluster[] = [];
  try {
    for (const name of policy.spec.drClusters) drClusters.push(await deps.client.get<DRCluster>(HubKinds.drCluster, { name }));
  } catch (err) {
    throw new Error(`failed to get drclusters. Error (${(err as Error).message})`);
  }
  let vrgs;
  try {
    vrgs = (await getVrgsFromManagedClusters(deps.client, drpc, drClusters, vrgNamespace)).vrgs;
  } catch (err) {
    throw new Error(`failed to retrieve VRGs. We'll retry later. Error (${(err as Error).message})`);
  }
  await ensureVrgsDeleted(deps, drpc, vrgNamespace, vrgs, 'secondary');
  await ensureVrgsDeleted(deps, drpc, vrgNamespace, vrgs, 'primary');
  if (vrgs.size !== 0) throw new Error('waiting for VRGs count to go to zero');
  for (const cluster of policy.spec.drClusters) {
    await deleteView(deps.client, cluster, vrgViewName(drpc.metadata.name, vrgNamespace));
    if (isDiscoveredApp(drpc)) for (const ns of drpc.spec.protectedNamespaces ?? []) await deleteView(deps.client, cluster, clusterScopedViewName(ns, 'ns'));
    const recipe = drpc.spec.kubeObjectProtection?.recipeRef;
    if (recipe) await deleteView(deps.client, cluster, namespacedViewName(recipe.name ?? '', recipe.namespace ?? '', 'recipe'));
  }
}

async function finalizeDrpc(deps: HubDeps, drpc: DRPlacementControl, vrgNamespace: string): Promise<void> {
  if (!drpc.spec.preferredCluster) {
    try {
      await deps.client.delete(HubKinds.placementRule, { namespace: drpc.metadata.namespace ?? '', name: clonedPlacementRuleName(drpc.metadata.name, drpc.metadata.namespace ?? '') });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  let policy: DRPolicy;
  try {
    policy = await deps.client.get<DRPolicy>(HubKinds.drPolicy, { name: drpc.spec.drPolicyRef.name ?? '' });
  } catch (err) {
    throw new Error(`failed to get DRPolicy while finalizing DRPC (${(err as Error).message})`);
  }
  try {
    await cleanupVolSyncSecretPropagation(deps.client, drpc);
  } catch (err) {
    throw new Error(`failed to clean up volsync secret-related resources (${(err as Error).message})`);
  }
  await cleanupVrgs(deps, drpc, policy, vrgNamespace);
  const namespaces = isDiscoveredApp(drpc) ? (drpc.spec.protectedNamespaces ?? []) : [vrgNamespace];
  for (const ns of namespaces) for (const cluster of policy.spec.drClusters) await deleteNamespaceManifestWork(deps.client, namespaceManifestWorkName(drpc.metadata.name, ns), cluster);
  for (const cluster of policy.spec.drClusters) await deleteManifestWork(deps.client, recipeManifestWorkName(drpc.metadata.name, vrgNamespace), cluster);
}

/** `processDeletion`; a DRPC without the finalizer needs nothing. Throws to retry. */
export async function processDeletion(deps: HubDeps, drpc: DRPlacementControl, placement: UserPlacement | undefined, vrgNamespace: string): Promise<void> {
  if (!(drpc.metadata.finalizers ?? []).includes(DRPC_FINALIZER)) return;
  drpc.status ??= {};
  const progressionChanged = drpc.status.progression !== Progression.Deleting;
  const phaseChanged = drpc.status.phase !== 'Deleting';
  if (progressionChanged) {
    drpc.status.progression = Progression.Deleting;
    drpc.status.actionStartTime = rfc3339(deps.clock.nowMs());
    delete drpc.status.actionDuration;
  }
  drpc.status.phase = 'Deleting';
  drpc.status.observedGeneration = drpc.metadata.generation ?? 0;
  if (progressionChanged || phaseChanged) {
    try {
      const stored = await deps.client.updateStatus<DRPlacementControl>(drpc);
      drpc.metadata.resourceVersion = stored.metadata.resourceVersion;
    } catch (err) {
      throw new Error(`failed to update DRPC status: (${(err as Error).message})`);
    }
  }
  await finalizeDrpc(deps, drpc, vrgNamespace);
  if (placement && (placement.obj.metadata.finalizers ?? []).includes(DRPC_FINALIZER)) {
    const kind = placement.kind === 'Placement' ? HubKinds.placement : HubKinds.placementRule;
    const fresh = await deps.client.get(kind, { namespace: placement.obj.metadata.namespace ?? '', name: placement.obj.metadata.name });
    await deps.client.update({ ...fresh, metadata: { ...fresh.metadata, finalizers: (fresh.metadata.finalizers ?? []).filter((f) => f !== DRPC_FINALIZER) } });
  }
  // `Deleted` is set in memory only; the final write is a plain update, so it is never persisted.
  drpc.status.progression = Progression.Deleted;
  const fresh = await deps.client.get<DRPlacementControl>(HubKinds.drpc, { namespace: drpc.metadata.namespace ?? '', name: drpc.metadata.name });
  await deps.client.update({ ...fresh, metadata: { ...fresh.metadata, finalizers: (fresh.metadata.finalizers ?? []).filter((f) => f !== DRPC_FINALIZER) } });
  deps.trace.emit({ type: 'hub.drpc.deleted', drpc: `${drpc.metadata.namespace}/${drpc.metadata.name}` });
}
