// ObjectMeta as the API server treats it for every kind: the fields it knows (anything else is an
// unknown field), and the checks of apimachinery's ObjectMeta validation on create and on update,
// plus the finalizer-name warnings a server returns for custom resources.

import type { ObjectMeta } from '../meta.js';
import { forbidden, immutable, invalid, required, tooLong, type FieldError } from './field-errors.js';
import { childPath, indexPath } from './field-path.js';
import { compareStrings, jsonEqual } from './json-value.js';
import { isDns1123Label, isLabelValue, isQualifiedName, validateObjectName, type NameValidation } from './names.js';
import type { Schema } from './types.js';

const stringMap: Schema = { type: 'object', additionalProperties: { type: 'string' } };

/** The fields of metav1.ObjectMeta; managedFields is kept whole. */
export const objectMetaSchema: Schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    generateName: { type: 'string' },
    namespace: { type: 'string' },
    selfLink: { type: 'string' },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    generation: { type: 'integer' },
    creationTimestamp: { type: 'string', nullable: true },
    deletionTimestamp: { type: 'string', nullable: true },
    deletionGracePeriodSeconds: { type: 'integer' },
    labels: stringMap,
    annotations: stringMap,
    ownerReferences: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          name: { type: 'string' },
          uid: { type: 'string' },
          controller: { type: 'boolean' },
          blockOwnerDeletion: { type: 'boolean' },
        },
      },
    },
    finalizers: { type: 'array', items: { type: 'string' } },
    managedFields: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
  },
};

const ANNOTATIONS_LIMIT = 256 * 1024;
const STANDARD_FINALIZERS: ReadonlySet<string> = new Set(['orphan', 'foregroundDeletion', 'kubernetes']);

type Meta = ObjectMeta & { generateName?: string };

const sortedEntries = (m: Record<string, string> | undefined): [string, string][] =>
  Object.entries(m ?? {}).sort(([a], [b]) => compareStrings(a, b));

/** Label keys and values; `base` is the metadata's path (`metadata` at the root). */
export function labelErrors(labels: Record<string, string> | undefined, base = 'metadata'): FieldError[] {
  if (labels === undefined || labels === null) return [];
  // The common case, every label valid, needs no sorting (the checks remember valid strings).
  let valid = true;
  for (const k in labels) {
    if (isQualifiedName(k).length > 0 || isLabelValue(String(labels[k])).length > 0) {
      valid = false;
      break;
    }
  }
  if (valid) return [];
  const errs: FieldError[] = [];
  for (const [k, v] of sortedEntries(labels)) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(`${base}.labels`, k, msg));
    for (const msg of isLabelValue(String(v))) errs.push(invalid(`${base}.labels`, v, msg));
  }
  return errs;
}

/** Annotation keys and their total size. */
export function annotationErrors(annotations: Record<string, string> | undefined, base = 'metadata'): FieldError[] {
  if (annotations === undefined || annotations === null) return [];
  // The common case: every key valid and the total surely under the limit (a UTF-16 code unit is at
  // most 3 UTF-8 bytes), which needs neither sorting nor byte counting.
  let valid = true;
  let units = 0;
  for (const k in annotations) {
    units += k.length + String(annotations[k]).length;
    if (isQualifiedName(k.toLowerCase()).length > 0) {
      valid = false;
      break;
    }
  }
  if (valid && units * 3 <= ANNOTATIONS_LIMIT) return [];
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of sortedEntries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(`${base}.annotations`, k, msg));
    size += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  }
  if (size > ANNOTATIONS_LIMIT) errs.push(tooLong(`${base}.annotations`, ANNOTATIONS_LIMIT));
  return errs;
}

function ownerReferenceErrors(refs: Meta['ownerReferences']): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  (refs ?? []).forEach((ref, i) => {
    const at = indexPath('metadata.ownerReferences', i);
    if (!ref.apiVersion) errs.push(required(childPath(at, 'apiVersion'), 'must not be empty'));
    else if (ref.apiVersion.split('/').length > 2 || ref.apiVersion.endsWith('/')) {
      errs.push(invalid(childPath(at, 'apiVersion'), ref.apiVersion, 'must be <group>/<version> or <version>'));
    }
    if (!ref.kind) errs.push(required(childPath(at, 'kind'), 'must not be empty'));
    if (!ref.name) errs.push(required(childPath(at, 'name'), 'must not be empty'));
    if (!ref.uid) errs.push(required(childPath(at, 'uid'), 'must not be empty'));
    if (ref.controller === true) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController !== '') {
        errs.push(
          invalid(
            'metadata.ownerReferences',
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else firstController = current;
    }
  });
  return errs;
}

