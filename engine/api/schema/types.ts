// One schema per kind, from which both the simulator's admission and the CRD manifests for a real API
// server are generated, so the two can never disagree. The shape is the structural OpenAPI v3 subset
// Kubernetes accepts in a CRD; CEL rules carry their CEL text (for the CRD) and an equivalent
// TypeScript check (for the simulator), kept side by side and tested against each other where a real
// server exists.

import type { KubeObject } from '../meta.js';
import type { FieldError } from './field-errors.js';
import type { NameValidation } from './names.js';

export interface CelRule {
  /** The CEL expression as it appears in `x-kubernetes-validations`. */
  rule: string;
  message: string;
  /** The TypeScript equivalent. `oldSelf` is present only for transition rules (updates). */
  check: (self: unknown, oldSelf: unknown, hasOld: boolean) => boolean;
  /** A transition rule only runs on update, as in Kubernetes when the rule mentions oldSelf. */
  transition?: boolean;
  reason?: 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';
  /** Where a failure is reported, relative to the rule's node, as kube's `fieldPath` (for example `.replicationState`). */
  fieldPath?: string;
  /** A transition rule that also runs on create (with `hasOld` false), as kube's `optionalOldSelf`. */
  optionalOldSelf?: boolean;
}

/** Which write admission is checking: a create, an update of the main resource, or a status write. */
export type AdmissionOperation = 'create' | 'update' | 'status';

/**
 * The hand-written part of a built-in kind's server behaviour, which kube implements in Go rather
 * than in an OpenAPI schema. Only built-in kinds may have one: a CRD gets no webhook in Ramen, so
 * everything it enforces must be in its schema and CEL rules.
 */
export interface BuiltInStrategy {
  /**
   * Server-side normalization before validation (for example Secret `stringData` folded into
   * `data`). It edits admission's private copy of the object in place and may throw a BadRequest
   * ApiError for a body that would not decode.
   */
  prepare?: (obj: KubeObject, old: KubeObject | undefined, operation: AdmissionOperation) => void;
  /** The kind's validation beyond the schema, as field errors (immutability, cross-field rules). */
  validate?: (obj: KubeObject, old: KubeObject | undefined, operation: AdmissionOperation) => FieldError[];
}

export interface Schema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  /** A map with arbitrary keys: `additionalProperties` with a value schema. */
  additionalProperties?: Schema | boolean;
  enum?: (string | number | boolean)[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  nullable?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-validations'?: CelRule[];
}

export type Scope = 'Namespaced' | 'Cluster';

/** Where a kind is served in a real Ramen deployment. */
export type ClusterRole = 'hub' | 'dr';

export interface KindSchema {
  group: string;
  version: string;
  kind: string;
  /** Lowercase plural, as in the REST path and the CRD name. */
  plural: string;
  singular?: string;
  shortNames?: string[];
  scope: Scope;
  /** The clusters that serve this kind in a real deployment. */
  servedOn: ClusterRole[];
  /** Core and built-in kinds are not installed as CRDs. */
  builtIn?: boolean;
  /** Whether `status` is a subresource (most CRDs; writes to / ignore status and vice versa). */
  statusSubresource: boolean;
  /** The schema of the whole object's `spec` and `status`, plus any other top-level fields. */
  schema: Schema;
  /** The rule `metadata.name` must satisfy; a DNS-1123 subdomain unless stated. */
  nameValidation?: NameValidation;
  /** Built-in kinds only: validation and normalization kube hand-codes for the kind. */
  strategy?: BuiltInStrategy;
}

export function apiVersionOf(k: Pick<KindSchema, 'group' | 'version'>): string {
  return k.group === '' ? k.version : `${k.group}/${k.version}`;
}
