// The DRPC's early checks (hub spec §4 steps 7–10): namespace rules for discovered apps, conflicts with
// other DRPCs in the admin namespace, a usable DRPolicy, and the VRG namespace chosen once and kept in
// the `app-namespace` annotation.

import type { KubeObject } from '../../api/meta.js';
import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import { isDiscoveredApp } from '../../api/ramen/drpc.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import { DRPOLICY_VALIDATED } from '../../api/ramen/drpolicy.js';
import { APP_NAMESPACE_ANNOTATION, PLACEMENT_LABEL } from '../../api/ramen/hub-constants.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import type { ClusterClient } from '../../runtime/client.js';
import { isNoKindMatch } from '../../runtime/errors.js';
import { findCondition } from '../conditions.js';
import { HubKinds } from '../kinds.js';
import { VM_RECIPE_NAME } from './discovered-apps.js';
import type { UserPlacement } from './placement.js';
import { resolvePlacement } from './placement.js';

/** The RamenOps ("admin") namespace; `""` when the key was deleted from the ConfigMap. */
export function adminNamespace(config: RamenConfig): string {
  return config.ramenOpsNamespace ?? '';
}

export function drpcInAdminNamespace(drpc: DRPlacementControl, config: RamenConfig): boolean {
  return adminNamespace(config) === drpc.metadata.namespace;
}

export function ensureDrpcValidNamespace(drpc: DRPlacementControl, config: RamenConfig): void {
  if (drpcInAdminNamespace(drpc, config)) {
    if (!config.multiNamespace?.FeatureEnabled) throw new Error('drpc cannot be in admin namespace when multinamespace feature is disabled');
    if (!isDiscoveredApp(drpc)) throw new Error('drpc in admin namespace must have protected namespaces');
    const admin = adminNamespace(config);
    if ((drpc.spec.protectedNamespaces ?? []).includes(admin)) throw new Error(`admin namespace cannot be a protected namespace, admin namespace: ${admin}`);
    return;
  }
  if (isDiscoveredApp(drpc)) {
    throw new Error(`drpc in non-admin namespace(${drpc.metadata.namespace}) cannot have protected namespaces, admin-namespaces: ${adminNamespace(config)}`);
  }
}

interface ApplicationSet extends KubeObject {
  spec?: {
    generators?: { clusterDecisionResource?: { labelSelector?: { matchLabels?: Record<string, string> } } }[];
    template?: { spec?: { destination?: { namespace?: string } } };
  };
}

/** `selectVRGNamespace` (§5.4): the annotation, else the DRPC namespace (PlacementRule), else ArgoCD's destination. */
export async function selectVrgNamespace(client: ClusterClient, drpc: DRPlacementControl, placement: UserPlacement | undefined): Promise<string> {
  const annotated = drpc.metadata.annotations?.[APP_NAMESPACE_ANNOTATION];
  if (annotated) return annotated;
  if (!placement || placement.kind !== 'Placement') return drpc.metadata.namespace ?? '';
  const p = placement.obj;
  let sets: ApplicationSet[];
  try {
    sets = (await client.list<ApplicationSet>(HubKinds.applicationSet)).items;
  } catch (err) {
    if (isNoKindMatch(err)) return p.metadata.namespace ?? '';
    throw new Error(`ApplicationSet list: ${(err as Error).message}`);
  }
  for (const set of sets) {
    const gen = set.spec?.generators?.[0]?.clusterDecisionResource;
    if (gen && gen.labelSelector?.matchLabels?.[PLACEMENT_LABEL] === p.metadata.name) return set.spec?.template?.spec?.destination?.namespace ?? '';
  }
  return p.metadata.namespace ?? '';
}

async function getPolicy(client: ClusterClient, drpc: DRPlacementControl): Promise<DRPolicy> {
  return client.get<DRPolicy>(HubKinds.drPolicy, { name: drpc.spec.drPolicyRef.name ?? '' });
}

