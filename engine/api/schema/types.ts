// One schema per kind, from which both the simulator's admission and the CRD manifests for a real API
// server are generated, so the two can never disagree. The shape is the structural OpenAPI v3 subset
// Kubernetes accepts in a CRD; CEL rules carry their CEL text (for the CRD) and an equivalent
// TypeScript check (for the simulator), kept side by side and tested against each other where a real
// server exists.

export interface CelRule {
  /** The CEL expression as it appears in `x-kubernetes-validations`. */
  rule: string;
  message: string;
  /** The TypeScript equivalent. `oldSelf` is present only for transition rules (updates). */
  check: (self: unknown, oldSelf: unknown, hasOld: boolean) => boolean;
  /** A transition rule only runs on update, as in Kubernetes when the rule mentions oldSelf. */
  transition?: boolean;
  reason?: 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';
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
}

export function apiVersionOf(k: Pick<KindSchema, 'group' | 'version'>): string {
  return k.group === '' ? k.version : `${k.group}/${k.version}`;
}
