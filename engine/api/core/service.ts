// Service (core/v1), minimal: the selector and ports VolSync's mover services expose across
// clusters. Names are DNS-1035 labels, as kube requires of Services. The cluster IP, once assigned,
// never changes.

import type { KindRef, KubeObject } from '../meta.js';
import { duplicate, immutable, invalid, required, type FieldError } from '../schema/field-errors.js';
import { cloneJson, isJsonObject } from '../schema/json-value.js';
import type { AdmissionOperation, KindSchema } from '../schema/types.js';
import { CORE_VERSION, opaqueObjectSchema, stringListSchema, stringMapSchema, typeMetaProperties } from './core-schema-parts.js';

export const SERVICE_KIND: KindRef = { apiVersion: 'v1', kind: 'Service' };

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServicePort {
  name?: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceSpec {
  type?: ServiceType;
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  clusterIPs?: string[];
  externalName?: string;
  sessionAffinity?: 'None' | 'ClientIP';
}

export interface ServiceStatus {
  loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] };
}

export type Service = KubeObject<ServiceSpec, ServiceStatus> & { spec: ServiceSpec };

type Obj = Record<string, unknown>;
const specOf = (o: KubeObject | undefined): Obj => (o && isJsonObject(o.spec) ? (o.spec as Obj) : {});
const listOf = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);

function prepare(obj: KubeObject, old: KubeObject | undefined, operation: AdmissionOperation): void {
  // The stored status of a new service is the zero value, which Go serializes as an empty loadBalancer.
  if (operation === 'create') obj.status = { loadBalancer: {} };
  else if (operation === 'update' && old) {
    if (old.status === undefined) delete obj.status;
    else obj.status = cloneJson(old.status);
  } else if (operation === 'status' && old) obj.spec = cloneJson(old.spec);
}

const inPortRange = (p: unknown): boolean => typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 65535;

function validateSpec(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const type = spec.type ?? 'ClusterIP';
  const ports = listOf(spec.ports);
  if (type === 'ExternalName') {
    if (!spec.externalName) errs.push(required('spec.externalName'));
  } else if (ports.length === 0 && spec.clusterIP !== 'None') {
    errs.push(required('spec.ports'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${at}.name`));
    if (p.name) {
      if (names.has(String(p.name))) errs.push(duplicate(`${at}.name`, p.name));
      names.add(String(p.name));
    }
    if (!inPortRange(p.port)) errs.push(invalid(`${at}.port`, p.port ?? 0, 'must be between 1 and 65535, inclusive'));
    if (typeof p.targetPort === 'number' && !inPortRange(p.targetPort)) {
      errs.push(invalid(`${at}.targetPort`, p.targetPort, 'must be between 1 and 65535, inclusive'));
    }
  });
  return errs;
}

function validate(obj: KubeObject, old: KubeObject | undefined, operation: AdmissionOperation): FieldError[] {
  if (operation === 'status') return [];
  const spec = specOf(obj);
  const errs = validateSpec(spec);
  const oldIP = specOf(old).clusterIP;
  if (old && typeof oldIP === 'string' && oldIP !== '' && spec.type !== 'ExternalName' && spec.clusterIP !== oldIP) {
    errs.push(immutable('spec.clusterIP', spec.clusterIP ?? ''));
  }
  return errs;
}

export const ServiceSchema: KindSchema = {
  group: '',
  version: CORE_VERSION,
  kind: 'Service',
  plural: 'services',
  singular: 'service',
  shortNames: ['svc'],
  scope: 'Namespaced',
  servedOn: ['hub', 'dr'],
  builtIn: true,
  statusSubresource: true,
  nameValidation: 'dns1035Label',
  strategy: { prepare, validate },
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        properties: {
          clusterIP: { type: 'string' },
          clusterIPs: stringListSchema,
          externalName: { type: 'string' },
          ports: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                nodePort: { type: 'integer' },
                port: { type: 'integer' },
                protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'], default: 'TCP' },
                targetPort: { 'x-kubernetes-int-or-string': true },
              },
            },
          },
          selector: stringMapSchema,
          sessionAffinity: { type: 'string', enum: ['None', 'ClientIP'], default: 'None' },
          type: { type: 'string', enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], default: 'ClusterIP' },
        },
      },
      status: { type: 'object', properties: { loadBalancer: opaqueObjectSchema } },
    },
  },
};
