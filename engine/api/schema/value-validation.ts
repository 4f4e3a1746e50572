// Validation of a value against its OpenAPI schema, as kube-openapi validates a custom resource:
// type, string length and pattern, format, numeric bounds, list sizes, enum, required properties.
// Each error carries kube's wording, which names the field in the message too (`spec.x in body ...`).
//
// With ratcheting (updates of CRDs), a subtree whose value equals its correlated old value is not
// validated at all, so an object that became invalid under a newer schema can still be updated.

import { correlateItem, correlateKey, type OldValue } from './correlate.js';
import { invalid, notSupported, tooLong, tooMany, typeInvalid, type FieldError } from './field-errors.js';
import { childPath, indexPath } from './field-path.js';
import { matchesFormat } from './formats.js';
import { hasKey, isJsonObject, jsonEqual, jsonTypeOf, type JsonTypeName } from './json-value.js';
import { mapValueSchema } from './prune.js';
import type { Schema } from './types.js';

export interface ValueValidationOptions {
  /** Skip subtrees equal to their correlated old value. */
  ratchet: boolean;
}

/**
 * Where a node is: `field` is the error's field path, `name` the path the message text uses. Both are
 * spelled out only when an error needs them; most nodes of most writes are valid.
 */
class Place {
  private fieldPath: string | undefined;
  private namePath: string | undefined;

  constructor(
    private readonly parent: Place | undefined,
    /** A key (childPath), an index (indexPath), or for the root the two base paths. */
    private readonly seg: string | number,
    rootField?: string,
    rootName?: string,
  ) {
    this.fieldPath = rootField;
    this.namePath = rootName;
  }

  get field(): string {
    this.fieldPath ??= Place.spell(this.parent!.field, this.seg);
    return this.fieldPath;
  }

  get name(): string {
    this.namePath ??= Place.spell(this.parent!.name, this.seg);
    return this.namePath;
  }

  private static spell(parent: string, seg: string | number): string {
    return typeof seg === 'number' ? indexPath(parent, seg) : childPath(parent, seg);
  }
}

const patternCache = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern);
    patternCache.set(pattern, re);
  }
  return re;
}

const expectedTypesCache = new WeakMap<Schema, readonly JsonTypeName[]>();

