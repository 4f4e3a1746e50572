// Defaulting, as a CRD's structural schema defaults a request body after pruning: a missing property
// with a `default` gets a copy of it (and the defaults inside that copy), a null where the schema does
// not allow null is dropped or replaced by the default, and nothing is defaulted under an absent parent.

import { mapValueSchema } from './prune.js';
import { cloneJson, isJsonObject } from './json-value.js';
import { factsOf } from './schema-facts.js';
import type { Schema } from './types.js';

const hasDefault = (s: Schema | undefined): boolean => s !== undefined && s.default !== undefined;
const isNonNullableNull = (v: unknown, s: Schema | undefined): boolean => v === null && s !== undefined && s.nullable !== true;

function schemaForKey(s: Schema | undefined, key: string): Schema | undefined {
  return s?.properties?.[key] ?? mapValueSchema(s);
}

/** Drops, in place, nulls the schema neither allows nor defaults; those with a default are left for defaulting. */
export function pruneNonNullableNulls(value: unknown, s: Schema | undefined): void {
  if (Array.isArray(value)) {
    for (const item of value) pruneNonNullableNulls(item, s?.items);
    return;
  }
  if (!isJsonObject(value)) return;
  for (const k in value) {
    const v = value[k];
    // Only objects and arrays can hold nulls further down.
    if (v !== null && typeof v !== 'object') continue;
    const child = schemaForKey(s, k);
    if (isNonNullableNull(v, child) && !hasDefault(child)) delete value[k];
    else pruneNonNullableNulls(v, child);
  }
}

/** Fills in defaults, in place. */
export function applyDefaults(value: unknown, s: Schema | undefined): void {
  // A subtree whose schema declares no default anywhere has nothing to fill in.
  if (!s || !factsOf(s).defaults) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (isNonNullableNull(item, s.items) && hasDefault(s.items)) value[i] = cloneJson(s.items!.default);
      applyDefaults(value[i], s.items);
    });
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [k, prop] of Object.entries(s.properties ?? {})) {
    if (prop.default === undefined) continue;
    if (value[k] === undefined || isNonNullableNull(value[k], prop)) value[k] = cloneJson(prop.default);
  }
  const mapValue = mapValueSchema(s);
  for (const k of Object.keys(value)) {
    const prop = s.properties?.[k];
    if (prop) applyDefaults(value[k], prop);
    else if (mapValue) {
      if (isNonNullableNull(value[k], mapValue) && hasDefault(mapValue)) value[k] = cloneJson(mapValue.default);
      applyDefaults(value[k], mapValue);
    }
  }
}