function finalizerErrors(finalizers: string[] | undefined): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers ?? []) for (const msg of isQualifiedName(f)) errs.push(invalid('metadata.finalizers', f, msg));
  const list = finalizers ?? [];
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid('metadata.finalizers', list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

function commonErrors(meta: Meta): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generation !== undefined && meta.generation < 0) {
    errs.push(invalid('metadata.generation', meta.generation, 'must be greater than or equal to 0'));
  }
  return [...errs, ...labelErrors(meta.labels), ...annotationErrors(meta.annotations), ...ownerReferenceErrors(meta.ownerReferences)];
}

/** ObjectMeta validation on create. A missing name is accepted when generateName will supply one. */
export function validateObjectMetaCreate(meta: Meta, namespaced: boolean, nameRule: NameValidation): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const msg of validateObjectName(nameRule, meta.generateName, true)) errs.push(invalid('metadata.generateName', meta.generateName, msg));
  }
  if (!meta.name) {
    if (!meta.generateName) errs.push(required('metadata.name', 'name or generateName is required'));
  } else {
    for (const msg of validateObjectName(nameRule, meta.name, false)) errs.push(invalid('metadata.name', meta.name, msg));
  }
  if (namespaced) {
    if (!meta.namespace) errs.push(required('metadata.namespace'));
    else for (const msg of isDns1123Label(meta.namespace)) errs.push(invalid('metadata.namespace', meta.namespace, msg));
  } else if (meta.namespace) {
    errs.push(forbidden('metadata.namespace', 'not allowed on this type'));
  }
  const common = commonErrors(meta);
  return [...errs, ...common, ...finalizerErrors(meta.finalizers)];
}

/** ObjectMeta validation on update and status writes. */
export function validateObjectMetaUpdate(meta: Meta, old: Meta): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp) {
    const before = new Set(old.finalizers ?? []);
    const added = [...new Set((meta.finalizers ?? []).filter((f) => !before.has(f)))].sort(compareStrings);
    if (added.length > 0) {
      errs.push(
        forbidden(
          'metadata.finalizers',
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
        ),
      );
    }
  }
  if (meta.generation !== undefined && meta.generation < 0) {
    errs.push(invalid('metadata.generation', meta.generation, 'must be greater than or equal to 0'));
  }
  if (meta.generation !== undefined && old.generation !== undefined && meta.generation < old.generation) {
    errs.push(invalid('metadata.generation', meta.generation, 'must not be decremented'));
  }
  const fixed: (keyof Meta)[] = ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp'];
  for (const f of fixed) {
    // Only a value both sides carry can be compared: the server fills its own fields in after admission.
    if (meta[f] !== undefined && old[f] !== undefined && !jsonEqual(meta[f], old[f])) errs.push(immutable(`metadata.${f}`, meta[f]));
  }
  return [...errs, ...labelErrors(meta.labels), ...annotationErrors(meta.annotations), ...ownerReferenceErrors(meta.ownerReferences)];
}

/** The warnings a server returns for finalizers a write adds whose names are not domain-qualified. */
export function finalizerWarnings(meta: Meta, old: Meta | undefined): string[] {
  const before = new Set(old?.finalizers ?? []);
  const added = [...new Set((meta.finalizers ?? []).filter((f) => !before.has(f)))].sort(compareStrings);
  const warnings: string[] = [];
  for (const f of added) {
    for (const msg of isQualifiedName(f)) warnings.push(`metadata.finalizers: ${JSON.stringify(f)}: ${msg}`);
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      warnings.push(
        f.includes('.')
          ? `metadata.finalizers: ${JSON.stringify(f)}: prefer a domain-qualified finalizer name including a path (/) to avoid accidental conflicts with other finalizer writers`
          : `metadata.finalizers: ${JSON.stringify(f)}: prefer a domain-qualified finalizer name to avoid accidental conflicts with other finalizer writers`,
      );
    }
  }
  return warnings;
}
