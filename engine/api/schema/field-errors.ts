// Field errors as apimachinery's field.Error renders them, and the Invalid error a server builds from
// a list of them. Message text follows kube exactly (`Required value`, `Unsupported value: "x":
// supported values: "a", "b"`, ...) so that logs and traces read the same against a real server.

import { ApiError, type FieldCause } from '../../runtime/errors.js';
import { sortedJson } from './json-value.js';

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTooFew'
  | 'FieldValueTypeInvalid'
  | 'InternalError';

/** Marks a field error whose value kube leaves out of the message (objects and arrays in CEL errors). */
export const OMIT_VALUE: unique symbol = Symbol('omit-value');

export interface FieldError {
  type: FieldErrorType;
  /** The field path as field.Path prints it; `<nil>` for errors about no particular field. */
  field: string;
  value?: unknown;
  detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueTooFew: 'Too few',
  FieldValueTypeInvalid: 'Invalid value',
  InternalError: 'Internal error',
};

// These kinds never print the offending value, whatever it is.
const VALUELESS: ReadonlySet<FieldErrorType> = new Set(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'InternalError']);

/** The value as Go prints it in a field error: strings quoted, numbers bare, the rest as JSON. */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'null';
  return sortedJson(value);
}

/** The message without the field, as field.Error.ErrorBody. */
export function fieldErrorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  if (!VALUELESS.has(e.type) && e.value !== OMIT_VALUE) s += `: ${renderValue(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

export const required = (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail });
export const invalid = (field: string, value: unknown, detail = ''): FieldError => ({ type: 'FieldValueInvalid', field, value, detail });
export const typeInvalid = (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueTypeInvalid', field, value, detail });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail });
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value });
export const internalError = (field: string, detail: string): FieldError => ({ type: 'InternalError', field, detail });

/** `Unsupported value: "x": supported values: "a", "b"`; every allowed value is printed quoted. */
export function notSupported(field: string, value: unknown, allowed: readonly unknown[]): FieldError {
  const quoted = allowed.map((v) => JSON.stringify(typeof v === 'string' ? v : sortedJson(v)));
  return { type: 'FieldValueNotSupported', field, value, detail: quoted.length > 0 ? `supported values: ${quoted.join(', ')}` : '' };
}

/** `Too long: may not be more than N bytes`. */
export function tooLong(field: string, max: number): FieldError {
  const detail = max >= 0 ? `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` : 'value is too long';
  return { type: 'FieldValueTooLong', field, detail };
}

/** `Too many: 3: must have at most 2 items`. */
export function tooMany(field: string, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items';
  return { type: 'FieldValueTooMany', field, value: actual >= 0 ? actual : OMIT_VALUE, detail };
}

/** `field is immutable`, as ValidateImmutableField reports it. */
export const FIELD_IMMUTABLE = 'field is immutable';
export const immutable = (field: string, value: unknown): FieldError => invalid(field, value, FIELD_IMMUTABLE);

const CAUSE_REASONS: ReadonlySet<string> = new Set([
  'FieldValueInvalid',
  'FieldValueNotSupported',
  'FieldValueRequired',
  'FieldValueForbidden',
  'FieldValueDuplicate',
  'FieldValueTooLong',
  'FieldValueTypeInvalid',
]);

/** The status cause a server returns for one field error. */
export function toCause(e: FieldError): FieldCause {
  const cause: FieldCause = { field: e.field, message: fieldErrorBody(e) };
  // FieldCause's reason lists only the types reconcilers branch on; the others travel in the message.
  if (CAUSE_REASONS.has(e.type)) cause.reason = e.type as NonNullable<FieldCause['reason']>;
  return cause;
}

/** `Kind.group`, or just `Kind` for the core group, as schema.GroupKind prints it. */
export function qualifiedKindOf(k: { group: string; kind: string }): string {
  return k.group === '' ? k.kind : `${k.kind}.${k.group}`;
}

/**
 * The Invalid error of a create or update, as apierrors.NewInvalid: one cause per field error and a
 * message listing them once each, bracketed when there is more than one.
 */
export function invalidObjectError(k: { group: string; kind: string }, name: string, errors: readonly FieldError[]): ApiError {
  const seen = new Set<string>();
  const messages: string[] = [];
  for (const e of errors) {
    const s = fieldErrorString(e);
    if (seen.has(s)) continue;
    seen.add(s);
    messages.push(s);
  }
  const head = `${qualifiedKindOf(k)} ${JSON.stringify(name)} is invalid`;
  const message = messages.length === 0 ? head : messages.length === 1 ? `${head}: ${messages[0]}` : `${head}: [${messages.join(', ')}]`;
  return new ApiError('Invalid', message, errors.map(toCause));
}
