// PersistentVolumeClaim (core/v1): the claim Ramen protects. Modelled fields are the ones Ramen and
// the storage model read or write; the server rules are kube's: status reset on create, spec
// immutable after creation except a bound claim's storage request (growth only) and the volume name
// the binder sets once.

import type { KindRef, KubeObject, LabelSelector } from '../meta.js';
import { forbidden, invalid, required, type FieldError } from '../schema/field-errors.js';
import { cloneJson, isJsonObject, jsonEqual } from '../schema/json-value.js';
import type { AdmissionOperation, KindSchema } from '../schema/types.js';
import {
  CORE_VERSION,
  labelSelectorSchema,
  resourceListSchema,
  stringListSchema,
  typedLocalObjectReferenceSchema,
  typedObjectReferenceSchema,
  typeMetaProperties,
  VOLUME_MODES,
  type AccessMode,
  type VolumeMode,
} from './core-schema-parts.js';
import { assertQuantities, compareQuantities, parseQuantity } from './quantity.js';
import { accessModeErrors, storageClassNameErrors, structDiff } from './validation-helpers.js';

export const PVC_KIND: KindRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' };

export interface TypedLocalObjectReference {
  apiGroup?: string;
  kind: string;
  name: string;
}

export interface TypedObjectReference extends TypedLocalObjectReference {
  namespace?: string;
}

