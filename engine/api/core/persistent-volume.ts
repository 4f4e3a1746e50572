// PersistentVolume (core/v1, cluster-scoped): the volume a claim binds to. drsim models CSI volumes
// (what storage vendors provision) plus hostPath, local and NFS for static cases. Server rules are
// kube's: status reset on create, exactly one volume source, the source and volume mode immutable.
// claimRef stays mutable, as in kube: the binder sets it and Ramen rewrites it when restoring PVs.

import type { KindRef, KubeObject } from '../meta.js';
import { forbidden, immutable, notSupported, required, type FieldError } from '../schema/field-errors.js';
import { cloneJson, isJsonObject, jsonEqual, presentKeys } from '../schema/json-value.js';
import type { AdmissionOperation, KindSchema } from '../schema/types.js';
import {
  CORE_VERSION,
  objectReferenceSchema,
  opaqueObjectSchema,
  resourceListSchema,
  secretReferenceSchema,
  stringListSchema,
  stringMapSchema,
  typeMetaProperties,
  VOLUME_MODES,
  type AccessMode,
  type VolumeMode,
} from './core-schema-parts.js';
import { assertQuantities } from './quantity.js';
import { accessModeErrors, storageClassNameErrors, structDiff } from './validation-helpers.js';

export const PV_KIND: KindRef = { apiVersion: 'v1', kind: 'PersistentVolume' };

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface CSIPersistentVolumeSource {
  driver: string;
  volumeHandle: string;
  readOnly?: boolean;
  fsType?: string;
  volumeAttributes?: Record<string, string>;
  controllerPublishSecretRef?: { name?: string; namespace?: string };
  nodeStageSecretRef?: { name?: string; namespace?: string };
  nodePublishSecretRef?: { name?: string; namespace?: string };
  controllerExpandSecretRef?: { name?: string; namespace?: string };
  nodeExpandSecretRef?: { name?: string; namespace?: string };
}

export type PersistentVolumeReclaimPolicy = 'Retain' | 'Delete' | 'Recycle';
export type VolumePhase = 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed';

export interface PersistentVolumeSpec {
  capacity?: Record<string, string>;
  accessModes?: AccessMode[];
  claimRef?: ObjectReference;
  persistentVolumeReclaimPolicy?: PersistentVolumeReclaimPolicy;
  storageClassName?: string;
  volumeMode?: VolumeMode;
  mountOptions?: string[];
  nodeAffinity?: Record<string, unknown>;
  volumeAttributesClassName?: string;
  csi?: CSIPersistentVolumeSource;
  hostPath?: { path: string; type?: string };
  local?: { path: string; fsType?: string };
  nfs?: { server: string; path: string; readOnly?: boolean };
}

export interface PersistentVolumeStatus {
  phase?: VolumePhase;
  message?: string;
  reason?: string;
  lastPhaseTransitionTime?: string;
}

export type PersistentVolume = KubeObject<PersistentVolumeSpec, PersistentVolumeStatus> & { spec: PersistentVolumeSpec };

/** The volume sources drsim models; a PV names exactly one. */
export const PV_SOURCES = ['csi', 'hostPath', 'local', 'nfs'] as const;

type Obj = Record<string, unknown>;
const specOf = (o: KubeObject | undefined): Obj => (o && isJsonObject(o.spec) ? (o.spec as Obj) : {});
const sourcesOf = (spec: Obj): Obj => Object.fromEntries(PV_SOURCES.filter((s) => spec[s] !== undefined).map((s) => [s, spec[s]]));

function prepare(obj: KubeObject, old: KubeObject | undefined, operation: AdmissionOperation): void {
  assertQuantities('PersistentVolume', CORE_VERSION, specOf(obj).capacity as Obj | undefined);
  if (operation === 'create') {
    // A new volume starts Pending whatever status the client sent; the binder moves it on.
    obj.status = { phase: 'Pending' };
  } else if (operation === 'update' && old) {
    if (old.status === undefined) delete obj.status;
    else obj.status = cloneJson(old.status);
  } else if (operation === 'status' && old) {
    obj.spec = cloneJson(old.spec);
  }
}

