// metav1.LabelSelector as a structural schema: one definition for every kind that embeds a selector
// (DRPolicy, DRPC, VRG, Placement, ...), so the simulator and the generated CRDs agree everywhere.

import type { Schema } from './types.js';

export const labelSelectorSchema: Schema = {
  type: 'object',
  properties: {
    matchExpressions: {
      type: 'array',
      'x-kubernetes-list-type': 'atomic',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: {
          key: { type: 'string' },
          operator: { type: 'string' },
          values: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' },
        },
      },
    },
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
  },
};
