// RFC 7386 JSON merge patch, the `application/merge-patch+json` patch type of the API server.

import { clone, isPlainObject } from './json.js';

/** Returns a new value; neither argument is modified. A `null` in the patch deletes the key. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const result: Record<string, unknown> = isPlainObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}
