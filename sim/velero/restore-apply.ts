// Applies the objects of one backup to the cluster as Velero's restorer does: filtered by the
// Restore's namespace, resource and label filters, mapped through namespaceMapping, applied in
// Velero's resource priority order, with server-owned metadata dropped (only name, namespace, labels
// and annotations survive), status dropped unless restoreStatus asks for it, and the labels
// velero.io/backup-name and velero.io/restore-name added. A missing target namespace is created
// first. An object that already exists is left alone with a warning (policy `none`) or patched
// (policy `update`). Failures to create count as errors, which make the restore PartiallyFailed.

import type { KubeObject, ObjectMeta } from '../../engine/api/meta.js';
import { apiVersionOf, type KindSchema } from '../../engine/api/schema/types.js';
import { VeleroLabel, type RestoreSpec } from '../../engine/api/storage/velero.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { isAlreadyExists, isNotFound } from '../../engine/runtime/errors.js';
import { canonicalJson } from '../trace/canonical-json.js';
import type { DecodedItem } from './backup-contents.js';
import { labelsSelected, namespaceSelected, NON_RESTORABLE_RESOURCES, resourceSelected, restoreOrder } from './resource-filter.js';

const NAMESPACE_KIND = { apiVersion: 'v1', kind: 'Namespace' };

export interface RestoreOutcome {
  itemsRestored: number;
  totalItems: number;
  errors: string[];
  warnings: string[];
}

export interface RestoreTarget {
  client: ClusterClient;
  kinds: readonly KindSchema[];
  backupName: string;
  restoreName: string;
  spec: RestoreSpec;
  /** Called once per applied item, so the caller can spend virtual time per item. */
  onItem?: () => Promise<void>;
}

function schemaFor(kinds: readonly KindSchema[], obj: KubeObject): KindSchema | undefined {
  return kinds.find((k) => apiVersionOf(k) === obj.apiVersion && k.kind === obj.kind);
}

function restoredMeta(meta: ObjectMeta, namespace: string | undefined, backupName: string, restoreName: string): ObjectMeta {
  const out: ObjectMeta = { name: meta.name };
  if (namespace !== undefined) out.namespace = namespace;
  out.labels = { ...(meta.labels ?? {}), [VeleroLabel.backupName]: backupName, [VeleroLabel.restoreName]: restoreName };
  if (meta.annotations && Object.keys(meta.annotations).length > 0) out.annotations = { ...meta.annotations };
  return out;
}

/** The fields a restore compares: everything but metadata beyond labels/annotations, and status. */
function comparable(obj: KubeObject): string {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (k !== 'metadata' && k !== 'status') rest[k] = v;
  const labels = { ...(obj.metadata.labels ?? {}) };
  delete labels[VeleroLabel.backupName];
  delete labels[VeleroLabel.restoreName];
  return canonicalJson([rest, labels, obj.metadata.annotations ?? {}]);
}

