// Plain-JSON helpers for stored objects. Stored objects are never mutated in place: every write
// builds a new object, so history and store may share references and only reads need copies.

export function clone<T>(value: T): T {
  return cloneValue(value) as T;
}

// Stored objects are plain JSON, so a recursive copy of objects and arrays is exact, and several times
// faster than structuredClone on the many small objects every get, list and watch event copies.
// Scalars are copied in the loop, without a call: most values are scalars.
function cloneValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Array.isArray(value) ? cloneArray(value) : cloneObject(value as Record<string, unknown>);
}

function cloneArray(value: readonly unknown[]): unknown[] {
  const n = value.length;
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const v = value[i];
    out[i] = typeof v !== 'object' || v === null ? v : Array.isArray(v) ? cloneArray(v) : cloneObject(v as Record<string, unknown>);
  }
  return out;
}

function cloneObject(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in value) {
    const v = value[k];
    if (v === undefined) continue;
    out[k] = typeof v !== 'object' || v === null ? v : Array.isArray(v) ? cloneArray(v) : cloneObject(v as Record<string, unknown>);
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
