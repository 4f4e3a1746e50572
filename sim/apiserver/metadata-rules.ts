// The object-metadata rules every kind shares: name format, server-owned fields, generation, and
// what an update may change while an object is being deleted.

import type { KubeObject, ObjectMeta } from '../../engine/api/meta.js';
import type { KindSchema } from '../../engine/api/schema/types.js';
import type { FieldCause } from '../../engine/runtime/errors.js';
import { invalid } from './api-errors.js';
import { deepEqual } from './json.js';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Names are DNS-1123 subdomains; Namespace names the stricter DNS-1123 label, as kube requires. */
export function validateName(schema: KindSchema, name: string, asLabel: boolean): void {
  const causes: FieldCause[] = [];
  if (asLabel) {
    if (name.length > 63 || !DNS1123_LABEL.test(name)) {
      causes.push({
        field: 'metadata.name',
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`,
      });
    }
  } else if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    causes.push({
      field: 'metadata.name',
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    });
  }
  if (causes.length > 0) throw invalid(schema, name, causes);
}

export function requireName(schema: KindSchema, meta: ObjectMeta): void {
  if (!meta.name) {
    throw invalid(schema, '', [{ field: 'metadata.name', reason: 'FieldValueRequired', message: 'Required value: name or generateName is required' }]);
  }
}

/** Kube refuses new finalizers on an object that is already being deleted. */
export function checkFinalizersWhileDeleting(schema: KindSchema, old: KubeObject, next: KubeObject): void {
  if (!old.metadata.deletionTimestamp) return;
  const before = new Set(old.metadata.finalizers ?? []);
  const added = (next.metadata.finalizers ?? []).filter((f) => !before.has(f));
  if (added.length === 0) return;
  throw invalid(schema, old.metadata.name, [
    {
      field: 'metadata.finalizers',
      reason: 'FieldValueForbidden',
      message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`,
    },
  ]);
}

/**
 * Whether `next` changes the object's desired state, which is what bumps `metadata.generation`.
 * Metadata never counts. Status counts only when it is not a subresource, as for a CRD without the
 * status subresource, where every non-metadata change bumps the generation.
 */
export function desiredStateChanged(schema: KindSchema, old: KubeObject, next: KubeObject): boolean {
  const strip = (obj: KubeObject): Record<string, unknown> => {
    const { metadata: _metadata, status, ...rest } = obj;
    return schema.statusSubresource ? rest : { ...rest, status };
  };
  return !deepEqual(strip(old), strip(next));
}

/** The metadata fields the server owns: a client's values for them are ignored on update. */
export function carryServerOwnedMeta(old: ObjectMeta, next: ObjectMeta): void {
  next.name = old.name;
  if (old.namespace === undefined) delete next.namespace;
  else next.namespace = old.namespace;
  setOrDelete(next, 'uid', old.uid);
  setOrDelete(next, 'creationTimestamp', old.creationTimestamp);
  setOrDelete(next, 'deletionTimestamp', old.deletionTimestamp);
  setOrDelete(next, 'generation', old.generation);
  setOrDelete(next, 'resourceVersion', old.resourceVersion);
}

function setOrDelete<K extends keyof ObjectMeta>(meta: ObjectMeta, key: K, value: ObjectMeta[K] | undefined): void {
  if (value === undefined) delete meta[key];
  else meta[key] = value;
}

/** Empty label, annotation, finalizer and ownerReference collections read as absent, as after a JSON round trip with omitempty. */
export function dropEmptyCollections(meta: ObjectMeta): void {
  if (meta.labels && Object.keys(meta.labels).length === 0) delete meta.labels;
  if (meta.annotations && Object.keys(meta.annotations).length === 0) delete meta.annotations;
  if (meta.finalizers && meta.finalizers.length === 0) delete meta.finalizers;
  if (meta.ownerReferences && meta.ownerReferences.length === 0) delete meta.ownerReferences;
}