export async function applyRestore(items: readonly DecodedItem[], target: RestoreTarget): Promise<RestoreOutcome> {
  const { client, kinds, spec } = target;
  const outcome: RestoreOutcome = { itemsRestored: 0, totalItems: 0, errors: [], warnings: [] };
  const resources = { includes: spec.includedResources, excludes: spec.excludedResources };
  const namespaces = { includes: spec.includedNamespaces, excludes: spec.excludedNamespaces };
  const statusResources = { includes: spec.restoreStatus?.includedResources, excludes: spec.restoreStatus?.excludedResources };
  const backedUpNamespaces = new Map(items.filter((i) => i.resource === 'namespaces').map((i) => [i.object.metadata.name, i.object]));
  const readyNamespaces = new Set<string>();

  const selected = items.filter((item) => {
    if (NON_RESTORABLE_RESOURCES.includes(item.resource)) return false;
    const schema = schemaFor(kinds, item.object);
    if (schema && !resourceSelected(resources, schema)) return false;
    const ns = item.object.metadata.namespace;
    if (ns !== undefined && !namespaceSelected(namespaces, ns)) return false;
    if (ns === undefined && item.resource === 'namespaces' && !namespaceSelected(namespaces, item.object.metadata.name)) return false;
    if (ns === undefined && item.resource !== 'namespaces' && spec.includeClusterResources === false) return false;
    return labelsSelected(item.object, spec.labelSelector, spec.orLabelSelectors);
  });
  selected.sort((a, b) => restoreOrder(a.resource, b.resource) || (a.object.metadata.namespace ?? '').localeCompare(b.object.metadata.namespace ?? '') || a.object.metadata.name.localeCompare(b.object.metadata.name));
  outcome.totalItems = selected.length;

  const mapNs = (ns: string): string => spec.namespaceMapping?.[ns] ?? ns;

  const ensureNamespace = async (name: string): Promise<string | undefined> => {
    if (readyNamespaces.has(name)) return undefined;
    try {
      const existing = await client.get<KubeObject>(NAMESPACE_KIND, { name });
      if (existing.metadata.deletionTimestamp) return `namespace ${name} is terminating`;
    } catch (err) {
      if (!isNotFound(err)) return `error getting namespace ${name}: ${(err as Error).message}`;
      const source = [...backedUpNamespaces.entries()].find(([src]) => mapNs(src) === name)?.[1];
      const meta = restoredMeta(source?.metadata ?? { name }, undefined, target.backupName, target.restoreName);
      meta.name = name;
      try {
        await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: meta });
      } catch (createErr) {
        if (!isAlreadyExists(createErr)) return `error creating namespace ${name}: ${(createErr as Error).message}`;
      }
    }
    readyNamespaces.add(name);
    return undefined;
  };

  for (const item of selected) {
    const schema = schemaFor(kinds, item.object);
    const label = `${item.resource} ${item.object.metadata.namespace ? `${item.object.metadata.namespace}/` : ''}${item.object.metadata.name}`;
    if (!schema) {
      outcome.errors.push(`error restoring ${label}: the server could not find the requested resource`);
      continue;
    }
    const isNamespaceItem = item.resource === 'namespaces';
    const targetNs = item.object.metadata.namespace === undefined ? undefined : mapNs(item.object.metadata.namespace);
    if (isNamespaceItem) {
      const problem = await ensureNamespace(mapNs(item.object.metadata.name));
      if (problem) outcome.errors.push(problem);
      else outcome.itemsRestored++;
      continue;
    }
    if (targetNs !== undefined) {
      const problem = await ensureNamespace(targetNs);
      if (problem) {
        outcome.errors.push(`error restoring ${label}: ${problem}`);
        continue;
      }
    }
    const keepStatus = spec.restoreStatus !== undefined && resourceSelected(statusResources, schema);
    const desired: KubeObject = { ...item.object, metadata: restoredMeta(item.object.metadata, targetNs, target.backupName, target.restoreName) };
    if (!keepStatus || schema.statusSubresource) delete desired.status;
    await target.onItem?.();
    try {
      const created = await client.create(desired);
      if (keepStatus && schema.statusSubresource && item.object.status !== undefined) {
        await client.updateStatus({ ...created, status: item.object.status }).catch((err: unknown) => {
          outcome.warnings.push(`could not restore status of ${label}: ${(err as Error).message}`);
        });
      }
      outcome.itemsRestored++;
    } catch (err) {
      if (!isAlreadyExists(err)) {
        outcome.errors.push(`error restoring ${label}: ${(err as Error).message}`);
        continue;
      }
      await handleExisting(client, schema, desired, label, spec, outcome);
    }
  }
  return outcome;
}

async function handleExisting(client: ClusterClient, schema: KindSchema, desired: KubeObject, label: string, spec: RestoreSpec, outcome: RestoreOutcome): Promise<void> {
  let existing: KubeObject;
  try {
    existing = await client.get<KubeObject>({ apiVersion: apiVersionOf(schema), kind: schema.kind }, { namespace: desired.metadata.namespace, name: desired.metadata.name });
  } catch (err) {
    outcome.errors.push(`error restoring ${label}: ${(err as Error).message}`);
    return;
  }
  if (comparable(existing) === comparable(desired)) return;
  if (spec.existingResourcePolicy === 'update') {
    const patch: Record<string, unknown> = { ...desired, metadata: { labels: desired.metadata.labels ?? {}, annotations: desired.metadata.annotations ?? {} } };
    delete patch['status'];
    try {
      await client.patch({ apiVersion: apiVersionOf(schema), kind: schema.kind }, { namespace: desired.metadata.namespace, name: desired.metadata.name }, patch);
      return;
    } catch (err) {
      outcome.warnings.push(`could not update existing ${label}: ${(err as Error).message}`);
      return;
    }
  }
  outcome.warnings.push(`could not restore, ${schema.kind} "${desired.metadata.name}" already exists. Warning: the in-cluster version is different than the backed-up version`);
}
