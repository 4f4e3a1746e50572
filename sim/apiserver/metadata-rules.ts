// The object-metadata rules the storage layer applies to every kind: a name to store under, the
// server-owned fields, and the generation. Name formats, label syntax and the finalizer rules of a
// terminating object belong to admission (engine/api/schema/object-meta.ts).

import type { KubeObject, ObjectMeta } from '../../engine/api/meta.js';
import type { KindSchema } from '../../engine/api/schema/types.js';
import { invalid } from './api-errors.js';
import { deepEqual } from './json.js';

export function requireName(schema: KindSchema, meta: ObjectMeta): void {
  if (!meta.name) {
    throw invalid(schema, '', [{ field: 'metadata.name', reason: 'FieldValueRequired', message: 'Required value: name or generateName is required' }]);
  }
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
