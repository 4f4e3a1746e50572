// ConfigMap (core/v1): Ramen's hub and DR-cluster operator configuration lives in one. No spec and no
// status: `data` and `binaryData` sit at the top level, and an `immutable` ConfigMap keeps them forever.

import type { KindRef, KubeObject } from '../meta.js';
import { ApiError } from '../../runtime/errors.js';
import { forbidden, invalid, tooLong, type FieldError } from '../schema/field-errors.js';
import { keyPath } from '../schema/field-path.js';
import { isJsonObject, jsonEqual, presentKeys } from '../schema/json-value.js';
import { isConfigMapKey } from '../schema/names.js';
import type { AdmissionOperation, KindSchema } from '../schema/types.js';
import { base64ErrorOffset, decodedLength } from './base64.js';
import { CORE_VERSION, typeMetaProperties } from './core-schema-parts.js';

export const CONFIGMAP_KIND: KindRef = { apiVersion: 'v1', kind: 'ConfigMap' };

export interface ConfigMap extends KubeObject<never, never> {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

/** The largest ConfigMap or Secret payload kube accepts. */
export const MAX_CONFIG_SIZE = 1024 * 1024;

type Obj = Record<string, unknown>;
const mapOf = (v: unknown): Obj => (isJsonObject(v) ? v : {});

/** Fails like kube decoding a []byte map whose value is not base64. */
export function assertBase64Map(kind: string, values: Obj): void {
  for (const v of Object.values(values)) {
    if (typeof v !== 'string') continue;
    const at = base64ErrorOffset(v);
    if (at >= 0) throw new ApiError('BadRequest', `${kind} in version "v1" cannot be handled as a ${kind}: illegal base64 data at input byte ${at}`);
  }
}

/** Keys must be config keys; the total payload stays under 1 MiB. */
export function dataKeyErrors(field: string, values: Obj, sizeOf: (v: string) => number): { errors: FieldError[]; size: number } {
  const errors: FieldError[] = [];
  let size = 0;
  for (const k of presentKeys(values)) {
    for (const msg of isConfigMapKey(k)) errors.push(invalid(keyPath(field, k), k, msg));
    size += sizeOf(String(values[k]));
  }
  return { errors, size };
}

function prepare(obj: KubeObject): void {
  assertBase64Map('ConfigMap', mapOf(obj.binaryData));
}

function validate(obj: KubeObject, old: KubeObject | undefined, _operation: AdmissionOperation): FieldError[] {
  const data = mapOf(obj.data);
  const binary = mapOf(obj.binaryData);
  const text = dataKeyErrors('data', data, (v) => Buffer.byteLength(v));
  const bin = dataKeyErrors('binaryData', binary, decodedLength);
  const errs = [...text.errors, ...bin.errors];
  for (const k of presentKeys(binary)) {
    if (data[k] !== undefined) errs.push(invalid(keyPath('data', k), k, 'duplicate of key present in binaryData'));
  }
  if (text.size + bin.size > MAX_CONFIG_SIZE) errs.push(tooLong('', MAX_CONFIG_SIZE));
  if (old && old.immutable === true) {
    if (obj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
    if (!jsonEqual(obj.data ?? {}, old.data ?? {})) errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
    if (!jsonEqual(obj.binaryData ?? {}, old.binaryData ?? {})) errs.push(forbidden('binaryData', 'field is immutable when `immutable` is set'));
  }
  return errs;
}

export const ConfigMapSchema: KindSchema = {
  group: '',
  version: CORE_VERSION,
  kind: 'ConfigMap',
  plural: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  scope: 'Namespaced',
  servedOn: ['hub', 'dr'],
  builtIn: true,
  statusSubresource: false,
  strategy: { prepare, validate },
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      binaryData: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
      data: { type: 'object', additionalProperties: { type: 'string' } },
      immutable: { type: 'boolean' },
    },
  },
};
