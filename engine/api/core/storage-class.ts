// StorageClass (storage.k8s.io/v1, cluster-scoped): how claims are provisioned. Ramen matches storage
// classes to replication and snapshot classes by provisioner and labels. Its fields sit at the top
// level (no spec); kube forbids changing the provisioner, parameters or reclaim policy afterwards.

import type { KindRef, KubeObject } from '../meta.js';
import { forbidden, immutable, invalid, required, tooLong, type FieldError } from '../schema/field-errors.js';
import { isJsonObject, jsonEqual, presentKeys } from '../schema/json-value.js';
import { isQualifiedName } from '../schema/names.js';
import type { AdmissionOperation, KindSchema } from '../schema/types.js';
import { opaqueObjectSchema, STORAGE_GROUP, stringListSchema, stringMapSchema, typeMetaProperties } from './core-schema-parts.js';

export const STORAGE_CLASS_KIND: KindRef = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' };

/** The annotation that makes a StorageClass the cluster default. */
export const DEFAULT_STORAGE_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

export type VolumeBindingMode = 'Immediate' | 'WaitForFirstConsumer';

export interface StorageClass extends KubeObject<never, never> {
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: 'Delete' | 'Retain';
  volumeBindingMode?: VolumeBindingMode;
  allowVolumeExpansion?: boolean;
  mountOptions?: string[];
  allowedTopologies?: Record<string, unknown>[];
}

const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;

function validateCreate(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = obj.provisioner;
  if (typeof provisioner !== 'string' || provisioner === '') errs.push(required('provisioner'));
  else for (const msg of isQualifiedName(provisioner.toLowerCase())) errs.push(invalid('provisioner', provisioner, msg));
  const params = isJsonObject(obj.parameters) ? obj.parameters : {};
  const keys = presentKeys(params);
  if (keys.length > MAX_PARAMETERS) errs.push(tooLong('parameters', MAX_PARAMETERS));
  let size = 0;
  for (const k of keys) {
    if (k === '') errs.push(invalid('parameters', k, 'field can not be empty.'));
    size += Buffer.byteLength(k) + Buffer.byteLength(String(params[k]));
  }
  if (size > MAX_PARAMETERS_SIZE) errs.push(tooLong('parameters', MAX_PARAMETERS_SIZE));
  return errs;
}

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!jsonEqual(obj.parameters ?? {}, old.parameters ?? {})) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
  if (obj.provisioner !== old.provisioner) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (obj.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  if (obj.volumeBindingMode !== old.volumeBindingMode) errs.push(immutable('volumeBindingMode', obj.volumeBindingMode ?? null));
  return errs;
}

function validate(obj: KubeObject, old: KubeObject | undefined, _operation: AdmissionOperation): FieldError[] {
  return old ? validateUpdate(obj, old) : validateCreate(obj);
}

export const StorageClassSchema: KindSchema = {
  group: STORAGE_GROUP,
  version: 'v1',
  kind: 'StorageClass',
  plural: 'storageclasses',
  singular: 'storageclass',
  shortNames: ['sc'],
  scope: 'Cluster',
  servedOn: ['hub', 'dr'],
  builtIn: true,
  statusSubresource: false,
  strategy: { validate },
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      allowVolumeExpansion: { type: 'boolean' },
      allowedTopologies: { type: 'array', items: opaqueObjectSchema },
      mountOptions: stringListSchema,
      parameters: stringMapSchema,
      provisioner: { type: 'string' },
      reclaimPolicy: { type: 'string', enum: ['Delete', 'Retain'], default: 'Delete' },
      volumeBindingMode: { type: 'string', enum: ['Immediate', 'WaitForFirstConsumer'], default: 'Immediate' },
    },
  },
};