function validateSpec(spec: Obj): FieldError[] {
  const errs = accessModeErrors('spec.accessModes', spec.accessModes, '');
  const capacity = isJsonObject(spec.capacity) ? spec.capacity : {};
  const keys = presentKeys(capacity);
  if (keys.length === 0) errs.push(required('spec.capacity'));
  if (capacity.storage === undefined || keys.length > 1) errs.push(notSupported('spec.capacity', capacity, ['storage']));
  const sources = PV_SOURCES.filter((s) => spec[s] !== undefined);
  if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
  for (const extra of sources.slice(1)) errs.push(forbidden(`spec.${extra}`, 'may not specify more than 1 volume type'));
  const csi = isJsonObject(spec.csi) ? spec.csi : undefined;
  if (csi) {
    if (!csi.driver) errs.push(required('spec.csi.driver'));
    if (!csi.volumeHandle) errs.push(required('spec.csi.volumeHandle'));
  }
  if (isJsonObject(spec.hostPath) && !spec.hostPath.path) errs.push(required('spec.hostPath.path'));
  if (isJsonObject(spec.local)) {
    if (!spec.local.path) errs.push(required('spec.local.path'));
    if (spec.nodeAffinity === undefined) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  }
  if (isJsonObject(spec.nfs)) {
    if (!spec.nfs.server) errs.push(required('spec.nfs.server'));
    if (!spec.nfs.path) errs.push(required('spec.nfs.path'));
  }
  errs.push(...storageClassNameErrors('spec.storageClassName', spec.storageClassName));
  return errs;
}

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const spec = specOf(obj);
  const oldSpec = specOf(old);
  const errs = validateSpec(spec);
  const before = sourcesOf(oldSpec);
  const after = sourcesOf(spec);
  if (!jsonEqual(before, after)) {
    errs.push(
      forbidden(
        'spec.persistentvolumesource',
        `spec.persistentvolumesource is immutable after creation\n${structDiff('core.PersistentVolumeSource', before, after)}`,
      ),
    );
  }
  if (!jsonEqual(spec.volumeMode, oldSpec.volumeMode)) errs.push(immutable('volumeMode', spec.volumeMode ?? null));
  if (oldSpec.nodeAffinity !== undefined && !jsonEqual(spec.nodeAffinity, oldSpec.nodeAffinity)) {
    errs.push(immutable('spec.nodeAffinity', spec.nodeAffinity ?? null));
  }
  return errs;
}

function validate(obj: KubeObject, old: KubeObject | undefined, operation: AdmissionOperation): FieldError[] {
  if (operation === 'status') return [];
  return old ? validateUpdate(obj, old) : validateSpec(specOf(obj));
}

export const PersistentVolumeSchema: KindSchema = {
  group: '',
  version: CORE_VERSION,
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  shortNames: ['pv'],
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
          accessModes: stringListSchema,
          capacity: resourceListSchema,
          claimRef: objectReferenceSchema,
          csi: {
            type: 'object',
            properties: {
              controllerExpandSecretRef: secretReferenceSchema,
              controllerPublishSecretRef: secretReferenceSchema,
              driver: { type: 'string' },
              fsType: { type: 'string' },
              nodeExpandSecretRef: secretReferenceSchema,
              nodePublishSecretRef: secretReferenceSchema,
              nodeStageSecretRef: secretReferenceSchema,
              readOnly: { type: 'boolean' },
              volumeAttributes: stringMapSchema,
              volumeHandle: { type: 'string' },
            },
          },
          hostPath: { type: 'object', properties: { path: { type: 'string' }, type: { type: 'string', default: '' } } },
          local: { type: 'object', properties: { fsType: { type: 'string' }, path: { type: 'string' } } },
          mountOptions: stringListSchema,
          nfs: {
            type: 'object',
            properties: { path: { type: 'string' }, readOnly: { type: 'boolean' }, server: { type: 'string' } },
          },
          nodeAffinity: opaqueObjectSchema,
          persistentVolumeReclaimPolicy: { type: 'string', enum: ['Delete', 'Recycle', 'Retain'], default: 'Retain' },
          storageClassName: { type: 'string' },
          volumeAttributesClassName: { type: 'string' },
          volumeMode: { type: 'string', enum: [...VOLUME_MODES], default: 'Filesystem' },
        },
      },
      status: {
        type: 'object',
        properties: {
          lastPhaseTransitionTime: { type: 'string', format: 'date-time' },
          message: { type: 'string' },
          phase: { type: 'string', enum: ['Pending', 'Available', 'Bound', 'Released', 'Failed'] },
          reason: { type: 'string' },
        },
      },
    },
  },
};
