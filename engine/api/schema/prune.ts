// Pruning of unknown fields, as a CRD's structural schema prunes a request body: a field the schema
// does not declare is dropped and its path recorded, unless the node preserves unknown fields. The
// paths feed fieldValidation: Strict refuses them, Warn reports them, Ignore drops them silently.
//
// Every write is pruned, and almost never has an unknown field, so the walk keeps the path as a stack
// of segments and spells it out only for a field it drops.

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

/** The walk's state: the path so far as segments (a key, or an index of a list), and what it found. */
interface Walk {
  base: string;
  segments: (string | number)[];
  unknown: string[];
}

/** The path of the current node, spelled as childPath and indexPath spell it. */
function pathOf(w: Walk): string {
  let path = w.base;
  for (const seg of w.segments) path = typeof seg === 'number' ? indexPath(path, seg) : childPath(path, seg);
  return path;
}

function recordUnknown(w: Walk, key: string): void {
  w.unknown.push(childPath(pathOf(w), key));
}

/**
 * Removes, in place, every field of `value` the schema does not know, and returns their paths sorted
 * as kube sorts them. `root` marks the object's root, where TypeMeta and metadata are left alone.
 */
export function pruneUnknownFields(value: unknown, schema: Schema | undefined, root: boolean, basePath = ''): string[] {
  const w: Walk = { base: basePath, segments: [], unknown: [] };
  prune(value, schema, w, root);
  return w.unknown.sort(compareStrings);
}

function descend(value: unknown, s: Schema | undefined, w: Walk, seg: string | number, known: boolean): void {
  w.segments.push(seg);
  if (known) pruneKnownOnly(value, s!, w);
  else prune(value, s, w, false);
  w.segments.pop();
}

function prune(value: unknown, s: Schema | undefined, w: Walk, root: boolean): void {
  if (s && preservesUnknown(s)) {
    pruneKnownOnly(value, s, w);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) descend(item, s?.items, w, i, false);
    }
    return;
  }
  if (!isJsonObject(value)) return;
  const embedded = root || s?.['x-kubernetes-embedded-resource'] === true;
  const mapValue = mapValueSchema(s);
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (v === undefined) {
      delete value[k];
      continue;
    }
    if (embedded && META_FIELDS.has(k)) {
      // An embedded object's metadata is ObjectMeta, pruned as such; the root's is handled by admission.
      if (!root && k === 'metadata') descend(v, objectMetaSchema, w, k, false);
      continue;
    }
    const prop = s?.properties?.[k] ?? mapValue;
    if (prop) {
      // A scalar has nothing to prune.
      if (typeof v === 'object' && v !== null) descend(v, prop, w, k, false);
    } else {
      recordUnknown(w, k);
      delete value[k];
    }
  }
}

// Under x-kubernetes-preserve-unknown-fields unknown keys stay, but declared properties are still
// pruned by their own schemas.
function pruneKnownOnly(value: unknown, s: Schema, w: Walk): void {
  if (Array.isArray(value)) {
    if (s.items) for (let i = 0; i < value.length; i++) descend(value[i], s.items, w, i, true);
    return;
  }
  if (!isJsonObject(value)) return;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  const mapValue = mapValueSchema(s);
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (v === undefined) {
      delete value[k];
      continue;
    }
    if (embedded && META_FIELDS.has(k)) {
      if (k === 'metadata') descend(v, objectMetaSchema, w, k, false);
      continue;
    }
    const prop = s.properties?.[k] ?? mapValue;
    if (prop) descend(v, prop, w, k, false);
  }
}
