// Admission of one write, as kube-apiserver admits a custom resource (and, for built-in kinds, what
// their Go validation does for the fields drsim models): decode with unknown-field handling, prune,
// default, then validate metadata, schema, list types and CEL rules, and fail with one Invalid error
// listing every field error. The input object is never mutated; the admitted copy is returned.

import type { KubeObject } from '../meta.js';
import { ApiError } from '../../runtime/errors.js';
import type { FieldValidation } from '../../runtime/client.js';
import { runCelRules } from './cel.js';
import { applyDefaults, pruneNonNullableNulls } from './defaults.js';
import { invalid, invalidObjectError, type FieldError } from './field-errors.js';
import { validateEmbeddedResources } from './embedded.js';
import { cloneJson, isJsonObject, jsonTypeOf } from './json-value.js';
import { validateListTypes } from './list-types.js';
import { finalizerWarnings, objectMetaSchema, validateObjectMetaCreate, validateObjectMetaUpdate } from './object-meta.js';
import { pruneUnknownFields } from './prune.js';
import { factsOf } from './schema-facts.js';
import { apiVersionOf, type AdmissionOperation, type KindSchema, type Schema } from './types.js';
import { validateValue } from './value-validation.js';

export interface AdmitOptions {
  operation: AdmissionOperation;
  fieldValidation: FieldValidation;
}

export interface AdmitResult {
  object: KubeObject;
  warnings: string[];
}

// Schema errors after which kube does not evaluate CEL rules: the object lacks the shape they assume.
const BLOCKING: ReadonlySet<FieldError['type']> = new Set([
  'FieldValueNotSupported',
  'FieldValueRequired',
  'FieldValueTooLong',
  'FieldValueTooMany',
  'FieldValueTypeInvalid',
]);

const CEL_SKIPPED: FieldError = invalid(
  '<nil>',
  'null',
  'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
);

/**
 * Admits `obj` as a create, an update (`old` is the stored object) or a status write. Throws
 * ApiError BadRequest for a body that would not decode (unknown fields under Strict, wrong JSON
 * types in a built-in kind) and ApiError Invalid for a body that decodes but fails validation.
 */
export function admit(schema: KindSchema, obj: KubeObject, old: KubeObject | undefined, opts: AdmitOptions): AdmitResult {
  const warnings: string[] = [];
  const object = decode(schema, obj, opts.fieldValidation, warnings);
  // The stored object, for updates and status writes; creates have none.
  const prior = opts.operation === 'create' ? undefined : old;

  pruneNonNullableNulls(object, schema.schema);
  applyDefaults(object, schema.schema);
  if (schema.scope === 'Cluster' && object.metadata.namespace !== undefined) {
    // A cluster-scoped object has no namespace: the server clears one a client sends.
    delete object.metadata.namespace;
  }
  if (schema.builtIn) schema.strategy?.prepare?.(object, old, opts.operation);

  const errors: FieldError[] = [...typeMetaErrors(schema, object)];
  if (errors.length === 0) {
    errors.push(
      ...(prior
        ? validateObjectMetaUpdate(object.metadata, prior.metadata)
        : validateObjectMetaCreate(object.metadata, schema.scope === 'Namespaced', schema.nameValidation ?? 'dns1123Subdomain')),
    );
    // Built-in kinds are validated by Go code, which never ratchets; CRDs ratchet unchanged fields.
    const ratchet = prior !== undefined && !schema.builtIn;
    const oldValue = prior ? { value: prior as unknown } : undefined;
    if (opts.operation === 'status') {
      const statusSchema = schema.schema.properties?.status;
      const status = (object as { status?: unknown }).status;
      if (statusSchema && status !== undefined) {
        const oldStatus = prior?.status !== undefined ? { value: prior.status } : undefined;
        validateValue(statusSchema, status, oldStatus, 'status', '', { ratchet }, errors);
      }
    } else {
      validateValue(schema.schema, object, oldValue, '', '', { ratchet }, errors);
    }
    validateEmbeddedResources(schema.schema, object, '', errors);
    validateListTypes(schema.schema, object, '', errors);
    if (schema.builtIn) {
      const decodeError = errors.find((e) => e.type === 'FieldValueTypeInvalid');
      if (decodeError) throw builtInDecodeError(schema, decodeError);
      errors.push(...(schema.strategy?.validate?.(object, prior, opts.operation) ?? []));
      const cel = runCelRules(schema.schema, object, oldValue, '', { ratchet: false });
      errors.push(...cel.errors);
    } else if (errors.some((e) => BLOCKING.has(e.type))) {
      if (hasCelRules(schema.schema)) errors.push(CEL_SKIPPED);
    } else {
      const cel = runCelRules(schema.schema, object, oldValue, '', { ratchet });
      errors.push(...cel.errors);
      warnings.push(...cel.warnings);
    }
  }
  if (errors.length > 0) throw invalidObjectError(schema, object.metadata.name ?? '', errors);
  if (!schema.builtIn && opts.operation !== 'status') warnings.push(...finalizerWarnings(object.metadata, prior?.metadata));
  return { object, warnings };
}

