// CSI VolumeSnapshot and VolumeSnapshotClass (snapshot.storage.k8s.io/v1). Ramen selects a class by
// driver and storage id label (dr-cluster spec §4.5) and creates dry-run snapshots (§5.9); VolSync
// reports its latest image as a VolumeSnapshot.

import type { KindRef, KubeObject } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { exactlyOneImmutableSource, stringMapSchema, typeMetaProperties } from './schema-parts.js';

export const SNAPSHOT_GROUP = 'snapshot.storage.k8s.io';
export const SNAPSHOT_API_VERSION = `${SNAPSHOT_GROUP}/v1`;

export const VolumeSnapshotKind: KindRef = { apiVersion: SNAPSHOT_API_VERSION, kind: 'VolumeSnapshot' };
export const VolumeSnapshotClassKind: KindRef = { apiVersion: SNAPSHOT_API_VERSION, kind: 'VolumeSnapshotClass' };

/** Marks the class preferred for its driver (value `"true"`). */
export const VSC_DEFAULT_CLASS_ANNOTATION = 'snapshot.storage.kubernetes.io/is-default-class';

export interface VolumeSnapshotSpec {
  /** Exactly one of the two; both immutable. */
  source: { persistentVolumeClaimName?: string; volumeSnapshotContentName?: string };
  volumeSnapshotClassName?: string;
}

export interface VolumeSnapshotStatus {
  boundVolumeSnapshotContentName?: string;
  creationTime?: string;
  readyToUse?: boolean;
  /** A quantity such as `1Gi`. */
  restoreSize?: string;
  error?: { message?: string; time?: string };
  volumeGroupSnapshotName?: string;
}

export interface VolumeSnapshot extends KubeObject<VolumeSnapshotSpec, VolumeSnapshotStatus> {
  spec: VolumeSnapshotSpec;
}

/** VolumeSnapshotClass keeps its fields at the top level, not under `spec`. */
export interface VolumeSnapshotClass extends KubeObject<never, never> {
  driver: string;
  deletionPolicy: 'Delete' | 'Retain';
  parameters?: Record<string, string>;
}

const QUANTITY_PATTERN = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

export const VolumeSnapshotSchema: KindSchema = {
  group: SNAPSHOT_GROUP,
  version: 'v1',
  kind: 'VolumeSnapshot',
  plural: 'volumesnapshots',
  singular: 'volumesnapshot',
  shortNames: ['vs'],
  scope: 'Namespaced',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    required: ['spec'],
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        required: ['source'],
        properties: {
          source: exactlyOneImmutableSource('persistentVolumeClaimName', 'volumeSnapshotContentName'),
          volumeSnapshotClassName: {
            type: 'string',
            'x-kubernetes-validations': [
              { rule: 'size(self) > 0', message: 'volumeSnapshotClassName must not be the empty string when set', check: (self) => typeof self === 'string' && self.length > 0 },
            ],
          },
        },
      },
      status: {
        type: 'object',
        properties: {
          boundVolumeSnapshotContentName: { type: 'string' },
          creationTime: { type: 'string', format: 'date-time' },
          error: { type: 'object', properties: { message: { type: 'string' }, time: { type: 'string', format: 'date-time' } } },
          readyToUse: { type: 'boolean' },
          restoreSize: { type: 'string', pattern: QUANTITY_PATTERN, 'x-kubernetes-int-or-string': true },
          volumeGroupSnapshotName: { type: 'string' },
        },
      },
    },
  },
};

export const VolumeSnapshotClassSchema: KindSchema = {
  group: SNAPSHOT_GROUP,
  version: 'v1',
  kind: 'VolumeSnapshotClass',
  plural: 'volumesnapshotclasses',
  singular: 'volumesnapshotclass',
  shortNames: ['vsclass', 'vsclasses'],
  scope: 'Cluster',
  servedOn: ['dr'],
  statusSubresource: false,
  schema: {
    type: 'object',
    required: ['deletionPolicy', 'driver'],
    properties: {
      ...typeMetaProperties,
      deletionPolicy: { type: 'string', enum: ['Delete', 'Retain'] },
      driver: { type: 'string' },
      parameters: stringMapSchema,
    },
  },
};
