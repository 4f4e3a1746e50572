// CSI VolumeSnapshotContent (snapshot.storage.k8s.io/v1), cluster-scoped: the snapshot on the storage
// side that a VolumeSnapshot binds to. No modelled Ramen path reads or writes one, but every cluster
// with the snapshot controller serves the kind, so the real backends install it with the rest of the
// snapshot kinds, and drsim validate knows it.

import type { KindRef } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { objectReferenceSchema } from '../core/core-schema-parts.js';
import { exactlyOneImmutableSource, hasField, immutableRule, typeMetaProperties } from './schema-parts.js';
import { SNAPSHOT_API_VERSION, SNAPSHOT_GROUP } from './volume-snapshot.js';

export const VolumeSnapshotContentKind: KindRef = { apiVersion: SNAPSHOT_API_VERSION, kind: 'VolumeSnapshotContent' };

export const VolumeSnapshotContentSchema: KindSchema = {
  group: SNAPSHOT_GROUP,
  version: 'v1',
  kind: 'VolumeSnapshotContent',
  plural: 'volumesnapshotcontents',
  singular: 'volumesnapshotcontent',
  shortNames: ['vsc', 'vscs'],
  scope: 'Cluster',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    required: ['spec'],
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        required: ['deletionPolicy', 'driver', 'source', 'volumeSnapshotRef'],
        properties: {
          deletionPolicy: { type: 'string', enum: ['Delete', 'Retain'] },
          driver: { type: 'string' },
          source: exactlyOneImmutableSource('snapshotHandle', 'volumeHandle'),
          sourceVolumeMode: { type: 'string', 'x-kubernetes-validations': [immutableRule('sourceVolumeMode is immutable')] },
          volumeSnapshotClassName: { type: 'string' },
          volumeSnapshotRef: {
            ...objectReferenceSchema,
            'x-kubernetes-validations': [
              {
                rule: 'has(self.name) && has(self.__namespace__)',
                message: 'both spec.volumeSnapshotRef.name and spec.volumeSnapshotRef.namespace must be set',
                check: (self) => hasField(self, 'name') && hasField(self, 'namespace'),
              },
            ],
          },
        },
      },
      status: {
        type: 'object',
        properties: {
          creationTime: { type: 'integer', format: 'int64' },
          error: { type: 'object', properties: { message: { type: 'string' }, time: { type: 'string', format: 'date-time' } } },
          readyToUse: { type: 'boolean' },
          restoreSize: { type: 'integer', format: 'int64', minimum: 0 },
          snapshotHandle: { type: 'string' },
          volumeGroupSnapshotHandle: { type: 'string' },
        },
      },
    },
  },
};
