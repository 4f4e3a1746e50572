// The KindSchemas of the storage kinds defined in this folder by the storage model, in one list for
// engine/api/schema/all-kinds.ts. VolSync, Velero and ServiceExport schemas live in their own files.

import type { KindSchema } from '../schema/types.js';
import { NetworkFenceClassSchema, NetworkFenceSchema } from './network-fence.js';
import { VolumeGroupReplicationClassSchema, VolumeGroupReplicationSchema } from './volume-group-replication.js';
import { VolumeReplicationClassSchema } from './volume-replication-class.js';
import { VolumeReplicationSchema } from './volume-replication.js';
import { VolumeSnapshotContentSchema } from './volume-snapshot-content.js';
import { VolumeSnapshotClassSchema, VolumeSnapshotSchema } from './volume-snapshot.js';

export const STORAGE_KIND_SCHEMAS: readonly KindSchema[] = [
  VolumeReplicationSchema,
  VolumeReplicationClassSchema,
  VolumeGroupReplicationSchema,
  VolumeGroupReplicationClassSchema,
  VolumeSnapshotSchema,
  VolumeSnapshotClassSchema,
  VolumeSnapshotContentSchema,
  NetworkFenceSchema,
  NetworkFenceClassSchema,
];
