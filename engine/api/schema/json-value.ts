// Plain-JSON helpers for admission. Admission works on JSON values only (what a request body decodes
// to), so these treat a key holding `undefined` exactly like an absent key, as JSON serialization does.

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A deep copy with structuredClone's result on the plain data admission sees (keys holding undefined
 * are kept, as structuredClone keeps them), done by a recursive copy of plain objects and arrays,
 * which is several times faster on the many small objects every write decodes. Anything else (a
 * Date, a typed array, a function) goes to structuredClone, which copies or refuses it as before.
 */
export function cloneJson<T>(value: T): T {
  return clonePlain(value) as T;
}

function clonePlain(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return typeof value === 'function' || typeof value === 'symbol' ? structuredClone(value) : value;
  if (Array.isArray(value)) {
    const n = value.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const v: unknown = value[i];
      out[i] = typeof v === 'object' && v !== null ? clonePlain(v) : typeof v === 'function' || typeof v === 'symbol' ? structuredClone(v) : v;
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  const obj = value as Record<string, unknown>;
  for (const k in obj) {
    const v = obj[k];
    out[k] = typeof v === 'object' && v !== null ? clonePlain(v) : typeof v === 'function' || typeof v === 'symbol' ? structuredClone(v) : v;
  }
  return out;
}

/** The keys of an object that carry a value, in insertion order. */
export function presentKeys(obj: JsonObject): string[] {
  return Object.keys(obj).filter((k) => obj[k] !== undefined);
}

export function hasKey(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== undefined;
}

/** Structural equality of JSON values; key order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) {
    const la = a as readonly unknown[];
    const lb = b as readonly unknown[];
    if (la.length !== lb.length) return false;
    for (let i = 0; i < la.length; i++) if (!jsonEqual(la[i], lb[i])) return false;
    return true;
  }
  // Every present key of `a` must be present and equal in `b`, and `b` must have as many present
  // keys: a present value is never equal to an absent one, so equal counts leave no key over.
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  let present = 0;
  for (const k of Object.keys(ao)) {
    const v = ao[k];
    if (v === undefined) continue;
    present++;
    if (!hasKey(bo, k) || !jsonEqual(v, bo[k])) return false;
  }
  let presentInB = 0;
  for (const k of Object.keys(bo)) if (bo[k] !== undefined) presentInB++;
  return present === presentInB;
}

/** The JSON type name kube-openapi reports for a value; integral numbers are `integer`. */
export type JsonTypeName = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

export function jsonTypeOf(value: unknown): JsonTypeName {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

/** Code-unit order, never locale order, so sorting is identical on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with object keys sorted, as Go's encoding/json prints a map. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const k of presentKeys(value).sort(compareStrings)) out[k] = sortKeys(value[k]);
  return out;
}
