// Job (batch/v1): Ramen's VolSync path creates PVC mount jobs and waits for VolSync's mover jobs to
// be gone before a final sync. drsim runs no job controller beyond what the VolSync model does, so
// the schema holds the shape only; the pod template is kept as is.

import type { KindRef } from '../meta.js';
import type { KindSchema } from '../schema/types.js';

export const JOB_KIND: KindRef = { apiVersion: 'batch/v1', kind: 'Job' };

export const JobSchema: KindSchema = {
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  plural: 'jobs',
  singular: 'job',
  scope: 'Namespaced',
  servedOn: ['hub', 'dr'],
  builtIn: true,
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        properties: {
          parallelism: { type: 'integer', minimum: 0 },
          completions: { type: 'integer', minimum: 0 },
          backoffLimit: { type: 'integer', minimum: 0 },
          activeDeadlineSeconds: { type: 'integer', minimum: 1 },
          ttlSecondsAfterFinished: { type: 'integer', minimum: 0 },
          selector: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          template: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
};
