// The user's Placement or PlacementRule and the decision Ramen writes for it (hub spec §5.3). Ramen is
// the scheduler: a Placement must carry the scheduling-disable annotation, a PlacementRule must name the
// `ramen` scheduler. With a Placement, decisions live in a PlacementDecision whose `RetainedForFailover`
// entries keep OCM from tearing the app down on the old home until Ramen has demoted it there.

import type { OwnerReference } from '../../api/meta.js';
import type { Placement } from '../../api/ocm/placement.js';
import type { ClusterDecision, PlacementDecision } from '../../api/ocm/placement-decision.js';
import type { PlacementRule, PlacementRuleStatus } from '../../api/ocm/placement-rule.js';
import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import {
  CREATED_BY_RAMEN_LABEL,
  LAST_ACTION_ANNOTATION,
  LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION,
  MAX_PLACEMENT_DECISION_CONFLICT_COUNT,
  PLACEMENT_LABEL,
  RAMEN_SCHEDULER_NAME,
  RETAINED_FOR_FAILOVER_REASON,
  SCHEDULING_DISABLE_ANNOTATION,
  VELERO_EXCLUDE_LABEL,
  placementDecisionName,
} from '../../api/ramen/hub-constants.js';
import { jsonEqual } from '../../api/storage/schema-parts.js';
import type { ClusterClient } from '../../runtime/client.js';
import { isAlreadyExists, isNotFound } from '../../runtime/errors.js';
import { HubKinds } from '../kinds.js';
import type { DrpcInstance } from './instance.js';
import { updatePreferredDecision } from './instance.js';
import { writeDrpcMetadata } from './metadata.js';

export type UserPlacement = { kind: 'Placement'; obj: Placement } | { kind: 'PlacementRule'; obj: PlacementRule };

function isDeleting(obj: { metadata: { deletionTimestamp?: string } } | undefined): boolean {
  return obj?.metadata.deletionTimestamp !== undefined;
}

function placementNamespace(drpc: DRPlacementControl, kindName: string): string {
  const ns = drpc.spec.placementRef.namespace || drpc.metadata.namespace || '';
  if (ns !== drpc.metadata.namespace) {
    throw new Error(`referenced ${kindName} namespace (${drpc.spec.placementRef.namespace}) differs from DRPlacementControl resource namespace (${drpc.metadata.namespace})`);
  }
  return ns;
}

async function getPlacement(client: ClusterClient, drpc: DRPlacementControl): Promise<Placement> {
  const ns = placementNamespace(drpc, 'Placement');
  const p = await client.get<Placement>(HubKinds.placement, { namespace: ns, name: drpc.spec.placementRef.name ?? '' });
  if (!isDeleting(drpc) && !isDeleting(p)) {
    const v = p.metadata.annotations?.[SCHEDULING_DISABLE_ANNOTATION];
    if (v === undefined || v === 'false') throw new Error(`placement ${p.metadata.name} must be disabled in order for Ramen to be the scheduler`);
  }
  return p;
}

async function getPlacementRule(client: ClusterClient, drpc: DRPlacementControl): Promise<PlacementRule> {
  const ns = placementNamespace(drpc, 'PlacementRule');
  const r = await client.get<PlacementRule>(HubKinds.placementRule, { namespace: ns, name: drpc.spec.placementRef.name ?? '' });
  if (!isDeleting(drpc) && !isDeleting(r)) {
    const scheduler = r.spec?.schedulerName ?? '';
    if (scheduler !== RAMEN_SCHEDULER_NAME) throw new Error(`placementRule ${r.metadata.name} does not have the ramen scheduler. Scheduler used ${scheduler}`);
  }
  return r;
}

/** Placement first, then PlacementRule; both of one name is an error (§5.3). NotFound propagates. */
export async function resolvePlacement(client: ClusterClient, drpc: DRPlacementControl): Promise<UserPlacement> {
  let placement: Placement;
  try {
    placement = await getPlacement(client, drpc);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return { kind: 'PlacementRule', obj: await getPlacementRule(client, drpc) };
  }
  try {
    await getPlacementRule(client, drpc);
    throw new Error('can\'t proceed. Placement and PlacementRule CR with the same name exist in the same namespace');
  } catch (err) {
    if ((err as Error).message.startsWith('can\'t proceed')) throw err;
  }
  return { kind: 'Placement', obj: placement };
}

