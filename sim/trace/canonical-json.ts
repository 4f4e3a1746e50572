// A byte-stable JSON encoding: object keys sorted, undefined fields dropped, no whitespace. Two runs
// that record the same events produce the same bytes, so a trace digest compares whole runs.
//
// Every trace event is encoded once, so this is on the simulator's hot path: it appends to one string
// instead of building arrays of parts, and remembers the encodings of keys, which repeat endlessly.

import type { JsonValue } from '../../engine/runtime/trace-sink.js';

const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 4096;

function encodedKey(k: string): string {
  let enc = keyCache.get(k);
  if (enc === undefined) {
    enc = `${JSON.stringify(k)}:`;
    if (keyCache.size < KEY_CACHE_LIMIT) keyCache.set(k, enc);
  }
  return enc;
}

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'number':
      // For a finite number, String() is the same algorithm JSON.stringify uses (Number::toString).
      return Number.isFinite(value) ? String(value) : 'null';
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
        return `${out}]`;
      }
      const obj = value as Record<string, unknown>;
      // Default sort order is UTF-16 code-unit order, the same on every machine.
      const keys = Object.keys(obj).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined) continue;
        out += (first ? '' : ',') + encodedKey(k) + canonicalJson(v);
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

export type { JsonValue };
