// Pod (core/v1), modelled only as far as drsim needs: which claims a workload mounts (Ramen waits
// for PVCs to be unused before demoting them), on which node, and its phase. Kube's rules kept:
// status reset to Pending on create, and a spec that updates may change only in container images,
// activeDeadlineSeconds and added tolerations.

import type { KindRef, KubeObject } from '../meta.js';
import { duplicate, forbidden, invalid, required, type FieldError } from '../schema/field-errors.js';
import { cloneJson, isJsonObject, jsonEqual } from '../schema/json-value.js';
import { isDns1123Label } from '../schema/names.js';
import type { AdmissionOperation, KindSchema, Schema } from '../schema/types.js';
import { CORE_VERSION, localObjectReferenceSchema, opaqueObjectSchema, stringListSchema, stringMapSchema, typeMetaProperties } from './core-schema-parts.js';

export const POD_KIND: KindRef = { apiVersion: 'v1', kind: 'Pod' };

export interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  volumeMounts?: VolumeMount[];
  resources?: Record<string, unknown>;
}

export interface PodVolume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  configMap?: { name?: string };
  secret?: { secretName?: string };
  emptyDir?: Record<string, unknown>;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: PodVolume[];
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  serviceAccountName?: string;
  activeDeadlineSeconds?: number;
  terminationGracePeriodSeconds?: number;
  tolerations?: Record<string, unknown>[];
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodStatus {
  phase?: PodPhase;
  conditions?: Record<string, unknown>[];
  hostIP?: string;
  podIP?: string;
  startTime?: string;
  qosClass?: 'Guaranteed' | 'Burstable' | 'BestEffort';
  containerStatuses?: Record<string, unknown>[];
}

export type Pod = KubeObject<PodSpec, PodStatus> & { spec: PodSpec };

/** The volume sources drsim models; each pod volume names exactly one. */
export const POD_VOLUME_SOURCES = ['persistentVolumeClaim', 'configMap', 'secret', 'emptyDir'] as const;

const UPDATE_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

type Obj = Record<string, unknown>;
const specOf = (o: KubeObject | undefined): Obj => (o && isJsonObject(o.spec) ? (o.spec as Obj) : {});
const listOf = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);

// Without requests or limits a pod is BestEffort; drsim does not model the Guaranteed case.
function qosClass(spec: Obj): 'Burstable' | 'BestEffort' {
  const anyResources = [...listOf(spec.containers), ...listOf(spec.initContainers)].some(
    (c) => isJsonObject(c.resources) && Object.keys(c.resources).length > 0,
  );
  return anyResources ? 'Burstable' : 'BestEffort';
}

function prepare(obj: KubeObject, old: KubeObject | undefined, operation: AdmissionOperation): void {
  if (operation === 'create') obj.status = { phase: 'Pending', qosClass: qosClass(specOf(obj)) };
  else if (operation === 'update' && old) {
    if (old.status === undefined) delete obj.status;
    else obj.status = cloneJson(old.status);
  } else if (operation === 'status' && old) obj.spec = cloneJson(old.spec);
}

function containerErrors(field: string, containers: Obj[], volumes: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const at = `${field}[${i}]`;
    if (!c.name) errs.push(required(`${at}.name`));
    else {
      for (const msg of isDns1123Label(String(c.name))) errs.push(invalid(`${at}.name`, c.name, msg));
      if (names.has(String(c.name))) errs.push(duplicate(`${at}.name`, c.name));
      names.add(String(c.name));
    }
    if (!c.image) errs.push(required(`${at}.image`));
    listOf(c.volumeMounts).forEach((m, j) => {
      if (!m.name) errs.push(required(`${at}.volumeMounts[${j}].name`));
      else if (!volumes.has(String(m.name))) errs.push({ type: 'FieldValueNotFound', field: `${at}.volumeMounts[${j}].name`, value: m.name });
      if (!m.mountPath) errs.push(required(`${at}.volumeMounts[${j}].mountPath`));
    });
  });
  return errs;
}

