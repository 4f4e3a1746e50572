// The recipe ManifestWork `<drpc>-<ns>-recipe-mw` (hub spec §5.1): when the DRPC names a recipe other
// than the built-in VM recipe of the RamenOps namespace, the recipe is read from the source cluster
// through a view and written to the destination, rewritten when its spec, labels or annotations differ.

import type { KubeObject } from '../../api/meta.js';
import { CREATED_BY_RAMEN_LABEL, namespacedViewName, recipeManifestWorkName } from '../../api/ramen/hub-constants.js';
import { jsonEqual } from '../../api/storage/schema-parts.js';
import { isNotFound } from '../../runtime/errors.js';
import { createOrUpdateManifestWork, deleteManifestWork, extractFirstManifest, findManifestWork, newManifestWork, toJson } from '../ocm/manifest-work-util.js';
import { readThroughView } from '../ocm/view-reader.js';
import { VM_RECIPE_NAME } from './discovered-apps.js';
import type { DrpcInstance } from './instance.js';

export const RECIPE_API_VERSION = 'ramendr.openshift.io/v1alpha1';

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (Object.keys(a ?? {}).length === 0 && Object.keys(b ?? {}).length === 0) return true;
  return jsonEqual(a ?? {}, b ?? {});
}

function recipeForWork(recipe: KubeObject): KubeObject {
  return {
    apiVersion: RECIPE_API_VERSION,
    kind: 'Recipe',
    metadata: {
      name: recipe.metadata.name,
      ...(recipe.metadata.namespace ? { namespace: recipe.metadata.namespace } : {}),
      labels: { ...(recipe.metadata.labels ?? {}), [CREATED_BY_RAMEN_LABEL]: 'true' },
      ...(recipe.metadata.annotations ? { annotations: recipe.metadata.annotations } : {}),
    },
    spec: recipe.spec,
  };
}

export async function ensureRecipeManifestWork(d: DrpcInstance, src: string, dst: string): Promise<void> {
  const ref = d.drpc.spec.kubeObjectProtection?.recipeRef;
  if (!ref) return;
  if (ref.name === VM_RECIPE_NAME && ref.namespace === (d.config.ramenOpsNamespace ?? '')) return;
  const name = ref.name ?? '';
  const namespace = ref.namespace ?? '';
  let recipe: KubeObject;
  try {
    recipe = await readThroughView<KubeObject>(d.deps.client, {
      cluster: src,
      viewName: namespacedViewName(name, namespace, 'recipe'),
      scope: { apiGroup: 'ramendr.openshift.io', kind: 'Recipe', version: 'v1alpha1', name, namespace },
      annotations: {},
      labels: {},
    });
  } catch (err) {
    throw new Error(`failed to get recipe ${namespace}/${name} in cluster ${src}: ${(err as Error).message}`);
  }
  const mwName = recipeManifestWorkName(d.drpc.metadata.name, d.vrgNamespace);
  const desired = newManifestWork(mwName, dst, [recipeForWork(recipe)], { labels: { recipe: name }, annotations: {}, deleteOption: { propagationPolicy: 'Orphan' } });
  let existing;
  try {
    existing = await findManifestWork(d.deps.client, mwName, dst);
  } catch (err) {
    if (!isNotFound(err)) throw new Error(`failed to get recipe MW in cluster ${dst}: ${(err as Error).message}`);
    await createOrUpdateManifestWork(d.deps.client, desired);
    return;
  }
  const inWork = (existing.spec.workload?.manifests ?? []).length > 0 ? extractFirstManifest<KubeObject>(existing) : undefined;
  const labelsWithoutRamen = { ...(inWork?.metadata.labels ?? {}) };
  const sourceLabels = { ...(recipe.metadata.labels ?? {}), [CREATED_BY_RAMEN_LABEL]: 'true' };
  if (!inWork || !jsonEqual(toJson(inWork.spec), toJson(recipe.spec)) || !sameMap(labelsWithoutRamen, sourceLabels) || !sameMap(inWork.metadata.annotations, recipe.metadata.annotations)) {
    await createOrUpdateManifestWork(d.deps.client, desired);
  }
}

export async function deleteRecipeManifestWork(d: Pick<DrpcInstance, 'deps' | 'drpc' | 'vrgNamespace'>, cluster: string): Promise<void> {
  await deleteManifestWork(d.deps.client, recipeManifestWorkName(d.drpc.metadata.name, d.vrgNamespace), cluster);
}
