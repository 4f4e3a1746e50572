// Plain-JSON helpers for stored objects. Stored objects are never mutated in place: every write
// builds a new object, so history and store may share references and only reads need copies.

export function clone<T>(value: T): T {
  return cloneValue(value) as T;
}

// Stored objects are plain JSON, so a recursive copy of objects and arrays is exact, and several times
// faster than structuredClone on the many small objects every get, list and watch event copies.
// (A variant with separate array and object copies and scalars copied inline measured no faster.)
function cloneValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneValue(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in value as Record<string, unknown>) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = cloneValue(v);
  }
  return out;
}

/** Structural equality of JSON values; key order does not matter, array order does. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) {
    const la = a as readonly unknown[];
    const lb = b as readonly unknown[];
    if (la.length !== lb.length) return false;
    for (let i = 0; i < la.length; i++) if (!deepEqual(la[i], lb[i])) return false;
    return true;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // An absent key and a key holding undefined are the same thing once serialized to JSON: every
  // defined key of `a` must be equal in `b`, and `b` must have no other defined key. Since a defined
  // value never equals undefined, equal counts of defined keys settle the second half.
  let definedInA = 0;
  for (const k in ra) {
    const v = ra[k];
    if (v === undefined) continue;
    definedInA++;
    if (!deepEqual(v, rb[k])) return false;
  }
  let definedInB = 0;
  for (const k in rb) if (rb[k] !== undefined) definedInB++;
  return definedInA === definedInB;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Code-unit order, never locale order, so sorting is identical on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
