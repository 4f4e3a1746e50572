// Storage maintenance modes on a regional failover target (hub spec §15.5). While DRPCs fail over to
// cluster X, X gets a MaintenanceMode per provisioner+replicationID their last primary VRG asks for;
// once every one of them has Available True at its generation, the works are pruned and
// `status.maintenanceModes` empties (L6). The status is rebuilt from the maintenance-mode views.

import type { KubeObject } from '../../api/meta.js';
import type { ManagedClusterView } from '../../api/ocm/managed-cluster-view.js';
import type { ManifestWork } from '../../api/ocm/manifest-work.js';
import type { ClusterMaintenanceMode, DRCluster } from '../../api/ramen/drcluster.js';
import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import { CONDITION_AVAILABLE } from '../../api/ramen/drpc.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import {
  CREATED_BY_RAMEN_LABEL,
  DRCLUSTER_NAME_ANNOTATION,
  MMODE_LABEL,
  RAMEN_API_VERSION,
  RAMEN_GROUP,
  RAMEN_VERSION,
  clusterScopedViewName,
  maintenanceModeManifestWorkName,
} from '../../api/ramen/hub-constants.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { isTrueAtGeneration } from '../conditions.js';
import type { HubDeps } from '../deps.js';
import { policySupportsMetro } from '../drpolicy/metro.js';
import { HubKinds } from '../kinds.js';
import type { RequiredActivation } from '../maintenance-requirements.js';
import { allActivationsReported, lastKnownPrimaryView, requiredActivations } from '../maintenance-requirements.js';
import { createOrUpdateManifestWork, deleteManifestWork, newManifestWork } from '../ocm/manifest-work-util.js';
import { deleteView, interpretView, isRemoteNotFound, readThroughView } from '../ocm/view-reader.js';
import { resolvePlacement } from '../drpc/placement.js';
import { selectVrgNamespace } from '../drpc/validation.js';
import { getVrgsFromManagedClusters } from '../drpc/views.js';
import { lastKnownPrimaryVrgFromS3 } from '../s3/last-primary-vrg.js';

interface MaintenanceMode extends KubeObject {
  spec?: { storageProvisioner: string; targetID?: string; modes?: string[] };
  status?: ClusterMaintenanceMode & { observedGeneration?: number };
}

interface FailingOver {
  drpc: DRPlacementControl;
  policy: DRPolicy;
}

/** `DRPCsFailingOverToCluster` from live lists, stopping at the first metro policy (quirk Q10). */
export async function drpcsFailingOverTo(deps: HubDeps, cluster: string): Promise<FailingOver[]> {
  const policies = (await deps.client.list<DRPolicy>(HubKinds.drPolicy)).items;
  const drpcs = (await deps.client.list<DRPlacementControl>(HubKinds.drpc)).items;
  const out: FailingOver[] = [];
  for (const policy of policies) {
    if (!policy.spec.drClusters.includes(cluster)) continue;
    for (const name of policy.spec.drClusters) await deps.client.get(HubKinds.drCluster, { name });
    if (policySupportsMetro(policy).metro) break;
    for (const drpc of drpcs) {
      if (drpc.spec.drPolicyRef.name !== policy.metadata.name || drpc.metadata.deletionTimestamp) continue;
      if (drpc.spec.action !== 'Failover' || drpc.spec.failoverCluster !== cluster) continue;
      if (isTrueAtGeneration(drpc.status?.conditions, CONDITION_AVAILABLE, drpc.metadata.generation)) continue;
      out.push({ drpc, policy });
    }
  }
  return out;
}

async function viewsOf(deps: HubDeps, f: FailingOver): Promise<{ vrgs: Map<string, VolumeReplicationGroup>; vrgNamespace: string }> {
  const clusters = [];
  for (const name of f.policy.spec.drClusters) clusters.push(await deps.client.get<DRCluster>(HubKinds.drCluster, { name }));
  const placement = await resolvePlacement(deps.client, f.drpc);
  const vrgNamespace = await selectVrgNamespace(deps.client, f.drpc, placement);
  const q = await getVrgsFromManagedClusters(deps.client, f.drpc, clusters, vrgNamespace);
  return { vrgs: q.vrgs, vrgNamespace };
}

export interface MModeResult {
  requeue: boolean;
}

