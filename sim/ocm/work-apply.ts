// How the work agent puts one manifest onto its cluster and takes applied resources away again, with
// OCM's update strategies and ownership rules: every resource the agent applies is owned by the
// cluster's AppliedManifestWork unless the ManifestWork orphans it, and the agent only ever deletes
// resources it still owns.

import type { KubeObject, OwnerReference } from '../../engine/api/meta.js';
import { AppliedManifestWorkKind, type AppliedManifestResourceMeta } from '../../engine/api/ocm/applied-manifest-work.js';
import type { ManifestResourceMeta, ManifestWorkSpec, ResourceIdentifier, UpdateStrategyType } from '../../engine/api/ocm/manifest-work.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ApiError, ignoreNotFound } from '../../engine/runtime/errors.js';
import { clone, deepEqual } from '../apiserver/json.js';
import { joinApiVersion, kindRefOf, splitApiVersion, type PluralOf } from './resources.js';

export interface ApplyOutcome {
  meta: ManifestResourceMeta;
  /** Set when the manifest was applied (or, for ReadOnly, found). */
  applied?: AppliedManifestResourceMeta;
  error?: string;
  /** Whether the resource exists on the cluster after the attempt. */
  available: boolean;
}

export function resourceMetaOf(manifest: KubeObject, ordinal: number, pluralOf: PluralOf): ManifestResourceMeta {
  const { group, version } = splitApiVersion(manifest.apiVersion ?? '');
  const meta: ManifestResourceMeta = { ordinal, group, version, kind: manifest.kind, resource: pluralOf(kindRefOf(manifest)), name: manifest.metadata?.name ?? '' };
  if (manifest.metadata?.namespace) meta.namespace = manifest.metadata.namespace;
  return meta;
}

function identifies(id: ResourceIdentifier, meta: { group?: string; resource?: string; name?: string; namespace?: string }): boolean {
  return (id.group ?? '') === (meta.group ?? '') && id.resource === meta.resource && id.name === meta.name && (id.namespace ?? '') === (meta.namespace ?? '');
}

/** The update strategy `manifestConfigs` gives a manifest; Update when none matches. */
export function strategyFor(spec: ManifestWorkSpec, meta: ManifestResourceMeta): UpdateStrategyType {
  const config = (spec.manifestConfigs ?? []).find((c) => identifies(c.resourceIdentifier, meta));
  return config?.updateStrategy?.type ?? 'Update';
}

/** Whether deleting the ManifestWork leaves this resource in place. */
export function isOrphaned(spec: ManifestWorkSpec, meta: { group?: string; resource?: string; name?: string; namespace?: string }): boolean {
  const option = spec.deleteOption;
  if (option?.propagationPolicy === 'Orphan') return true;
  if (option?.propagationPolicy === 'SelectivelyOrphan') return (option.selectivelyOrphans?.orphaningRules ?? []).some((r) => identifies(r, meta));
  return false;
}

export function ownerReferenceTo(amw: KubeObject): OwnerReference {
  return { apiVersion: AppliedManifestWorkKind.apiVersion, kind: AppliedManifestWorkKind.kind, name: amw.metadata.name, uid: amw.metadata.uid ?? '' };
}

function mergeOwners(existing: OwnerReference[] | undefined, owner: OwnerReference, owned: boolean): OwnerReference[] {
  const others = (existing ?? []).filter((r) => r.uid !== owner.uid);
  return owned ? [...others, owner] : others;
}

/** Everything but metadata and status: what OCM's Update strategy compares and replaces. */
function body(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}

function isNamespace(obj: KubeObject): boolean {
  return obj.apiVersion === 'v1' && obj.kind === 'Namespace';
}

