// Pruning of unknown fields, as a CRD's structural schema prunes a request body: a field the schema
// does not declare is dropped and its path recorded, unless the node preserves unknown fields. The
// paths feed fieldValidation: Strict refuses them, Warn reports them, Ignore drops them silently.

import { childPath, indexPath } from './field-path.js';
import { compareStrings, isJsonObject } from './json-value.js';
import { objectMetaSchema } from './object-meta.js';
import type { Schema } from './types.js';

// At the root of an object (and in an embedded resource) these are never pruned by the body schema:
// metadata has its own schema and TypeMeta is checked separately.
const META_FIELDS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata']);

const preservesUnknown = (s: Schema): boolean => s['x-kubernetes-preserve-unknown-fields'] === true || s.additionalProperties === true;

/** The schema of a map's values, when the node is a map. */
export function mapValueSchema(s: Schema | undefined): Schema | undefined {
  return s && typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}

/**
 * Removes, in place, every field of `value` the schema does not know, and returns their paths sorted
 * as kube sorts them. `root` marks the object's root, where TypeMeta and metadata are left alone.
 */
export function pruneUnknownFields(value: unknown, schema: Schema | undefined, root: boolean, basePath = ''): string[] {
  const unknown: string[] = [];
  prune(value, schema, basePath, unknown, root);
  return unknown.sort(compareStrings);
}

function prune(value: unknown, s: Schema | undefined, path: string, unknown: string[], root: boolean): void {
  if (s && preservesUnknown(s)) {
    pruneKnownOnly(value, s, path, unknown);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => prune(item, s?.items, indexPath(path, i), unknown, false));
    return;
  }
  if (!isJsonObject(value)) return;
  const embedded = root || s?.['x-kubernetes-embedded-resource'] === true;
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (v === undefined) {
      delete value[k];
      continue;
    }
    if (embedded && META_FIELDS.has(k)) {
      // An embedded object's metadata is ObjectMeta, pruned as such; the root's is handled by admission.
      if (!root && k === 'metadata') prune(v, objectMetaSchema, childPath(path, k), unknown, false);
      continue;
    }
    const prop = s?.properties?.[k];
    const mapValue = mapValueSchema(s);
    if (prop) prune(v, prop, childPath(path, k), unknown, false);
    else if (mapValue) prune(v, mapValue, childPath(path, k), unknown, false);
    else {
      unknown.push(childPath(path, k));
      delete value[k];
    }
  }
}

// Under x-kubernetes-preserve-unknown-fields unknown keys stay, but declared properties are still
// pruned by their own schemas.
function pruneKnownOnly(value: unknown, s: Schema, path: string, unknown: string[]): void {
  if (Array.isArray(value)) {
    if (s.items) value.forEach((item, i) => pruneKnownOnly(item, s.items!, indexPath(path, i), unknown));
    return;
  }
  if (!isJsonObject(value)) return;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (v === undefined) {
      delete value[k];
      continue;
    }
    if (embedded && META_FIELDS.has(k)) {
      if (k === 'metadata') prune(v, objectMetaSchema, childPath(path, k), unknown, false);
      continue;
    }
    const prop = s.properties?.[k];
    const mapValue = mapValueSchema(s);
    if (prop) prune(v, prop, childPath(path, k), unknown, false);
    else if (mapValue) prune(v, mapValue, childPath(path, k), unknown, false);
  }
}
