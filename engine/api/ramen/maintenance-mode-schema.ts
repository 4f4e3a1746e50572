// The MaintenanceMode CRD's schema (hub spec §2.4): cluster-scoped on the DR clusters, written by the
// hub through a ManifestWork and reconciled by the storage vendor, never by Ramen itself.

import type { KindSchema, Schema } from '../schema/types.js';

const conditionSchema: Schema = {
  type: 'object',
  required: ['type', 'status', 'lastTransitionTime', 'reason', 'message'],
  properties: {
    type: { type: 'string', maxLength: 316 },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    observedGeneration: { type: 'integer', minimum: 0 },
    lastTransitionTime: { type: 'string', format: 'date-time' },
    reason: { type: 'string', maxLength: 1024, minLength: 1 },
    message: { type: 'string', maxLength: 32768 },
  },
};

export const maintenanceModeSchema: KindSchema = {
  group: 'ramendr.openshift.io',
  version: 'v1alpha1',
  kind: 'MaintenanceMode',
  plural: 'maintenancemodes',
  singular: 'maintenancemode',
  scope: 'Cluster',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        required: ['storageProvisioner'],
        properties: {
          storageProvisioner: { type: 'string' },
          targetID: { type: 'string' },
          modes: { type: 'array', items: { type: 'string', enum: ['Failover'] } },
        },
      },
      status: {
        type: 'object',
        properties: {
          state: { type: 'string', enum: ['Unknown', 'Error', 'Progressing', 'Completed'] },
          observedGeneration: { type: 'integer' },
          conditions: { type: 'array', items: conditionSchema },
        },
      },
    },
  },
};