/** `clusterMModeHandler`; rewrites `status.maintenanceModes` of the in-memory DRCluster. */
export async function clusterMModeHandler(deps: HubDeps, drCluster: DRCluster, config: RamenConfig): Promise<MModeResult> {
  let requeue = false;
  const cluster = drCluster.metadata.name;
  const failing = await drpcsFailingOverTo(deps, cluster);
  const required = new Map<string, RequiredActivation>();
  const viewsByDrpc: { f: FailingOver; vrgs: Map<string, VolumeReplicationGroup> }[] = [];
  for (const f of failing) {
    let views;
    try {
      views = await viewsOf(deps, f);
    } catch {
      requeue = true;
      continue;
    }
    viewsByDrpc.push({ f, vrgs: views.vrgs });
    const vrg = lastKnownPrimaryView(views.vrgs, cluster) ?? (await lastKnownPrimaryVrgFromS3(deps, config, [drCluster.spec.s3ProfileName], f.drpc.metadata.name, views.vrgNamespace));
    for (const [k, v] of requiredActivations(vrg)) if (!required.has(k)) required.set(k, v);
  }

  if (!allActivationsReported(drCluster, required)) {
    for (const r of required.values()) {
      const mm: MaintenanceMode = {
        apiVersion: RAMEN_API_VERSION,
        kind: 'MaintenanceMode',
        metadata: { name: r.targetID, labels: { [CREATED_BY_RAMEN_LABEL]: 'true' } },
        spec: { storageProvisioner: r.storageProvisioner, targetID: r.targetID, modes: ['Failover'] },
      };
      try {
        await createOrUpdateManifestWork(
          deps.client,
          newManifestWork(maintenanceModeManifestWorkName(r.targetID), cluster, [mm], { labels: { [MMODE_LABEL]: '' }, annotations: { [DRCLUSTER_NAME_ANNOTATION]: cluster } }),
        );
      } catch {
        requeue = true;
      }
    }
  }

  // Prune works no longer required, unless a still-failing DRPC's view uses that storage backend.
  const survivors = new Map<string, ManifestWork>();
  const works = (await deps.client.list<ManifestWork>(HubKinds.manifestWork, { namespace: cluster, labelSelector: { matchLabels: { [MMODE_LABEL]: '' } } })).items;
  for (const mw of works) {
    const mm = (mw.spec.workload?.manifests ?? []).find((m) => m.kind === 'MaintenanceMode') as MaintenanceMode | undefined;
    if (!mm?.spec) continue;
    const key = mm.spec.storageProvisioner + (mm.spec.targetID ?? '');
    if (!required.has(key)) {
      const stillNeeded = viewsByDrpc.some(({ f, vrgs }) => {
        if (isTrueAtGeneration(f.drpc.status?.conditions, CONDITION_AVAILABLE, f.drpc.metadata.generation)) return false;
        for (const vrg of vrgs.values()) {
          for (const pvc of vrg.status?.protectedPVCs ?? []) if (pvc.csiProvisioner === mm.spec!.storageProvisioner && pvc.replicationID?.id === mm.spec!.targetID) return true;
        }
        return false;
      });
      if (!stillNeeded) {
        try {
          await deleteManifestWork(deps.client, mw.metadata.name, cluster);
        } catch {
          requeue = true;
        }
        continue;
      }
    }
    survivors.set(mm.spec.targetID ?? '', mw);
  }

  // Status: one view per surviving work, then every maintenance-mode view becomes a status entry.
  for (const [targetID] of survivors) {
    try {
      await readMModeView(deps, cluster, targetID);
    } catch {
      requeue = true;
    }
  }
  const entries: ClusterMaintenanceMode[] = [];
  const views = (await deps.client.list<ManagedClusterView>(HubKinds.view, { namespace: cluster, labelSelector: { matchLabels: { [MMODE_LABEL]: '' } } })).items;
  for (const view of views) {
    let mm: MaintenanceMode | undefined;
    try {
      mm = interpretView<MaintenanceMode>(view);
    } catch (err) {
      if (!isRemoteNotFound(err)) {
        requeue = true;
        continue;
      }
      const key = view.metadata.name.replace(/-mmode-mcv$/, '');
      const work = survivors.get(key);
      if (!work && !view.metadata.deletionTimestamp) {
        await deleteView(deps.client, cluster, view.metadata.name).catch(() => undefined);
        continue;
      }
      if (!work) continue;
      const spec = ((work.spec.workload?.manifests ?? []).find((m) => m.kind === 'MaintenanceMode') as MaintenanceMode | undefined)?.spec;
      if (!spec) continue;
      entries.push({ storageProvisioner: spec.storageProvisioner, targetID: spec.targetID ?? '', state: 'Unknown' });
      continue;
    }
    entries.push({
      storageProvisioner: mm.spec?.storageProvisioner ?? '',
      targetID: mm.spec?.targetID ?? '',
      state: mm.status?.state ?? 'Unknown',
      ...(mm.status?.conditions ? { conditions: mm.status.conditions } : {}),
    });
  }
  drCluster.status ??= {};
  drCluster.status.maintenanceModes = entries;
  return { requeue };
}

function readMModeView(deps: HubDeps, cluster: string, targetID: string): Promise<MaintenanceMode> {
  return readThroughView<MaintenanceMode>(deps.client, {
    cluster,
    viewName: clusterScopedViewName(targetID, 'mmode'),
    scope: { apiGroup: RAMEN_GROUP, kind: 'MaintenanceMode', version: RAMEN_VERSION, name: targetID },
    annotations: { [DRCLUSTER_NAME_ANNOTATION]: cluster },
    labels: { [MMODE_LABEL]: '' },
  });
}

/** DRCluster deletion: every maintenance-mode work, listed in all namespaces (quirk Q8), and this cluster's views. */
export async function maintenanceModeCleanup(deps: HubDeps, cluster: string): Promise<void> {
  const works = (await deps.client.list<ManifestWork>(HubKinds.manifestWork, { labelSelector: { matchLabels: { [MMODE_LABEL]: '' } } })).items;
  for (const mw of works) await deleteManifestWork(deps.client, mw.metadata.name, mw.metadata.namespace ?? '');
  const views = (await deps.client.list<ManagedClusterView>(HubKinds.view, { namespace: cluster, labelSelector: { matchLabels: { [MMODE_LABEL]: '' } } })).items;
  for (const v of views) await deleteView(deps.client, cluster, v.metadata.name);
}
