// Collects the objects a Backup selects, as Velero's item collector does: every served kind the
// resource filter admits, in the namespaces the namespace filter admits, matching the label selector
// (or any of the OR selectors), minus objects labeled velero.io/exclude-from-backup=true.
// Cluster-scoped kinds are captured only with includeClusterResources=true; the Namespace objects of
// captured namespaces always are. Objects are stored as read, status and server metadata included.

import type { KubeObject } from '../../engine/api/meta.js';
import { apiVersionOf, type KindSchema } from '../../engine/api/schema/types.js';
import type { BackupSpec } from '../../engine/api/storage/velero.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import { excludedFromBackup, groupResource, labelsSelected, namespaceSelected, resourceSelected } from './resource-filter.js';

const NAMESPACE_KIND = { apiVersion: 'v1', kind: 'Namespace' };

const isNamespaced = (schema: KindSchema): boolean => schema.scope === 'Namespaced';

export interface CapturedItem {
  schema: KindSchema;
  object: KubeObject;
}

export interface Capture {
  items: CapturedItem[];
  /** Per-resource list failures: Velero records them as backup errors, not as a failed backup. */
  errors: string[];
}

function byResourceThenKey(a: CapturedItem, b: CapturedItem): number {
  const ra = groupResource(a.schema);
  const rb = groupResource(b.schema);
  if (ra !== rb) return ra < rb ? -1 : 1;
  const ka = `${a.object.metadata.namespace ?? ''}/${a.object.metadata.name}`;
  const kb = `${b.object.metadata.namespace ?? ''}/${b.object.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * The namespaces to list one by one: the included ones, when the backup names them (no `*`). Listing
 * each kind cluster-wide and filtering afterwards made every backup cost the whole cluster.
 */
function namedNamespaces(includes: string[] | undefined): string[] | undefined {
  if (!includes || includes.length === 0 || includes.includes('*')) return undefined;
  return [...new Set(includes)];
}

/** The objects of one kind in the named namespaces, or in all of them. */
async function listKind(client: ClusterClient, ref: { apiVersion: string; kind: string }, namespaces: string[] | undefined): Promise<KubeObject[]> {
  if (namespaces === undefined) return (await client.list<KubeObject>(ref)).items;
  const out: KubeObject[] = [];
  for (const namespace of namespaces) out.push(...(await client.list<KubeObject>(ref, { namespace })).items);
  return out;
}

/** The named Namespace objects that exist, as a list filtered to them would return. */
async function namespacesNamed(client: ClusterClient, names: string[]): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  for (const name of names) {
    const ns = await ignoreNotFound(client.get<KubeObject>(NAMESPACE_KIND, { name }));
    if (ns) out.push(ns);
  }
  return out;
}

export async function captureItems(client: ClusterClient, kinds: readonly KindSchema[], spec: BackupSpec): Promise<Capture> {
  const items: CapturedItem[] = [];
  const errors: string[] = [];
  const resources = { includes: spec.includedResources, excludes: spec.excludedResources };
  const namespaces = { includes: spec.includedNamespaces, excludes: spec.excludedNamespaces };
  const namespaceSchema = kinds.find((k) => k.group === '' && k.kind === 'Namespace');
  const touchedNamespaces = new Set<string>();
  const named = namedNamespaces(spec.includedNamespaces);

  for (const schema of kinds) {
    if (!isNamespaced(schema) || !resourceSelected(resources, schema)) continue;
    try {
      for (const obj of await listKind(client, { apiVersion: apiVersionOf(schema), kind: schema.kind }, named)) {
        const ns = obj.metadata.namespace ?? '';
        if (!namespaceSelected(namespaces, ns) || excludedFromBackup(obj) || !labelsSelected(obj, spec.labelSelector, spec.orLabelSelectors)) continue;
        items.push({ schema, object: obj });
        touchedNamespaces.add(ns);
      }
    } catch (err) {
      errors.push(`error listing ${groupResource(schema)}: ${(err as Error).message}`);
    }
  }

  for (const schema of kinds) {
    if (isNamespaced(schema) || !resourceSelected(resources, schema)) continue;
    const isNamespaceKind = schema === namespaceSchema;
    if (!isNamespaceKind && spec.includeClusterResources !== true) continue;
    try {
      const objects = isNamespaceKind && named ? await namespacesNamed(client, named) : (await client.list<KubeObject>(isNamespaceKind ? NAMESPACE_KIND : { apiVersion: apiVersionOf(schema), kind: schema.kind })).items;
      for (const obj of objects) {
        if (excludedFromBackup(obj)) continue;
        if (isNamespaceKind) {
          // A namespace travels with its contents even when its own labels do not match the selector.
          const selectedNs = namespaceSelected(namespaces, obj.metadata.name);
          const matches = labelsSelected(obj, spec.labelSelector, spec.orLabelSelectors);
          if (!selectedNs || !(touchedNamespaces.has(obj.metadata.name) || matches)) continue;
        } else if (!labelsSelected(obj, spec.labelSelector, spec.orLabelSelectors)) {
          continue;
        }
        items.push({ schema, object: obj });
      }
    } catch (err) {
      errors.push(`error listing ${groupResource(schema)}: ${(err as Error).message}`);
    }
  }
  items.sort(byResourceThenKey);
  return { items, errors };
}