/** The types a node accepts; an empty list accepts anything. */
export function expectedTypes(s: Schema): JsonTypeName[] {
  if (s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string') return ['integer', 'string'];
  return s.type ? [s.type] : [];
}

/** expectedTypes, computed once per schema node: the validator asks for every value it visits. */
function expectedTypesOf(s: Schema): readonly JsonTypeName[] {
  let t = expectedTypesCache.get(s);
  if (t === undefined) {
    t = expectedTypes(s);
    expectedTypesCache.set(s, t);
  }
  return t;
}

function typeMatches(expected: readonly JsonTypeName[], actual: JsonTypeName): boolean {
  if (expected.length === 0) return true;
  return expected.includes(actual) || (actual === 'integer' && expected.includes('number'));
}

// Code points, as Go's utf8.RuneCountInString counts them; without surrogates, that is the length.
const SURROGATE = /[\uD800-\uDFFF]/;
const charLength = (s: string): number => (SURROGATE.test(s) ? [...s].length : s.length);

/**
 * Validates `value` against `schema`, appending field errors. `fieldBase` prefixes error fields and
 * `nameBase` the paths inside messages; they differ only for status writes, where kube validates the
 * status on its own and names fields relative to it in message text.
 */
export function validateValue(
  schema: Schema,
  value: unknown,
  old: OldValue | undefined,
  fieldBase: string,
  nameBase: string,
  opts: ValueValidationOptions,
  errors: FieldError[],
): void {
  visit(schema, value, old, new Place(undefined, '', fieldBase, nameBase), opts, errors);
}

function visit(s: Schema, value: unknown, old: OldValue | undefined, at: Place, opts: ValueValidationOptions, errors: FieldError[]): void {
  if (opts.ratchet && old && jsonEqual(value, old.value)) return;
  const expected = expectedTypesOf(s);
  if (value === null || value === undefined) {
    if (s.nullable !== true && expected.length > 0) {
      errors.push(typeInvalid(at.field, 'null', `${at.name} in body must be of type ${expected.join(',')}: "null"`));
    }
    return;
  }
  const actual = jsonTypeOf(value);
  if (!typeMatches(expected, actual)) {
    errors.push(typeInvalid(at.field, actual, `${at.name} in body must be of type ${expected.join(',')}: "${actual}"`));
    checkEnum(s, value, at, errors);
    return;
  }
  if (typeof value === 'string') checkString(s, value, at, errors);
  if (typeof value === 'number') checkNumber(s, value, at, errors);
  if (Array.isArray(value)) checkArray(s, value, old, at, opts, errors);
  checkEnum(s, value, at, errors);
  if (isJsonObject(value)) checkObject(s, value, old, at, opts, errors);
}

function checkString(s: Schema, value: string, at: Place, errors: FieldError[]): void {
  // kube-openapi stops at the first failing string rule, in this order.
  if (s.maxLength !== undefined && charLength(value) > s.maxLength) {
    errors.push(tooLong(at.field, s.maxLength));
  } else if (s.minLength !== undefined && charLength(value) < s.minLength) {
    errors.push(invalid(at.field, value, `${at.name} in body should be at least ${s.minLength} chars long`));
  } else if (s.pattern !== undefined && !compiled(s.pattern).test(value)) {
    errors.push(invalid(at.field, value, `${at.name} in body should match '${s.pattern}'`));
  }
  if (s.format && !matchesFormat(s.format, value)) {
    errors.push(typeInvalid(at.field, value, `${at.name} in body must be of type ${s.format}: ${JSON.stringify(value)}`));
  }
}

function checkNumber(s: Schema, value: number, at: Place, errors: FieldError[]): void {
  if (s.maximum !== undefined && value > s.maximum) {
    errors.push(invalid(at.field, value, `${at.name} in body should be less than or equal to ${s.maximum}`));
  }
  if (s.minimum !== undefined && value < s.minimum) {
    errors.push(invalid(at.field, value, `${at.name} in body should be greater than or equal to ${s.minimum}`));
  }
}

function checkArray(s: Schema, value: unknown[], old: OldValue | undefined, at: Place, opts: ValueValidationOptions, errors: FieldError[]): void {
  if (s.items) {
    value.forEach((item, i) => {
      visit(s.items!, item, correlateItem(s, old, item), new Place(at, i), opts, errors);
    });
  }
  if (s.minItems !== undefined && value.length < s.minItems) {
    errors.push(invalid(at.field, value.length, `${at.name} in body should have at least ${s.minItems} items`));
  }
  if (s.maxItems !== undefined && value.length > s.maxItems) {
    errors.push(tooMany(at.field, value.length, s.maxItems));
  }
}

function checkEnum(s: Schema, value: unknown, at: Place, errors: FieldError[]): void {
  if (!s.enum || s.enum.length === 0) return;
  if (s.enum.some((allowed) => jsonEqual(allowed, value))) return;
  errors.push(notSupported(at.field, value, s.enum));
}

function checkObject(
  s: Schema,
  value: Record<string, unknown>,
  old: OldValue | undefined,
  at: Place,
  opts: ValueValidationOptions,
  errors: FieldError[],
): void {
  const mapValue = mapValueSchema(s);
  for (const k of Object.keys(value)) {
    if (value[k] === undefined) continue;
    const prop = s.properties?.[k] ?? mapValue;
    if (!prop) continue;
    visit(prop, value[k], correlateKey(old, k), new Place(at, k), opts, errors);
  }
  for (const k of s.required ?? []) {
    if (!hasKey(value, k)) errors.push({ type: 'FieldValueRequired', field: childPath(at.field, k), detail: '' });
  }
}
