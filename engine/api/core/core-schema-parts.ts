// Schema fragments the built-in kinds share: TypeMeta at the root, string maps, quantities, object
// references and label selectors, spelled as the Kubernetes OpenAPI spells them.

import type { Schema } from '../schema/types.js';

export const CORE_VERSION = 'v1';
export const STORAGE_GROUP = 'storage.k8s.io';

/** TypeMeta and the metadata object every root schema declares. */
export const typeMetaProperties: Record<string, Schema> = {
  apiVersion: { type: 'string' },
  kind: { type: 'string' },
  metadata: { type: 'object' },
};

export const stringMapSchema: Schema = { type: 'object', additionalProperties: { type: 'string' } };

export const stringListSchema: Schema = { type: 'array', items: { type: 'string' } };

/** resource.Quantity: a string like `10Gi` or a bare number; a bad one fails decoding (see quantity.ts). */
export const quantitySchema: Schema = { 'x-kubernetes-int-or-string': true };

export const resourceListSchema: Schema = { type: 'object', additionalProperties: quantitySchema };

export const objectReferenceSchema: Schema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    fieldPath: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
    namespace: { type: 'string' },
    resourceVersion: { type: 'string' },
    uid: { type: 'string' },
  },
};

export const typedLocalObjectReferenceSchema: Schema = {
  type: 'object',
  required: ['kind', 'name'],
  properties: { apiGroup: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } },
};

export const typedObjectReferenceSchema: Schema = {
  type: 'object',
  required: ['kind', 'name'],
  properties: { apiGroup: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' } },
};

export const localObjectReferenceSchema: Schema = { type: 'object', properties: { name: { type: 'string', default: '' } } };

export const secretReferenceSchema: Schema = { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' } } };

export const labelSelectorSchema: Schema = {
  type: 'object',
  properties: {
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: { key: { type: 'string' }, operator: { type: 'string' }, values: stringListSchema },
      },
    },
    matchLabels: stringMapSchema,
  },
};

/** Fields drsim does not model in detail but must accept and keep (node affinity, probes, ...). */
export const opaqueObjectSchema: Schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

/** The access modes a PersistentVolume or claim may list, sorted as kube prints them. */
export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

export const VOLUME_MODES = ['Block', 'Filesystem'] as const;
export type VolumeMode = (typeof VOLUME_MODES)[number];
