// Checks several built-in kinds share, with the wording of kube's core validation.

import { invalid, notSupported, required, type FieldError } from '../schema/field-errors.js';
import { compareStrings, isJsonObject, jsonEqual, presentKeys, sortedJson } from '../schema/json-value.js';
import { isDns1123Subdomain } from '../schema/names.js';
import { ACCESS_MODES } from './core-schema-parts.js';

/** A claim or volume's access modes: at least one, all known, ReadWriteOncePod alone. */
export function accessModeErrors(path: string, modes: unknown, requiredDetail: string): FieldError[] {
  const list = Array.isArray(modes) ? modes : [];
  if (list.length === 0) return [required(path, requiredDetail)];
  const errs: FieldError[] = [];
  for (const mode of list) {
    if (!(ACCESS_MODES as readonly unknown[]).includes(mode)) errs.push(notSupported(path, mode, ACCESS_MODES));
  }
  if (list.includes('ReadWriteOncePod') && list.length > 1) {
    errs.push({ type: 'FieldValueForbidden', field: path, detail: 'may not use ReadWriteOncePod with other access modes' });
  }
  return errs;
}

/** A storage class name, when set, is a DNS-1123 subdomain. */
export function storageClassNameErrors(path: string, name: unknown): FieldError[] {
  if (typeof name !== 'string' || name === '') return [];
  return isDns1123Subdomain(name).map((msg) => invalid(path, name, msg));
}

/**
 * A short rendering of what changed between two structs, in the spirit of the cmp.Diff kube appends
 * to its "spec is immutable" errors.
 */
export function structDiff(typeName: string, before: unknown, after: unknown): string {
  const a = isJsonObject(before) ? before : {};
  const b = isJsonObject(after) ? after : {};
  const keys = [...new Set([...presentKeys(a), ...presentKeys(b)])].sort(compareStrings);
  const lines = [`  ${typeName}{`];
  for (const k of keys) {
    if (jsonEqual(a[k], b[k])) continue;
    if (a[k] !== undefined) lines.push(`- \t${k}: ${sortedJson(a[k])},`);
    if (b[k] !== undefined) lines.push(`+ \t${k}: ${sortedJson(b[k])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}
