// Namespace (core/v1, cluster-scoped). Kube gives every namespace the `kubernetes` finalizer (which
// its namespace controller removes after emptying it), the `kubernetes.io/metadata.name` label, and
// status phase Active; spec and status only change through their own subresources.

import type { KindRef, KubeObject } from '../meta.js';
import { invalid, type FieldError } from '../schema/field-errors.js';
import { cloneJson, isJsonObject } from '../schema/json-value.js';
import { isQualifiedName } from '../schema/names.js';
import type { AdmissionOperation, KindSchema } from '../schema/types.js';
import { CORE_VERSION, stringListSchema, typeMetaProperties } from './core-schema-parts.js';

export const NAMESPACE_KIND: KindRef = { apiVersion: 'v1', kind: 'Namespace' };

/** The label kube sets on every namespace to its own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
export const NAMESPACE_FINALIZER = 'kubernetes';

export interface NamespaceSpec {
  finalizers?: string[];
}

export interface NamespaceStatus {
  phase?: 'Active' | 'Terminating';
  conditions?: Record<string, unknown>[];
}

export type Namespace = KubeObject<NamespaceSpec, NamespaceStatus>;

function prepare(obj: KubeObject, old: KubeObject | undefined, operation: AdmissionOperation): void {
  if (obj.metadata.name) obj.metadata.labels = { ...obj.metadata.labels, [NAMESPACE_NAME_LABEL]: obj.metadata.name };
  if (operation === 'create') {
    const spec = isJsonObject(obj.spec) ? (obj.spec as NamespaceSpec) : {};
    const finalizers = spec.finalizers ?? [];
    obj.spec = { ...spec, finalizers: finalizers.includes(NAMESPACE_FINALIZER) ? finalizers : [...finalizers, NAMESPACE_FINALIZER] };
    obj.status = { phase: 'Active' };
  } else if (old) {
    // spec.finalizers changes only through namespaces/finalize, status only through namespaces/status.
    if (old.spec === undefined) delete obj.spec;
    else obj.spec = cloneJson(old.spec);
    if (operation === 'update') {
      if (old.status === undefined) delete obj.status;
      else obj.status = cloneJson(old.status);
    }
  }
}

function validate(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const finalizers = isJsonObject(obj.spec) ? ((obj.spec as NamespaceSpec).finalizers ?? []) : [];
  finalizers.forEach((f, i) => {
    for (const msg of isQualifiedName(f)) errs.push(invalid(`spec.finalizers[${i}]`, f, msg));
  });
  return errs;
}

export const NamespaceSchema: KindSchema = {
  group: '',
  version: CORE_VERSION,
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  scope: 'Cluster',
  servedOn: ['hub', 'dr'],
  builtIn: true,
  statusSubresource: true,
  nameValidation: 'dns1123Label',
  strategy: { prepare, validate },
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: { type: 'object', properties: { finalizers: stringListSchema } },
      status: {
        type: 'object',
        properties: {
          conditions: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          phase: { type: 'string', enum: ['Active', 'Terminating'] },
        },
      },
    },
  },
};
