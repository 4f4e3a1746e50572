// Correlation of a new value with its old value during an update, as kube does for CEL transition
// rules and for validation ratcheting: object properties and map entries correlate by key, items of
// a list-type map by their key fields, and items of any other list not at all.

import { hasKey, isJsonObject, jsonEqual } from './json-value.js';
import type { Schema } from './types.js';

/** The old value at the same place as a new one, when there is one. */
export interface OldValue {
  value: unknown;
}

export function correlateKey(old: OldValue | undefined, key: string): OldValue | undefined {
  if (!old || !isJsonObject(old.value) || !hasKey(old.value, key)) return undefined;
  return { value: old.value[key] };
}

/** The old item of a list-type map with the same key fields as `item`. */
export function correlateItem(listSchema: Schema, old: OldValue | undefined, item: unknown): OldValue | undefined {
  if (!old || listSchema['x-kubernetes-list-type'] !== 'map' || !Array.isArray(old.value) || !isJsonObject(item)) return undefined;
  const keys = listSchema['x-kubernetes-list-map-keys'] ?? [];
  if (keys.length === 0) return undefined;
  const match = old.value.find((candidate) => isJsonObject(candidate) && keys.every((k) => jsonEqual(candidate[k], item[k])));
  return match === undefined ? undefined : { value: match };
}