export interface PersistentVolumeClaimSpec {
  accessModes?: AccessMode[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  storageClassName?: string;
  volumeName?: string;
  volumeMode?: VolumeMode;
  selector?: LabelSelector;
  dataSource?: TypedLocalObjectReference;
  dataSourceRef?: TypedObjectReference;
  volumeAttributesClassName?: string;
}

export type ClaimPhase = 'Pending' | 'Bound' | 'Lost';

export interface PersistentVolumeClaimCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface PersistentVolumeClaimStatus {
  phase?: ClaimPhase;
  accessModes?: AccessMode[];
  capacity?: Record<string, string>;
  conditions?: PersistentVolumeClaimCondition[];
  allocatedResources?: Record<string, string>;
}

export type PersistentVolumeClaim = KubeObject<PersistentVolumeClaimSpec, PersistentVolumeClaimStatus> & { spec: PersistentVolumeClaimSpec };

const IMMUTABLE_SPEC_MESSAGE = 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

type Obj = Record<string, unknown>;
const specOf = (o: KubeObject | undefined): Obj => (o && isJsonObject(o.spec) ? (o.spec as Obj) : {});
const statusOf = (o: KubeObject | undefined): Obj => (o && isJsonObject(o.status) ? (o.status as Obj) : {});
const requestsOf = (spec: Obj): Obj => {
  const resources = isJsonObject(spec.resources) ? spec.resources : {};
  return isJsonObject(resources.requests) ? resources.requests : {};
};

// kube keeps dataSource and dataSourceRef in step when a client sets only one of them.
function normalizeDataSources(spec: Obj): void {
  if (isJsonObject(spec.dataSource) && spec.dataSourceRef === undefined) {
    spec.dataSourceRef = cloneJson(spec.dataSource);
  } else if (isJsonObject(spec.dataSourceRef) && spec.dataSource === undefined && !spec.dataSourceRef.namespace) {
    const { namespace: _namespace, ...local } = spec.dataSourceRef;
    spec.dataSource = cloneJson(local);
  }
}

function prepare(obj: KubeObject, old: KubeObject | undefined, operation: AdmissionOperation): void {
  const spec = specOf(obj);
  const resources = isJsonObject(spec.resources) ? spec.resources : {};
  assertQuantities('PersistentVolumeClaim', CORE_VERSION, resources.requests as Obj | undefined);
  assertQuantities('PersistentVolumeClaim', CORE_VERSION, resources.limits as Obj | undefined);
  assertQuantities('PersistentVolumeClaim', CORE_VERSION, statusOf(obj).capacity as Obj | undefined);
  if (operation === 'create') {
    normalizeDataSources(spec);
    // A new claim starts Pending whatever status the client sent.
    obj.status = { phase: 'Pending' };
  } else if (operation === 'update' && old) {
    if (old.status === undefined) delete obj.status;
    else obj.status = cloneJson(old.status);
  } else if (operation === 'status' && old) {
    obj.spec = cloneJson(old.spec);
  }
}

function dataSourceErrors(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const ds = spec.dataSource;
  const ref = spec.dataSourceRef;
  if (isJsonObject(ds)) {
    if (!ds.apiGroup && ds.kind !== 'PersistentVolumeClaim' && typeof ds.kind === 'string' && ds.kind !== '') {
      errs.push({ type: 'FieldValueNotSupported', field: 'spec.dataSource.kind', value: ds.kind, detail: 'supported values: "PersistentVolumeClaim"' });
    }
  }
  if (isJsonObject(ds) && isJsonObject(ref) && !ref.namespace) {
    const sameAs = ds.kind === ref.kind && ds.name === ref.name && (ds.apiGroup ?? '') === (ref.apiGroup ?? '');
    if (!sameAs) errs.push(invalid('spec', 'dataSource', 'must match dataSourceRef'));
  }
  return errs;
}

function validateCreate(spec: Obj): FieldError[] {
  const errs = accessModeErrors('spec.accessModes', spec.accessModes, 'at least 1 access mode is required');
  const storage = requestsOf(spec).storage;
  if (storage === undefined) errs.push(required('spec.resources[storage]'));
  else if ((parseQuantity(storage as string) ?? 0n) <= 0n) errs.push(invalid('spec.resources.requests[storage]', String(storage), 'must be greater than zero'));
  errs.push(...storageClassNameErrors('spec.storageClassName', spec.storageClassName));
  errs.push(...dataSourceErrors(spec));
  return errs;
}

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const spec = specOf(obj);
  const oldSpec = specOf(old);
  const errs = validateCreate(spec);
  const bound = statusOf(old).phase === 'Bound';
  // Compare what may not change: the binder may set volumeName once; a bound claim may change its storage request.
  const next = cloneJson(spec);
  const prev = cloneJson(oldSpec);
  if (!prev.volumeName) {
    if (next.volumeName === undefined) delete prev.volumeName;
    else prev.volumeName = next.volumeName;
  }
  if (bound) {
    const nextReq = requestsOf(next);
    const prevReq = requestsOf(prev);
    if (prevReq.storage === undefined) delete nextReq.storage;
    else nextReq.storage = prevReq.storage;
    if (prev.volumeAttributesClassName === undefined) delete next.volumeAttributesClassName;
    else next.volumeAttributesClassName = prev.volumeAttributesClassName;
  }
  if (!jsonEqual(next, prev)) errs.push(forbidden('spec', `${IMMUTABLE_SPEC_MESSAGE}\n${structDiff('core.PersistentVolumeClaimSpec', prev, next)}`));
  const newSize = requestsOf(spec).storage as string | undefined;
  const oldSize = requestsOf(oldSpec).storage as string | undefined;
  const capacity = isJsonObject(statusOf(old).capacity) ? (statusOf(old).capacity as Obj).storage : undefined;
  // Shrinking is allowed only to recover from a failed expansion, and never to or below the provisioned size.
  if (compareQuantities(newSize, oldSize) < 0 && compareQuantities(newSize, capacity as string | undefined) <= 0) {
    errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  return errs;
}

function validate(obj: KubeObject, old: KubeObject | undefined, operation: AdmissionOperation): FieldError[] {
  if (operation === 'status') return [];
  return old ? validateUpdate(obj, old) : validateCreate(specOf(obj));
}

export const PersistentVolumeClaimSchema: KindSchema = {
  group: '',
  version: CORE_VERSION,
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  shortNames: ['pvc'],
  scope: 'Namespaced',
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
          accessModes: { type: 'array', items: { type: 'string' } },
          dataSource: typedLocalObjectReferenceSchema,
          dataSourceRef: typedObjectReferenceSchema,
          resources: { type: 'object', properties: { limits: resourceListSchema, requests: resourceListSchema } },
          selector: labelSelectorSchema,
          storageClassName: { type: 'string' },
          volumeAttributesClassName: { type: 'string' },
          volumeMode: { type: 'string', enum: [...VOLUME_MODES], default: 'Filesystem' },
          volumeName: { type: 'string' },
        },
      },
      status: {
        type: 'object',
        properties: {
          accessModes: stringListSchema,
          allocatedResources: resourceListSchema,
          capacity: resourceListSchema,
          conditions: {
            type: 'array',
            items: {
              type: 'object',
              required: ['type', 'status'],
              properties: {
                lastProbeTime: { type: 'string', format: 'date-time' },
                lastTransitionTime: { type: 'string', format: 'date-time' },
                message: { type: 'string' },
                reason: { type: 'string' },
                status: { type: 'string' },
                type: { type: 'string' },
              },
            },
          },
          phase: { type: 'string', enum: ['Pending', 'Bound', 'Lost'] },
        },
      },
    },
  },
};
