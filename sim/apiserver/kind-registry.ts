// The kinds one server serves, looked up by apiVersion and kind as a REST mapper would. A kind the
// server does not know fails exactly like a missing CRD: NoKindMatch.

import type { KindRef } from '../../engine/api/meta.js';
import { apiVersionOf, type KindSchema } from '../../engine/api/schema/types.js';
import { ApiError } from '../../engine/runtime/errors.js';

export const kindKeyOf = (ref: KindRef): string => `${ref.apiVersion}/${ref.kind}`;

/** The resource as kube names it in messages: `configmaps` or `volumereplicationgroups.ramendr.openshift.io`. */
export function resourceName(schema: KindSchema): string {
  return schema.group === '' ? schema.plural : `${schema.plural}.${schema.group}`;
}

/** The kind as kube names it in validation messages: `ConfigMap` or `VolumeReplicationGroup.ramendr.openshift.io`. */
export function qualifiedKind(schema: KindSchema): string {
  return schema.group === '' ? schema.kind : `${schema.kind}.${schema.group}`;
}

export function isNamespaceKind(schema: KindSchema): boolean {
  return schema.kind === 'Namespace' && apiVersionOf(schema) === 'v1';
}

const storageKeys = new WeakMap<KindSchema, string>();

/** The kind key a schema's objects are stored under: kindKeyOf of its own apiVersion and kind. */
export function storageKeyOf(schema: KindSchema): string {
  let key = storageKeys.get(schema);
  if (key === undefined) {
    key = kindKeyOf({ apiVersion: apiVersionOf(schema), kind: schema.kind });
    storageKeys.set(schema, key);
  }
  return key;
}

export class KindRegistry {
  private readonly byKey = new Map<string, KindSchema>();
  /** apiVersion -> kind -> schema: every request looks its kind up, and this needs no key string. */
  private readonly byVersion = new Map<string, Map<string, KindSchema>>();

  constructor(kinds: readonly KindSchema[]) {
    for (const schema of kinds) {
      const apiVersion = apiVersionOf(schema);
      const key = kindKeyOf({ apiVersion, kind: schema.kind });
      if (this.byKey.has(key)) throw new Error(`kind ${key} is registered twice`);
      this.byKey.set(key, schema);
      let kindsOfVersion = this.byVersion.get(apiVersion);
      if (!kindsOfVersion) {
        kindsOfVersion = new Map();
        this.byVersion.set(apiVersion, kindsOfVersion);
      }
      kindsOfVersion.set(schema.kind, schema);
    }
  }

  serves(ref: KindRef): boolean {
    return this.byVersion.get(ref.apiVersion)?.has(ref.kind) ?? false;
  }

  /** The schema of a served kind; NoKindMatch otherwise. */
  lookup(ref: KindRef): KindSchema {
    const schema = this.byVersion.get(ref.apiVersion)?.get(ref.kind);
    if (!schema) throw new ApiError('NoKindMatch', `no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`);
    return schema;
  }

  /** The Namespace kind, when this server serves core v1 Namespaces. */
  namespaceKind(): KindSchema | undefined {
    return this.byKey.get('v1/Namespace');
  }

  all(): KindSchema[] {
    return [...this.byKey.values()];
  }
}
