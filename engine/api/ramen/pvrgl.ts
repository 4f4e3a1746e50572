// ProtectedVolumeReplicationGroupList (cluster-scoped): a one-shot query of the VRG copies in one S3
// profile (dr-cluster spec §12). Setting `status` to null asks for a fresh sample.

import type { KindRef, KubeObject } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import type { VolumeReplicationGroup } from './vrg.js';
import { RAMEN_API_VERSION, VRG_GROUP, VRG_VERSION } from './vrg.js';

export const PVRGL_KIND: KindRef = { apiVersion: RAMEN_API_VERSION, kind: 'ProtectedVolumeReplicationGroupList' };

export interface PvrglSpec {
  s3ProfileName: string;
}

export interface PvrglStatus {
  sampleTime?: string;
  items?: VolumeReplicationGroup[];
}

export type ProtectedVolumeReplicationGroupList = KubeObject<PvrglSpec, PvrglStatus | null> & { spec: PvrglSpec };

export const pvrglSchema: KindSchema = {
  group: VRG_GROUP,
  version: VRG_VERSION,
  kind: 'ProtectedVolumeReplicationGroupList',
  plural: 'protectedvolumereplicationgrouplists',
  singular: 'protectedvolumereplicationgrouplist',
  scope: 'Cluster',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: { type: 'object', required: ['s3ProfileName'], properties: { s3ProfileName: { type: 'string' } } },
      status: {
        type: 'object',
        nullable: true,
        properties: {
          // The items are whole VRGs whose metadata is trimmed; their schema is the VRG's, kept open here.
          items: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          sampleTime: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};
