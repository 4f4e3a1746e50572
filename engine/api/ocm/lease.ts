// coordination.k8s.io/v1 Lease, as OCM uses it: the managed cluster's registration agent renews
// `managed-cluster-lease` in its namespace on the hub, and the hub's lease controller reads the
// renew time. A built-in kind; it lives here because OCM is its only user in drsim.

import type { KindRef, KubeObject } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { typeMetaProperties } from '../storage/schema-parts.js';
import { COORDINATION_API_VERSION, COORDINATION_GROUP } from './groups.js';

export const LeaseKind: KindRef = { apiVersion: COORDINATION_API_VERSION, kind: 'Lease' };

/** The lease each managed cluster renews in its hub namespace. */
export const MANAGED_CLUSTER_LEASE_NAME = 'managed-cluster-lease';
/** Labels the lease with the cluster it belongs to. */
export const CLUSTER_NAME_LEASE_LABEL = 'open-cluster-management.io/cluster-name';

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  /** RFC 3339 with microseconds in Kubernetes; drsim writes second precision. */
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export interface Lease extends KubeObject<LeaseSpec, never> {
  spec: LeaseSpec;
}

export const LeaseSchema: KindSchema = {
  group: COORDINATION_GROUP,
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  singular: 'lease',
  scope: 'Namespaced',
  servedOn: ['hub', 'dr'],
  builtIn: true,
  statusSubresource: false,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        properties: {
          acquireTime: { type: 'string', format: 'date-time' },
          holderIdentity: { type: 'string' },
          leaseDurationSeconds: { type: 'integer', format: 'int32' },
          leaseTransitions: { type: 'integer', format: 'int32' },
          renewTime: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};
