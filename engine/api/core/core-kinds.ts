// The built-in kinds drsim models, in one list for engine/api/schema/all-kinds.ts.

import type { KindSchema } from '../schema/types.js';
import { ClusterRoleSchema } from './cluster-role.js';
import { ConfigMapSchema } from './config-map.js';
import { JobSchema } from './job.js';
import { NamespaceSchema } from './namespace.js';
import { PersistentVolumeClaimSchema } from './persistent-volume-claim.js';
import { PersistentVolumeSchema } from './persistent-volume.js';
import { PodSchema } from './pod.js';
import { SecretSchema } from './secret.js';
import { ServiceSchema } from './service.js';
import { StorageClassSchema } from './storage-class.js';
import { VolumeAttachmentSchema } from './volume-attachment.js';

export const CORE_KIND_SCHEMAS: readonly KindSchema[] = [
  NamespaceSchema,
  ConfigMapSchema,
  SecretSchema,
  PersistentVolumeClaimSchema,
  PersistentVolumeSchema,
  StorageClassSchema,
  PodSchema,
  VolumeAttachmentSchema,
  ServiceSchema,
  ClusterRoleSchema,
  JobSchema,
];