/** Step 9: the policy must exist, not be deleting, and be Validated True. */
export async function getAndEnsureValidDrPolicy(client: ClusterClient, drpc: DRPlacementControl): Promise<DRPolicy> {
  let policy: DRPolicy;
  try {
    policy = await getPolicy(client, drpc);
  } catch (err) {
    throw new Error(`failed to get DRPolicy ${(err as Error).message}`);
  }
  if (policy.metadata.deletionTimestamp) throw new Error(`drPolicy '${drpc.spec.drPolicyRef.name}' referred by the DRPC is deleted, DRPC reconciliation would fail`);
  const validated = findCondition(policy.status?.conditions, DRPOLICY_VALIDATED);
  if (!validated) throw new Error('DRPolicy not valid validated condition absent');
  if (validated.status !== 'True') throw new Error(`DRPolicy not valid ${validated.message}`);
  return policy;
}

async function protectedNamespacesOf(client: ClusterClient, drpc: DRPlacementControl, placement: UserPlacement | undefined): Promise<string[]> {
  if (isDiscoveredApp(drpc)) return [...(drpc.spec.protectedNamespaces ?? [])];
  const p = placement ?? (await resolvePlacement(client, drpc));
  return [await selectVrgNamespace(client, drpc, p)];
}

function bothUseDisjointVmRecipe(a: DRPlacementControl, b: DRPlacementControl, config: RamenConfig): boolean {
  const ra = a.spec.kubeObjectProtection?.recipeRef;
  const rb = b.spec.kubeObjectProtection?.recipeRef;
  if (!ra || !rb || ra.name !== VM_RECIPE_NAME || rb.name !== VM_RECIPE_NAME) return false;
  const ops = config.ramenOpsNamespace ?? '';
  if (ra.namespace !== ops || rb.namespace !== ops) return false;
  const pa = a.spec.kubeObjectProtection?.recipeParameters ?? {};
  const pb = b.spec.kubeObjectProtection?.recipeParameters ?? {};
  for (const key of ['PROTECTED_VMS', 'K8S_RESOURCE_SELECTOR', 'PVC_RESOURCE_SELECTOR']) {
    const set = new Set(pa[key] ?? []);
    if ((pb[key] ?? []).some((v) => set.has(v))) return false;
  }
  return true;
}

/** Step 8: two DRPCs conflict only with one in the admin namespace, shared clusters and shared namespaces. */
export async function ensureNoConflictingDrpcs(client: ClusterClient, drpc: DRPlacementControl, placement: UserPlacement, config: RamenConfig): Promise<void> {
  // A pair conflicts only when one of the two is in the admin namespace, so a DRPC outside it need
  // only look there: listing every DRPC on every reconcile made this O(N) per DRPC.
  const mineInAdmin = drpcInAdminNamespace(drpc, config);
  const admin = adminNamespace(config);
  if (!mineInAdmin && admin === '') return;
  let items: DRPlacementControl[];
  try {
    items = (await client.list<DRPlacementControl>(HubKinds.drpc, mineInAdmin ? undefined : { namespace: admin })).items;
  } catch (err) {
    throw new Error(`failed to list DRPlacementControls (${(err as Error).message})`);
  }
  // Ramen gets each listed DRPC again from the same informer cache; the listed copy is that object.
  for (const other of items) {
    if (other.metadata.name === drpc.metadata.name && other.metadata.namespace === drpc.metadata.namespace) continue;
    if (!mineInAdmin && !drpcInAdminNamespace(other, config)) continue;
    let common: boolean;
    try {
      const mine = new Set((await getPolicy(client, drpc)).spec.drClusters);
      common = (await getPolicy(client, other)).spec.drClusters.some((c) => mine.has(c));
    } catch (err) {
      throw new Error(`failed to check if drpcs have common clusters (failed to get DRPolicy ${(err as Error).message})`);
    }
    if (!common) continue;
    const mineNs = await protectedNamespacesOf(client, drpc, placement).catch((err: Error) => {
      throw new Error(`failed to get protected namespaces for drpc: ${drpc.metadata.name}, ${err.message}`);
    });
    const otherNs = await protectedNamespacesOf(client, other, undefined).catch((err: Error) => {
      throw new Error(`failed to get protected namespaces for drpc: ${other.metadata.name}, ${err.message}`);
    });
    if (bothUseDisjointVmRecipe(drpc, other, config)) continue;
    if (mineNs.some((ns) => otherNs.includes(ns))) throw new Error(`drpc: ${drpc.metadata.name} and drpc: ${other.metadata.name} protect common resources from the same namespace`);
  }
}