/** Copies the body, drops unknown fields per fieldValidation, and refuses metadata of the wrong shape. */
function decode(schema: KindSchema, obj: KubeObject, fieldValidation: FieldValidation, warnings: string[]): KubeObject {
  const body = cloneJson(obj) as unknown;
  if (!isJsonObject(body)) throw new ApiError('BadRequest', `Object '${schema.kind}' is not a JSON object`);
  if (body.metadata === undefined || body.metadata === null) body.metadata = {};
  if (!isJsonObject(body.metadata)) {
    throw new ApiError('BadRequest', `json: cannot unmarshal ${goJsonKind(body.metadata)} into Go struct field ${schema.kind}.metadata of type v1.ObjectMeta`);
  }
  const unknown = [...pruneUnknownFields(body.metadata, objectMetaSchema, false, 'metadata'), ...pruneUnknownFields(body, schema.schema, true)];
  if (unknown.length > 0) {
    if (fieldValidation === 'Strict') {
      throw new ApiError('BadRequest', `strict decoding error: ${unknown.map((p) => `unknown field ${JSON.stringify(p)}`).join(', ')}`);
    }
    if (fieldValidation === 'Warn') warnings.push(...unknown.map((p) => `unknown field ${JSON.stringify(p)}`));
  }
  const metaErrors: FieldError[] = [];
  validateValue(objectMetaSchema, body.metadata, undefined, 'metadata', 'metadata', { ratchet: false }, metaErrors);
  const bad = metaErrors.find((e) => e.type === 'FieldValueTypeInvalid');
  if (bad) throw new ApiError('BadRequest', `json: cannot unmarshal ${goJsonKind(valueAt(body, bad.field))} into Go struct field ObjectMeta.${bad.field} of type ${goTypeOf(bad)}`);
  return body as KubeObject;
}

function typeMetaErrors(schema: KindSchema, obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (obj.kind !== schema.kind) errs.push(invalid('kind', obj.kind ?? null, `must be ${schema.kind}`));
  const apiVersion = apiVersionOf(schema);
  if (obj.apiVersion !== apiVersion) errs.push(invalid('apiVersion', obj.apiVersion ?? null, `must be ${apiVersion}`));
  return errs;
}

function hasCelRules(s: Schema | undefined): boolean {
  return s !== undefined && factsOf(s).cel;
}

/** The JSON kind Go's decoder names in an unmarshal error. */
function goJsonKind(value: unknown): string {
  const t = jsonTypeOf(value);
  return t === 'integer' ? 'number' : t === 'boolean' ? 'bool' : t;
}

function valueAt(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (Array.isArray(cur)) cur = cur[Number(part)];
    else if (isJsonObject(cur)) cur = cur[part];
    else return undefined;
  }
  return cur;
}

function goTypeOf(e: FieldError): string {
  const want = /must be of type ([^:]+):/.exec(e.detail ?? '')?.[1] ?? 'string';
  switch (want) {
    case 'integer':
      return 'int64';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'integer,string':
      return 'intstr.IntOrString';
    case 'object':
      return 'map[string]string';
    case 'array':
      return '[]string';
    default:
      return want;
  }
}

/**
 * A built-in kind decodes into Go structs, so a value of the wrong JSON type fails decoding with a
 * BadRequest instead of a field error.
 */
function builtInDecodeError(schema: KindSchema, e: FieldError): ApiError {
  const got = typeof e.value === 'string' ? (e.value === 'integer' ? 'number' : e.value === 'boolean' ? 'bool' : e.value) : 'value';
  return new ApiError(
    'BadRequest',
    `${schema.kind} in version "${schema.version}" cannot be handled as a ${schema.kind}: json: cannot unmarshal ${got} into Go struct field ${schema.kind}.${e.field} of type ${goTypeOf(e)}`,
  );
}
