// CustomResourceDefinition manifests generated from the same KindSchemas admission uses, so a real
// API server enforces exactly what the simulator does. The output is a structural schema: every node
// typed, TypeScript rule twins stripped, CEL rules kept as {rule, message, ...}.

import type { KubeObject } from '../meta.js';
import { kindsFor } from './registry.js';
import { compareStrings } from './json-value.js';
import type { CelRule, ClusterRole, KindSchema, Schema } from './types.js';

type JsonSchemaProps = Record<string, unknown>;

const ROOT_META: Record<string, JsonSchemaProps> = {
  apiVersion: { type: 'string' },
  kind: { type: 'string' },
  metadata: { type: 'object' },
};

function inferType(s: Schema, path: string): Schema['type'] | undefined {
  if (s.type) return s.type;
  if (s['x-kubernetes-int-or-string'] || s['x-kubernetes-preserve-unknown-fields']) return undefined;
  if (s.properties || s.additionalProperties !== undefined) return 'object';
  if (s.items) return 'array';
  if (s.enum && s.enum.length > 0) {
    const first = typeof s.enum[0];
    if (first === 'string' || first === 'boolean') return first;
    return s.enum.every((v) => Number.isInteger(v)) ? 'integer' : 'number';
  }
  throw new Error(`schema node ${path || '<root>'} has no type and is not int-or-string or preserve-unknown-fields: a CRD needs a structural schema`);
}

function celRule(r: CelRule): JsonSchemaProps {
  const out: JsonSchemaProps = { rule: r.rule };
  if (r.message) out.message = r.message;
  if (r.reason) out.reason = r.reason;
  if (r.fieldPath) out.fieldPath = r.fieldPath;
  if (r.optionalOldSelf) out.optionalOldSelf = true;
  return out;
}

/** A structural copy of a schema node: plain JSON, no functions, every node typed. */
export function structuralSchema(s: Schema, path = ''): JsonSchemaProps {
  const out: JsonSchemaProps = {};
  if (s.description !== undefined) out.description = s.description;
  const type = s['x-kubernetes-int-or-string'] ? undefined : inferType(s, path);
  if (type) out.type = type;
  if (s.format !== undefined) out.format = s.format;
  if (s.enum !== undefined) out.enum = [...s.enum];
  if (s.default !== undefined) out.default = structuredClone(s.default);
  if (s.nullable !== undefined) out.nullable = s.nullable;
  for (const key of ['pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    if (s[key] !== undefined) out[key] = s[key];
  }
  if (s.required !== undefined && s.required.length > 0) out.required = [...s.required];
  if (s.properties) {
    const props: Record<string, JsonSchemaProps> = {};
    for (const k of Object.keys(s.properties).sort(compareStrings)) props[k] = structuralSchema(s.properties[k]!, path ? `${path}.${k}` : k);
    out.properties = props;
  }
  if (typeof s.additionalProperties === 'object') out.additionalProperties = structuralSchema(s.additionalProperties, `${path}[*]`);
  if (s.items) out.items = structuralSchema(s.items, `${path}[]`);
  // A structural schema may not say `additionalProperties: true`; preserving unknown fields is how.
  if (s['x-kubernetes-preserve-unknown-fields'] || s.additionalProperties === true) out['x-kubernetes-preserve-unknown-fields'] = true;
  if (s['x-kubernetes-int-or-string']) out['x-kubernetes-int-or-string'] = true;
  if (s['x-kubernetes-embedded-resource']) out['x-kubernetes-embedded-resource'] = true;
  if (s['x-kubernetes-list-type']) out['x-kubernetes-list-type'] = s['x-kubernetes-list-type'];
  if (s['x-kubernetes-list-map-keys']) out['x-kubernetes-list-map-keys'] = [...s['x-kubernetes-list-map-keys']];
  const rules = s['x-kubernetes-validations'];
  if (rules && rules.length > 0) out['x-kubernetes-validations'] = rules.map(celRule);
  return out;
}

/** The openAPIV3Schema of a kind: its schema with TypeMeta and a bare metadata object at the root. */
function rootSchema(k: KindSchema): JsonSchemaProps {
  const root = structuralSchema({ ...k.schema, type: 'object' });
  const props = (root.properties ?? {}) as Record<string, JsonSchemaProps>;
  // The root metadata of a CRD may only be `type: object`; the server validates it as ObjectMeta.
  root.properties = { ...ROOT_META, ...Object.fromEntries(Object.entries(props).filter(([name]) => !(name in ROOT_META))) };
  return root;
}

function versionEntry(k: KindSchema, storage: boolean): JsonSchemaProps {
  const v: JsonSchemaProps = { name: k.version, served: true, storage, schema: { openAPIV3Schema: rootSchema(k) } };
  if (k.statusSubresource) v.subresources = { status: {} };
  return v;
}

/** Groups under k8s.io and kubernetes.io are protected: a real server refuses their CRDs without this. */
const APPROVAL = 'api-approved.kubernetes.io';

/** Where each protected group's upstream CRDs point for their API review. */
const APPROVALS: Record<string, string> = {
  'snapshot.storage.k8s.io': 'https://github.com/kubernetes-csi/external-snapshotter/pull/419',
};

function approvalOf(group: string): Record<string, string> | undefined {
  if (!/(^|\.)(k8s\.io|kubernetes\.io)$/.test(group)) return undefined;
  // The server accepts an "unapproved" value too, and reports it in a condition.
  return { [APPROVAL]: APPROVALS[group] ?? 'unapproved, a drsim test schema' };
}

function crdOf(versions: KindSchema[]): KubeObject {
  const k = versions[0]!;
  if (k.builtIn) throw new Error(`${k.kind} is a built-in kind and has no CustomResourceDefinition`);
  if (k.group === '') throw new Error(`${k.kind} is in the core group, which a CRD cannot extend`);
  const approval = approvalOf(k.group);
  const names: JsonSchemaProps = { kind: k.kind, listKind: `${k.kind}List`, plural: k.plural, singular: k.singular ?? k.kind.toLowerCase() };
  if (k.shortNames && k.shortNames.length > 0) names.shortNames = [...k.shortNames];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${k.plural}.${k.group}`, ...(approval ? { annotations: approval } : {}) },
    spec: {
      group: k.group,
      names,
      scope: k.scope,
      // The first version listed is the storage version.
      versions: versions.map((v, i) => versionEntry(v, i === 0)),
    },
  };
}

/** The CRD of one kind. */
export function crdFor(k: KindSchema): KubeObject {
  return crdOf([k]);
}

/** The CRDs a hub or DR cluster needs, one per resource with all its versions, sorted by name. */
export function crdsFor(role: ClusterRole): KubeObject[] {
  const byResource = new Map<string, KindSchema[]>();
  for (const k of kindsFor(role)) {
    if (k.builtIn) continue;
    const name = `${k.plural}.${k.group}`;
    byResource.set(name, [...(byResource.get(name) ?? []), k]);
  }
  return [...byResource.keys()].sort(compareStrings).map((name) => crdOf(byResource.get(name)!));
}
