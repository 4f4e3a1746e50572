// Objects embedded in a custom resource (x-kubernetes-embedded-resource, as ManifestWork manifests
// are): kube requires them to carry apiVersion and kind and checks their metadata's labels and
// annotations, while their names are free-form path segments.

import { invalid, required, type FieldError } from './field-errors.js';
import { childPath, indexPath, keyPath } from './field-path.js';
import { hasKey, isJsonObject } from './json-value.js';
import { isDns1035Label } from './names.js';
import { annotationErrors, labelErrors } from './object-meta.js';
import { mapValueSchema } from './prune.js';
import { factsOf } from './schema-facts.js';
import type { Schema } from './types.js';

export function validateEmbeddedResources(schema: Schema, value: unknown, path: string, errors: FieldError[]): void {
  if (!factsOf(schema).embedded) return;
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => validateEmbeddedResources(schema.items!, item, indexPath(path, i), errors));
    return;
  }
  if (!isJsonObject(value)) return;
  if (schema['x-kubernetes-embedded-resource'] === true) errors.push(...embeddedErrors(value, path));
  const mapValue = mapValueSchema(schema);
  for (const k of Object.keys(value)) {
    const prop = schema.properties?.[k];
    if (prop) validateEmbeddedResources(prop, value[k], childPath(path, k), errors);
    else if (mapValue) validateEmbeddedResources(mapValue, value[k], keyPath(path, k), errors);
  }
}

function embeddedErrors(obj: Record<string, unknown>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!hasKey(obj, 'apiVersion')) errs.push(required(childPath(path, 'apiVersion')));
  if (!hasKey(obj, 'kind')) errs.push(required(childPath(path, 'kind')));
  const { apiVersion, kind, metadata } = obj;
  if (apiVersion !== undefined) {
    if (typeof apiVersion !== 'string') errs.push(invalid(childPath(path, 'apiVersion'), apiVersion, 'must be a string'));
    else if (apiVersion === '') errs.push(invalid(childPath(path, 'apiVersion'), apiVersion, 'must not be empty'));
    else if (apiVersion.split('/').length > 2) {
      errs.push(invalid(childPath(path, 'apiVersion'), apiVersion, `unexpected GroupVersion string: ${apiVersion}`));
    }
  }
  if (kind !== undefined) {
    if (typeof kind !== 'string') errs.push(invalid(childPath(path, 'kind'), kind, 'must be a string'));
    else if (kind === '') errs.push(invalid(childPath(path, 'kind'), kind, 'must not be empty'));
    else {
      const msgs = isDns1035Label(kind.toLowerCase());
      if (msgs.length > 0) errs.push(invalid(childPath(path, 'kind'), kind, `may have mixed case, but should otherwise match: ${msgs.join(',')}`));
    }
  }
  if (isJsonObject(metadata)) {
    const base = childPath(path, 'metadata');
    errs.push(...labelErrors(metadata.labels as Record<string, string> | undefined, base));
    errs.push(...annotationErrors(metadata.annotations as Record<string, string> | undefined, base));
  }
  return errs;
}
