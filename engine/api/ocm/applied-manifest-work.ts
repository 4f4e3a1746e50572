// AppliedManifestWork (work.open-cluster-management.io/v1, cluster-scoped, on each managed cluster):
// the work agent's durable record of what it applied for one hub ManifestWork, so cleanup and
// eviction survive an agent restart. Named `<hubHash>-<manifestWorkName>`.

import type { KindRef, KubeObject } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { typeMetaProperties } from '../storage/schema-parts.js';
import { WORK_API_VERSION, WORK_GROUP } from './groups.js';

export const AppliedManifestWorkKind: KindRef = { apiVersion: WORK_API_VERSION, kind: 'AppliedManifestWork' };

export const APPLIED_MANIFEST_WORK_FINALIZER = 'cluster.open-cluster-management.io/applied-manifest-work-cleanup';

export interface AppliedManifestResourceMeta {
  group?: string;
  version: string;
  resource: string;
  name: string;
  namespace?: string;
  /** The kind, which drsim records so it can address the object through its kind-keyed client. */
  kind?: string;
  uid?: string;
}

export interface AppliedManifestWorkSpec {
  hubHash: string;
  agentID?: string;
  manifestWorkName: string;
}

export interface AppliedManifestWorkStatus {
  appliedResources?: AppliedManifestResourceMeta[];
  /** Set when the hub ManifestWork went missing; the resources are removed after the grace period. */
  evictionStartTime?: string;
}

export interface AppliedManifestWork extends KubeObject<AppliedManifestWorkSpec, AppliedManifestWorkStatus> {
  spec: AppliedManifestWorkSpec;
}

export const AppliedManifestWorkSchema: KindSchema = {
  group: WORK_GROUP,
  version: 'v1',
  kind: 'AppliedManifestWork',
  plural: 'appliedmanifestworks',
  singular: 'appliedmanifestwork',
  scope: 'Cluster',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        required: ['hubHash', 'manifestWorkName'],
        properties: { agentID: { type: 'string' }, hubHash: { type: 'string' }, manifestWorkName: { type: 'string' } },
      },
      status: {
        type: 'object',
        properties: {
          appliedResources: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'resource', 'version'],
              properties: {
                group: { type: 'string' },
                kind: { type: 'string' },
                name: { type: 'string' },
                namespace: { type: 'string' },
                resource: { type: 'string' },
                uid: { type: 'string' },
                version: { type: 'string' },
              },
            },
          },
          evictionStartTime: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};