/** The single PlacementDecision of a Placement; none → undefined; several, or several live entries → error. */
export async function getPlacementDecision(client: ClusterClient, placement: Placement): Promise<PlacementDecision | undefined> {
  const list = await client.list<PlacementDecision>(HubKinds.placementDecision, {
    namespace: placement.metadata.namespace,
    labelSelector: { matchLabels: { [PLACEMENT_LABEL]: placement.metadata.name } },
  });
  const ref = `${placement.metadata.namespace}/${placement.metadata.name}`;
  if (list.items.length === 0) return undefined;
  if (list.items.length > 1) throw new Error(`multiple PlacementDecisions found for Placement (count: ${list.items.length}, placement: ${ref})`);
  const pd = list.items[0]!;
  const live = (pd.status?.decisions ?? []).filter((d) => d.reason !== RETAINED_FOR_FAILOVER_REASON).length;
  if (live > 1) throw new Error(`multiple placements found in PlacementDecision (count: ${live}, Placement: ${ref}, PlacementDecision: ${pd.metadata.name}/${pd.metadata.namespace})`);
  return pd;
}

/** "Where OCM is told to run the app": empty when unknown or on any read error (Ramen ignores it). */
export async function getClusterDecision(client: ClusterClient, placement: UserPlacement): Promise<string> {
  if (placement.kind === 'PlacementRule') return placement.obj.status?.decisions?.[0]?.clusterName ?? '';
  let pd: PlacementDecision | undefined;
  try {
    pd = await getPlacementDecision(client, placement.obj);
  } catch {
    return '';
  }
  return pd?.status?.decisions?.find((d) => d.reason !== RETAINED_FOR_FAILOVER_REASON)?.clusterName ?? '';
}

