// Naming helpers for the objects the agents handle: the group and version of an apiVersion, the
// plural resource name OCM's identifiers use, and kube's "not found" text.

import type { KindRef, KubeObject } from '../../engine/api/meta.js';

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function joinApiVersion(group: string | undefined, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function kindRefOf(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): KindRef {
  return { apiVersion: obj.apiVersion, kind: obj.kind };
}

/**
 * The lowercase plural of a kind, by English rules as kube's REST mapper guesses them (`Policy` ->
 * `policies`, `StorageClass` -> `storageclasses`). A world may supply exact names instead.
 */
export function guessPlural(kind: string): string {
  const k = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

export type PluralOf = (kind: KindRef) => string;

export const defaultPluralOf: PluralOf = (kind) => guessPlural(kind.kind);

/** `kind namespace/name` of an object, for messages and traces. */
export function describeObject(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return `${obj.kind} ${ns ? `${ns}/` : ''}${obj.metadata.name}`;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