/** Applies one manifest; errors become the outcome's message, as the agent reports them per manifest. */
export async function applyManifest(
  cluster: ClusterClient,
  manifest: KubeObject,
  meta: ManifestResourceMeta,
  strategy: UpdateStrategyType,
  owner: OwnerReference,
  owned: boolean,
): Promise<ApplyOutcome> {
  try {
    const ref = kindRefOf(manifest);
    if (!manifest.metadata?.name) throw new ApiError('Invalid', 'manifest has no metadata.name');
    if (!(await cluster.serves(ref))) throw new ApiError('NoKindMatch', `no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`);
    const key = manifest.metadata.namespace ? { namespace: manifest.metadata.namespace, name: manifest.metadata.name } : { name: manifest.metadata.name };
    const existing = await ignoreNotFound(cluster.get(ref, key));

    const required = clone(manifest);
    delete required.status;
    required.metadata = { name: manifest.metadata.name, ...(manifest.metadata.namespace ? { namespace: manifest.metadata.namespace } : {}) };
    if (manifest.metadata.labels) required.metadata.labels = { ...manifest.metadata.labels };
    if (manifest.metadata.annotations) required.metadata.annotations = { ...manifest.metadata.annotations };

    let result: KubeObject | undefined = existing;
    if (strategy === 'ReadOnly') {
      if (!existing) throw new ApiError('NotFound', `${meta.resource}${meta.group ? `.${meta.group}` : ''} "${meta.name}" not found`);
    } else if (!existing) {
      const owners = mergeOwners(manifest.metadata.ownerReferences, owner, owned);
      if (owners.length > 0) required.metadata.ownerReferences = owners;
      result = await cluster.create(required);
    } else if (strategy === 'CreateOnly') {
      result = existing;
    } else {
      const labels = { ...(existing.metadata.labels ?? {}), ...(required.metadata.labels ?? {}) };
      const annotations = { ...(existing.metadata.annotations ?? {}), ...(required.metadata.annotations ?? {}) };
      const owners = mergeOwners(existing.metadata.ownerReferences, owner, owned);
      const metaChanged =
        !deepEqual(labels, existing.metadata.labels ?? {}) ||
        !deepEqual(annotations, existing.metadata.annotations ?? {}) ||
        !deepEqual(owners, existing.metadata.ownerReferences ?? []);
      if (strategy === 'ServerSideApply') {
        // A merge patch of the manifest: fields it names are set, fields others own are left alone.
        const patch: Record<string, unknown> = isNamespace(required) ? {} : body(required);
        patch.metadata = { labels, annotations, ownerReferences: owners };
        result = await cluster.patch(ref, key, patch);
      } else if (metaChanged || (!isNamespace(required) && !deepEqual(body(required), body(existing)))) {
        // Update replaces the whole body; a Namespace only has its metadata merged, as library-go does.
        const next: KubeObject = isNamespace(required) ? clone(existing) : { ...body(required), apiVersion: required.apiVersion, kind: required.kind, metadata: clone(existing.metadata) };
        next.metadata = { ...clone(existing.metadata), labels, annotations, ownerReferences: owners };
        if (existing.status !== undefined) next.status = clone(existing.status);
        result = await cluster.update(next);
      }
    }
    const applied: AppliedManifestResourceMeta = {
      group: meta.group ?? '',
      version: meta.version ?? '',
      resource: meta.resource ?? '',
      name: meta.name ?? '',
      kind: manifest.kind,
      uid: result?.metadata.uid ?? '',
    };
    if (meta.namespace) applied.namespace = meta.namespace;
    return { meta, applied, available: result !== undefined };
  } catch (err) {
    return { meta, error: err instanceof Error ? err.message : String(err), available: false };
  }
}

/**
 * Deletes the resources the AppliedManifestWork owns. A resource shared with another owner only loses
 * this owner; one that is gone, replaced (other uid) or not owned is forgotten. Returns those still
 * present (being deleted behind their finalizers), which the caller waits for.
 */
export async function deleteOwnedResources(
  cluster: ClusterClient,
  resources: readonly AppliedManifestResourceMeta[],
  ownerUid: string,
): Promise<AppliedManifestResourceMeta[]> {
  const remaining: AppliedManifestResourceMeta[] = [];
  for (const r of resources) {
    if (!r.kind) continue;
    const ref = { apiVersion: joinApiVersion(r.group, r.version), kind: r.kind };
    const key = r.namespace ? { namespace: r.namespace, name: r.name } : { name: r.name };
    const obj = await ignoreNotFound(cluster.get(ref, key));
    if (!obj || (r.uid && obj.metadata.uid !== r.uid)) continue;
    const refs = obj.metadata.ownerReferences ?? [];
    if (!refs.some((o) => o.uid === ownerUid)) continue;
    if (refs.length > 1) {
      await cluster.patch(ref, key, { metadata: { ownerReferences: refs.filter((o) => o.uid !== ownerUid) } });
      continue;
    }
    if (!obj.metadata.deletionTimestamp) await ignoreNotFound(cluster.delete(ref, key, { propagationPolicy: 'Foreground' }));
    const still = await ignoreNotFound(cluster.get(ref, key));
    if (still && still.metadata.uid === obj.metadata.uid) remaining.push(r);
  }
  return remaining;
}