async function createPlacementDecision(client: ClusterClient, placement: Placement): Promise<PlacementDecision> {
  const owner: OwnerReference = {
    apiVersion: placement.apiVersion,
    kind: 'Placement',
    name: placement.metadata.name,
    uid: placement.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
  for (let index = 1; index <= MAX_PLACEMENT_DECISION_CONFLICT_COUNT; index++) {
    const pd: PlacementDecision = {
      apiVersion: HubKinds.placementDecision.apiVersion,
      kind: HubKinds.placementDecision.kind,
      metadata: {
        name: placementDecisionName(placement.metadata.name, index),
        namespace: placement.metadata.namespace,
        labels: { [PLACEMENT_LABEL]: placement.metadata.name, [VELERO_EXCLUDE_LABEL]: 'true', [CREATED_BY_RAMEN_LABEL]: 'true' },
        ownerReferences: [owner],
      },
    };
    try {
      return await client.create(pd);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  }
  throw new Error(`multiple PlacementDecision conflicts found, unable to create a new PlacementDecision for Placement ${placement.metadata.namespace}/${placement.metadata.name}`);
}

async function writeDecisions(client: ClusterClient, pd: PlacementDecision, decisions: ClusterDecision[]): Promise<void> {
  await client.updateStatus<PlacementDecision>({ ...pd, status: { decisions } });
}

/** Writes (or clears, with `null`) the live decision, keeping every RetainedForFailover entry. */
export async function updatePlacementStatusDecision(client: ClusterClient, placement: UserPlacement, decision: ClusterDecision | null): Promise<void> {
  if (placement.kind === 'PlacementRule') {
    const fresh = await client.get<PlacementRule>(HubKinds.placementRule, { namespace: placement.obj.metadata.namespace, name: placement.obj.metadata.name });
    const status: PlacementRuleStatus = decision ? { decisions: [{ clusterName: decision.clusterName, clusterNamespace: decision.clusterName }] } : {};
    const current: PlacementRuleStatus = { ...(fresh.status?.decisions ? { decisions: fresh.status.decisions } : {}) };
    if (jsonEqual(JSON.parse(JSON.stringify(status)), JSON.parse(JSON.stringify(current)))) return;
    placement.obj = await client.updateStatus<PlacementRule>({ ...fresh, status });
    return;
  }
  let pd = await getPlacementDecision(client, placement.obj);
  if (!pd) pd = await createPlacementDecision(client, placement.obj);
  else if (pd.metadata.labels?.[VELERO_EXCLUDE_LABEL] !== 'true') {
    pd = await client.update<PlacementDecision>({ ...pd, metadata: { ...pd.metadata, labels: { ...(pd.metadata.labels ?? {}), [VELERO_EXCLUDE_LABEL]: 'true' } } });
  }
  const decisions = (pd.status?.decisions ?? []).filter((d) => d.reason === RETAINED_FOR_FAILOVER_REASON);
  if (decision) decisions.push(decision);
  await writeDecisions(client, pd, decisions);
}

/** Before promoting a failover target: relabel the home's entry RetainedForFailover (Placement only). */
export async function retainClusterDecisionAsFailover(client: ClusterClient, placement: UserPlacement, cluster: string): Promise<void> {
  if (placement.kind === 'PlacementRule') return;
  let pd = await getPlacementDecision(client, placement.obj);
  if (!pd) pd = await createPlacementDecision(client, placement.obj);
  const decisions = [...(pd.status?.decisions ?? [])].map((d) => ({ ...d }));
  if (decisions.length === 0) decisions.push({ clusterName: cluster, reason: '' });
  for (const d of decisions) {
    if (d.clusterName !== cluster || d.reason === RETAINED_FOR_FAILOVER_REASON) continue;
    d.reason = RETAINED_FOR_FAILOVER_REASON;
    await writeDecisions(client, pd, decisions);
    return;
  }
}

/** During cleanup: drop the cluster's RetainedForFailover entry once it is seen secondary (Placement only). */
export async function removeClusterDecisionForFailover(client: ClusterClient, placement: UserPlacement, cluster: string): Promise<void> {
  if (placement.kind === 'PlacementRule') return;
  const pd = await getPlacementDecision(client, placement.obj);
  if (!pd) return;
  const all = pd.status?.decisions ?? [];
  const kept = all.filter((d) => !(d.reason === RETAINED_FOR_FAILOVER_REASON && d.clusterName === cluster));
  if (kept.length === all.length) return;
  await writeDecisions(client, pd, kept);
}

/** `updateUserPlacementRule`: record last-app-deployment-cluster / last-action (not in dry-run), then the decision. */
export async function updateUserPlacementRule(d: DrpcInstance, homeCluster: string, reason: string): Promise<void> {
  if (!d.drpc.spec.dryRun) {
    const annotations = { ...(d.drpc.metadata.annotations ?? {}) };
    const action = d.drpc.spec.action ?? '';
    if (annotations[LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION] !== homeCluster || annotations[LAST_ACTION_ANNOTATION] !== action) {
      annotations[LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION] = homeCluster;
      annotations[LAST_ACTION_ANNOTATION] = action;
      d.drpc.metadata.annotations = annotations;
      await writeDrpcMetadata(d.deps.client, d.drpc);
    }
  }
  await updatePlacementStatusDecision(d.deps.client, d.placement, { clusterName: homeCluster, reason });
}

export async function clearUserPlacementRuleStatus(d: DrpcInstance): Promise<void> {
  await updatePlacementStatusDecision(d.deps.client, d.placement, null);
}

/** `ensurePlacement`: when the decision is empty or elsewhere, fill preferredDecision and write it. */
export async function ensurePlacement(d: DrpcInstance, homeCluster: string): Promise<void> {
  const current = await getClusterDecision(d.deps.client, d.placement);
  if (current === '' || current !== homeCluster) {
    updatePreferredDecision(d);
    await updateUserPlacementRule(d, homeCluster, homeCluster);
  }
}
