// The invariants of x-kubernetes-list-type: a `set` holds no value twice and a `map` holds no two
// items with the same key fields. kube reports the second occurrence of each repeated entry.

import { duplicate, invalid, type FieldError } from './field-errors.js';
import { childPath, indexPath, keyPath } from './field-path.js';
import { hasKey, isJsonObject, sortedJson } from './json-value.js';
import { mapValueSchema } from './prune.js';
import { factsOf } from './schema-facts.js';
import type { Schema } from './types.js';

export function validateListTypes(schema: Schema, value: unknown, path: string, errors: FieldError[]): void {
  if (!factsOf(schema).listTypes) return;
  if (Array.isArray(value)) {
    checkList(schema, value, path, errors);
    if (schema.items) value.forEach((item, i) => validateListTypes(schema.items!, item, indexPath(path, i), errors));
    return;
  }
  if (!isJsonObject(value)) return;
  const mapValue = mapValueSchema(schema);
  for (const k of Object.keys(value)) {
    const prop = schema.properties?.[k];
    if (prop) validateListTypes(prop, value[k], childPath(path, k), errors);
    else if (mapValue) validateListTypes(mapValue, value[k], keyPath(path, k), errors);
  }
}

function checkList(s: Schema, list: unknown[], path: string, errors: FieldError[]): void {
  const type = s['x-kubernetes-list-type'];
  if (type === 'set') {
    for (const i of repeatedIndices(list.map((x) => sortedJson(x)))) errors.push(duplicate(indexPath(path, i), list[i]));
    return;
  }
  if (type !== 'map') return;
  const bad = list.findIndex((x) => x !== null && !isJsonObject(x));
  if (bad >= 0) {
    errors.push(invalid(indexPath(path, bad), list[bad], 'must be an object for an array of list-type map'));
    return;
  }
  const keyFields = s['x-kubernetes-list-map-keys'] ?? [];
  const keys = list.map((x) => {
    const key: Record<string, unknown> = {};
    if (isJsonObject(x)) for (const f of keyFields) if (hasKey(x, f)) key[f] = x[f];
    return key;
  });
  for (const i of repeatedIndices(keys.map((k) => sortedJson(k)))) errors.push(duplicate(indexPath(path, i), keys[i]));
}

/** The index of the second occurrence of every repeated entry. */
function repeatedIndices(encoded: string[]): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  encoded.forEach((e, i) => {
    const times = seen.get(e) ?? 0;
    if (times === 1) out.push(i);
    seen.set(e, times + 1);
  });
  return out;
}
