// ManifestWork helpers with Ramen's mw_util semantics (hub spec §5.1): create when absent, overwrite
// `spec` only when it differs (retrying conflicts), never reconcile labels or annotations of an existing
// work; the payload sits in `spec.workload.manifests`, the VRG alone at index 0.

import type { KubeObject } from '../../api/meta.js';
import type { ManifestWork } from '../../api/ocm/manifest-work.js';
import { WORK_APPLIED, WORK_AVAILABLE, WORK_DEGRADED } from '../../api/ocm/manifest-work.js';
import { CREATED_BY_RAMEN_LABEL } from '../../api/ramen/hub-constants.js';
import { jsonEqual } from '../../api/storage/schema-parts.js';
import type { ClusterClient } from '../../runtime/client.js';
import { isConflict, isNotFound } from '../../runtime/errors.js';
import { HubKinds } from '../kinds.js';

export type OperationResult = 'Created' | 'Updated' | 'None';

/** How many times a conflicting update is retried, as client-go's DefaultBackoff allows. */
const CONFLICT_RETRIES = 4;

/** Strips `undefined` members so that a generated object compares equal to its stored copy. */
export function toJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function newManifestWork(
  name: string,
  cluster: string,
  manifests: KubeObject[],
  options: { labels?: Record<string, string>; annotations?: Record<string, string>; deleteOption?: ManifestWork['spec']['deleteOption'] } = {},
): ManifestWork {
  const mw: ManifestWork = {
    apiVersion: HubKinds.manifestWork.apiVersion,
    kind: HubKinds.manifestWork.kind,
    metadata: { name, namespace: cluster, labels: { ...(options.labels ?? {}), [CREATED_BY_RAMEN_LABEL]: 'true' } },
    spec: { workload: { manifests: manifests.map((m) => toJson(m)) } },
  };
  if (options.annotations) mw.metadata.annotations = { ...options.annotations };
  if (options.deleteOption) mw.spec.deleteOption = options.deleteOption;
  return mw;
}

export async function findManifestWork(client: ClusterClient, name: string, cluster: string): Promise<ManifestWork> {
  if (!cluster) throw new Error(`invalid cluster for MW ${name}`);
  return client.get<ManifestWork>(HubKinds.manifestWork, { namespace: cluster, name });
}

export async function findManifestWorkOrUndefined(client: ClusterClient, name: string, cluster: string): Promise<ManifestWork | undefined> {
  try {
    return await findManifestWork(client, name, cluster);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Create, or overwrite the spec when it differs; labels and annotations of an existing work are kept. */
export async function createOrUpdateManifestWork(client: ClusterClient, desired: ManifestWork): Promise<OperationResult> {
  const cluster = desired.metadata.namespace ?? '';
  const existing = await findManifestWorkOrUndefined(client, desired.metadata.name, cluster);
  if (!existing) {
    await client.create(desired);
    return 'Created';
  }
  const desiredSpec = toJson(desired.spec);
  if (jsonEqual(toJson(existing.spec), desiredSpec)) return 'None';
  let current = existing;
  for (let attempt = 0; ; attempt++) {
    try {
      await client.update({ ...current, spec: desiredSpec });
      return 'Updated';
    } catch (err) {
      if (!isConflict(err) || attempt >= CONFLICT_RETRIES) throw new Error(`failed to update ManifestWork ${cluster}/${desired.metadata.name}: ${(err as Error).message}`);
      current = await findManifestWork(client, desired.metadata.name, cluster);
    }
  }
}

/** Replaces the first manifest of an existing work (Ramen's `updateManifestWork`, a plain update). */
export async function replaceFirstManifest(client: ClusterClient, mw: ManifestWork, manifest: KubeObject): Promise<void> {
  const manifests = [...(mw.spec.workload?.manifests ?? [])];
  manifests[0] = toJson(manifest);
  await client.update({ ...mw, spec: { ...mw.spec, workload: { ...mw.spec.workload, manifests } } });
}

export function extractFirstManifest<T extends KubeObject>(mw: ManifestWork): T {
  const manifests = mw.spec.workload?.manifests ?? [];
  if (manifests.length === 0) throw new Error(`invalid ManifestWork for type: ${mw.metadata.name}`);
  return structuredClone(manifests[0]) as T;
}

export async function deleteManifestWork(client: ClusterClient, name: string, cluster: string): Promise<void> {
  try {
    await client.delete(HubKinds.manifestWork, { namespace: cluster, name });
  } catch (err) {
    if (!isNotFound(err)) throw new Error(`failed to delete MW. Error ${(err as Error).message}`);
  }
}

/** Namespace works are deleted with Orphan propagation, patched in first when missing (§12 step 6). */
export async function deleteNamespaceManifestWork(client: ClusterClient, name: string, cluster: string): Promise<void> {
  const mw = await findManifestWorkOrUndefined(client, name, cluster);
  if (!mw || mw.metadata.deletionTimestamp) return;
  if (!mw.spec.deleteOption) {
    try {
      await client.patch(HubKinds.manifestWork, { namespace: cluster, name }, { spec: { deleteOption: { propagationPolicy: 'Orphan' } } });
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
  }
  await deleteManifestWork(client, name, cluster);
}

/** Applied and Available and not Degraded, as Ramen's `IsManifestInAppliedState`. */
export function isManifestWorkApplied(mw: ManifestWork): boolean {
  let applied = false;
  let available = false;
  let degraded = false;
  for (const c of mw.status?.conditions ?? []) {
    if (c.status !== 'True') continue;
    if (c.type === WORK_APPLIED) applied = true;
    else if (c.type === WORK_AVAILABLE) available = true;
    else if (c.type === WORK_DEGRADED) degraded = true;
  }
  return applied && available && !degraded;
}
