// Shorthands for the built-in kind tests: admit a create, update or status write, or capture the
// ApiError it throws.

import { admit } from '../../../../../engine/api/schema/admission.js';
import type { KindSchema } from '../../../../../engine/api/schema/types.js';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import { ApiError } from '../../../../../engine/runtime/errors.js';

export const create = (schema: KindSchema, obj: unknown) =>
  admit(schema, obj as KubeObject, undefined, { operation: 'create', fieldValidation: 'Strict' }).object;

export const update = (schema: KindSchema, obj: unknown, old: KubeObject) =>
  admit(schema, obj as KubeObject, old, { operation: 'update', fieldValidation: 'Strict' }).object;

export const writeStatus = (schema: KindSchema, obj: unknown, old: KubeObject) =>
  admit(schema, obj as KubeObject, old, { operation: 'status', fieldValidation: 'Strict' }).object;

export function failure(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected admission to fail');
}
