// VolumeAttachment (storage.k8s.io/v1, cluster-scoped): a CSI attacher's record that a PV is attached
// to a node. Ramen's PVC protection checks it; the storage model writes it. The whole spec is fixed at
// creation; only the status (attached, errors) changes.

import type { KindRef, KubeObject } from '../meta.js';
import { invalid, required, type FieldError } from '../schema/field-errors.js';
import { cloneJson, isJsonObject, jsonEqual } from '../schema/json-value.js';
import type { AdmissionOperation, KindSchema, Schema } from '../schema/types.js';
import { opaqueObjectSchema, STORAGE_GROUP, stringMapSchema, typeMetaProperties } from './core-schema-parts.js';

export const VOLUME_ATTACHMENT_KIND: KindRef = { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment' };

export interface VolumeAttachmentSpec {
  attacher: string;
  nodeName: string;
  source: { persistentVolumeName?: string; inlineVolumeSpec?: Record<string, unknown> };
}

export interface VolumeError {
  time?: string;
  message?: string;
  errorCode?: number;
}

export interface VolumeAttachmentStatus {
  attached: boolean;
  attachmentMetadata?: Record<string, string>;
  attachError?: VolumeError;
  detachError?: VolumeError;
}

export type VolumeAttachment = KubeObject<VolumeAttachmentSpec, VolumeAttachmentStatus> & { spec: VolumeAttachmentSpec };

type Obj = Record<string, unknown>;
const specOf = (o: KubeObject | undefined): Obj => (o && isJsonObject(o.spec) ? (o.spec as Obj) : {});

function prepare(obj: KubeObject, old: KubeObject | undefined, operation: AdmissionOperation): void {
  // The stored status of a new attachment is the zero value, which Go serializes as attached: false.
  if (operation === 'create') obj.status = { attached: false };
  else if (operation === 'update' && old) {
    if (old.status === undefined) delete obj.status;
    else obj.status = cloneJson(old.status);
  } else if (operation === 'status' && old) obj.spec = cloneJson(old.spec);
}

function validate(obj: KubeObject, old: KubeObject | undefined, operation: AdmissionOperation): FieldError[] {
  if (operation === 'status') return [];
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  if (!spec.attacher) errs.push(required('spec.attacher'));
  if (!spec.nodeName) errs.push(required('spec.nodeName'));
  const source = isJsonObject(spec.source) ? spec.source : {};
  const count = (source.persistentVolumeName ? 1 : 0) + (source.inlineVolumeSpec !== undefined ? 1 : 0);
  if (count !== 1) errs.push(required('spec.source', 'must specify exactly one of inlineVolumeSpec and persistentVolumeName'));
  if (old && !jsonEqual(spec, specOf(old))) errs.push(invalid('spec', spec, 'field is immutable'));
  return errs;
}

const volumeErrorSchema: Schema = {
  type: 'object',
  properties: { errorCode: { type: 'integer' }, message: { type: 'string' }, time: { type: 'string', format: 'date-time' } },
};

export const VolumeAttachmentSchema: KindSchema = {
  group: STORAGE_GROUP,
  version: 'v1',
  kind: 'VolumeAttachment',
  plural: 'volumeattachments',
  singular: 'volumeattachment',
  scope: 'Cluster',
  servedOn: ['hub', 'dr'],
  builtIn: true,
  statusSubresource: true,
  strategy: { prepare, validate },
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        properties: {
          attacher: { type: 'string' },
          nodeName: { type: 'string' },
          source: { type: 'object', properties: { inlineVolumeSpec: opaqueObjectSchema, persistentVolumeName: { type: 'string' } } },
        },
      },
      status: {
        type: 'object',
        properties: {
          attachError: volumeErrorSchema,
          attached: { type: 'boolean' },
          attachmentMetadata: stringMapSchema,
          detachError: volumeErrorSchema,
        },
      },
    },
  },
};
