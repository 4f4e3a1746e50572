// How the server runs admission (pruning, defaulting, schema and CEL validation). The function is
// injected so that the server can be tested on its own; the real one is engine/api/schema/admission.

import type { KubeObject } from '../../engine/api/meta.js';
import type { KindSchema } from '../../engine/api/schema/types.js';
import type { FieldValidation } from '../../engine/runtime/client.js';

export interface AdmissionOptions {
  operation: 'create' | 'update' | 'status';
  fieldValidation: FieldValidation;
}

export interface AdmissionResult {
  object: KubeObject;
  warnings: string[];
  /**
   * The object shares no mutable structure with the input: the server may store it as it is. Without
   * this flag the server copies the result, since an admission may hand back its input or parts of it.
   */
  detached?: boolean;
}

/** Returns the pruned and defaulted object or throws ApiError (BadRequest or Invalid). */
export type AdmissionFn = (schema: KindSchema, obj: KubeObject, old: KubeObject | undefined, opts: AdmissionOptions) => AdmissionResult;

/** Accepts everything unchanged: for servers whose tests are about storage semantics only. */
export const passthroughAdmission: AdmissionFn = (_schema, obj) => ({ object: obj, warnings: [] });

/**
 * The server's default when a request names no field validation, as from controller-runtime: Warn
 * (unknown fields are pruned and reported as warnings). kubectl asks for Strict explicitly.
 */
export const DEFAULT_FIELD_VALIDATION: FieldValidation = 'Warn';