function validateSpec(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const volumes = new Set<string>();
  listOf(spec.volumes).forEach((v, i) => {
    const at = `spec.volumes[${i}]`;
    if (!v.name) errs.push(required(`${at}.name`));
    else {
      for (const msg of isDns1123Label(String(v.name))) errs.push(invalid(`${at}.name`, v.name, msg));
      if (volumes.has(String(v.name))) errs.push(duplicate(`${at}.name`, v.name));
      volumes.add(String(v.name));
    }
    const sources = POD_VOLUME_SOURCES.filter((s) => v[s] !== undefined);
    if (sources.length === 0) errs.push(required(at, 'must specify a volume type'));
    for (const extra of sources.slice(1)) errs.push(forbidden(`${at}.${extra}`, 'may not specify more than 1 volume type'));
    const pvc = v.persistentVolumeClaim;
    if (isJsonObject(pvc) && !pvc.claimName) errs.push(required(`${at}.persistentVolumeClaim.claimName`));
  });
  const containers = listOf(spec.containers);
  if (containers.length === 0) errs.push(required('spec.containers'));
  errs.push(...containerErrors('spec.containers', containers, volumes));
  errs.push(...containerErrors('spec.initContainers', listOf(spec.initContainers), volumes));
  return errs;
}

// What an update may not change: everything but images, the deadline and the tolerations.
function immutablePart(spec: Obj): Obj {
  const copy = cloneJson(spec);
  for (const field of ['containers', 'initContainers']) {
    if (Array.isArray(copy[field])) copy[field] = listOf(copy[field]).map((c) => ({ ...c, image: '' }));
  }
  delete copy.activeDeadlineSeconds;
  delete copy.tolerations;
  delete copy.terminationGracePeriodSeconds;
  return copy;
}

function validate(obj: KubeObject, old: KubeObject | undefined, operation: AdmissionOperation): FieldError[] {
  if (operation === 'status') return [];
  const errs = validateSpec(specOf(obj));
  if (old && !jsonEqual(immutablePart(specOf(obj)), immutablePart(specOf(old)))) errs.push(forbidden('spec', UPDATE_MESSAGE));
  return errs;
}

const containerSchema: Schema = {
  type: 'object',
  properties: {
    args: stringListSchema,
    command: stringListSchema,
    env: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' }, valueFrom: opaqueObjectSchema } } },
    image: { type: 'string' },
    imagePullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] },
    name: { type: 'string' },
    ports: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          containerPort: { type: 'integer' },
          name: { type: 'string' },
          protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'], default: 'TCP' },
        },
      },
    },
    resources: opaqueObjectSchema,
    volumeMounts: {
      type: 'array',
      items: {
        type: 'object',
        properties: { mountPath: { type: 'string' }, name: { type: 'string' }, readOnly: { type: 'boolean' }, subPath: { type: 'string' } },
      },
    },
  },
};

export const PodSchema: KindSchema = {
  group: '',
  version: CORE_VERSION,
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  shortNames: ['po'],
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
          activeDeadlineSeconds: { type: 'integer' },
          affinity: opaqueObjectSchema,
          containers: { type: 'array', items: containerSchema },
          initContainers: { type: 'array', items: containerSchema },
          nodeName: { type: 'string' },
          nodeSelector: stringMapSchema,
          restartPolicy: { type: 'string', enum: ['Always', 'OnFailure', 'Never'], default: 'Always' },
          serviceAccountName: { type: 'string' },
          terminationGracePeriodSeconds: { type: 'integer', default: 30 },
          tolerations: { type: 'array', items: opaqueObjectSchema },
          volumes: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                configMap: localObjectReferenceSchema,
                emptyDir: opaqueObjectSchema,
                name: { type: 'string' },
                persistentVolumeClaim: { type: 'object', properties: { claimName: { type: 'string' }, readOnly: { type: 'boolean' } } },
                secret: { type: 'object', properties: { secretName: { type: 'string' } } },
              },
            },
          },
        },
      },
      status: {
        type: 'object',
        properties: {
          conditions: { type: 'array', items: opaqueObjectSchema },
          containerStatuses: { type: 'array', items: opaqueObjectSchema },
          hostIP: { type: 'string' },
          phase: { type: 'string', enum: ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] },
          podIP: { type: 'string' },
          qosClass: { type: 'string', enum: ['Guaranteed', 'Burstable', 'BestEffort'] },
          startTime: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};
