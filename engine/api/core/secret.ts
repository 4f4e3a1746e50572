// Secret (core/v1): S3 credentials, VolSync keys, TLS material. `data` holds base64 values;
// `stringData` is a write-only convenience the server folds into `data` (winning over it) and never
// stores. The type is fixed at creation and an `immutable` Secret keeps its data forever.

import type { KindRef, KubeObject } from '../meta.js';
import { forbidden, immutable, required, tooLong, type FieldError } from '../schema/field-errors.js';
import { keyPath } from '../schema/field-path.js';
import { isJsonObject, jsonEqual, presentKeys } from '../schema/json-value.js';
import type { AdmissionOperation, KindSchema } from '../schema/types.js';
import { decodedLength, encodeBase64 } from './base64.js';
import { assertBase64Map, dataKeyErrors, MAX_CONFIG_SIZE } from './config-map.js';
import { CORE_VERSION, typeMetaProperties } from './core-schema-parts.js';

export const SECRET_KIND: KindRef = { apiVersion: 'v1', kind: 'Secret' };

export const SECRET_TYPE_OPAQUE = 'Opaque';
export const SECRET_TYPE_TLS = 'kubernetes.io/tls';

export interface Secret extends KubeObject<never, never> {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  immutable?: boolean;
}

type Obj = Record<string, unknown>;
const mapOf = (v: unknown): Obj => (isJsonObject(v) ? v : {});

function prepare(obj: KubeObject): void {
  assertBase64Map('Secret', mapOf(obj.data));
  const stringData = mapOf(obj.stringData);
  if (presentKeys(stringData).length > 0) {
    const data: Obj = { ...mapOf(obj.data) };
    for (const k of presentKeys(stringData)) data[k] = encodeBase64(String(stringData[k]));
    obj.data = data;
  }
  delete obj.stringData;
}

function validate(obj: KubeObject, old: KubeObject | undefined, _operation: AdmissionOperation): FieldError[] {
  const data = mapOf(obj.data);
  const checked = dataKeyErrors('data', data, decodedLength);
  const errs = [...checked.errors];
  if (checked.size > MAX_CONFIG_SIZE) errs.push(tooLong('data', MAX_CONFIG_SIZE));
  if (obj.type === SECRET_TYPE_TLS) {
    for (const k of ['tls.crt', 'tls.key']) if (data[k] === undefined) errs.push(required(keyPath('data', k)));
  }
  if (old) {
    if (obj.type !== old.type) errs.push(immutable('type', obj.type ?? ''));
    if (old.immutable === true) {
      if (obj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
      if (!jsonEqual(obj.data ?? {}, old.data ?? {})) errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
    }
  }
  return errs;
}

export const SecretSchema: KindSchema = {
  group: '',
  version: CORE_VERSION,
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  scope: 'Namespaced',
  servedOn: ['hub', 'dr'],
  builtIn: true,
  statusSubresource: false,
  strategy: { prepare, validate },
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
      immutable: { type: 'boolean' },
      stringData: { type: 'object', additionalProperties: { type: 'string' } },
      type: { type: 'string', default: SECRET_TYPE_OPAQUE },
    },
  },
};
