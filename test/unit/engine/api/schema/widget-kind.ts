// A made-up custom resource exercising every schema feature admission supports, so the admission
// tests do not depend on any real kind's schema.

import type { KindSchema, Schema } from '../../../../../engine/api/schema/types.js';
import { jsonEqual } from '../../../../../engine/api/schema/json-value.js';

const immutable = (message: string) => ({
  rule: 'self == oldSelf',
  message,
  check: (self: unknown, oldSelf: unknown) => jsonEqual(self, oldSelf),
});

const portSchema: Schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    protocol: { type: 'string', enum: ['TCP', 'UDP'], default: 'TCP' },
  },
};

export const widgetSchema: KindSchema = {
  group: 'example.drsim.io',
  version: 'v1',
  kind: 'Widget',
  plural: 'widgets',
  singular: 'widget',
  shortNames: ['wd'],
  scope: 'Namespaced',
  servedOn: ['hub'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        required: ['size'],
        properties: {
          size: { type: 'integer', minimum: 1, maximum: 10 },
          mode: { type: 'string', enum: ['Fast', 'Slow'], default: 'Slow' },
          name: { type: 'string', pattern: '^[a-z]+$', maxLength: 8 },
          interval: { type: 'string', format: 'duration' },
          port: { 'x-kubernetes-int-or-string': true },
          clusterID: { type: 'string', 'x-kubernetes-validations': [immutable('clusterID is immutable')] },
          settings: {
            type: 'object',
            default: {},
            properties: { retries: { type: 'integer', default: 3 }, verbose: { type: 'boolean' } },
          },
          ports: {
            type: 'array',
            items: portSchema,
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['name'],
          },
          tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set', maxItems: 3 },
          peers: {
            type: 'array',
            items: { type: 'string' },
            minItems: 2,
            'x-kubernetes-validations': [
              { rule: 'size(self) == 2', message: 'peers requires a list of 2 clusters', check: (self) => Array.isArray(self) && self.length === 2 },
            ],
          },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'object', properties: { a: { type: 'string' } } } } },
          nickname: { type: 'string', nullable: true },
          manifests: { type: 'array', items: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } },
        },
        'x-kubernetes-validations': [
          {
            rule: '!has(self.name) || self.name != "nope"',
            message: 'name must not be nope',
            reason: 'FieldValueForbidden',
            fieldPath: '.name',
            check: (self) => (self as { name?: string }).name !== 'nope',
          },
        ],
      },
      status: {
        type: 'object',
        properties: {
          phase: { type: 'string', enum: ['Ready', 'Failed'] },
          observedGeneration: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
};

export const widget = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'example.drsim.io/v1',
  kind: 'Widget',
  metadata: { name: 'w1', namespace: 'ns1' },
  spec,
  ...extra,
});
