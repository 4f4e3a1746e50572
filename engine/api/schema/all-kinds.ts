// The one list of every kind drsim models. Each API folder exports its KindSchemas; this file is the
// only place that gathers them, so kind modules never import the registry and no import cycle can
// form. To add kinds: import your folder's list (or constants) below and spread it into ALL_KINDS.

import { CORE_KIND_SCHEMAS } from '../core/core-kinds.js';
import { OCM_BUILTIN_KIND_SCHEMAS, OCM_KIND_SCHEMAS } from '../ocm/ocm-kinds.js';
import { OLM_KIND_SCHEMAS } from '../olm/olm-kinds.js';
import { drClusterSchema } from '../ramen/drcluster.js';
import { drClusterConfigSchema } from '../ramen/drclusterconfig.js';
import { maintenanceModeSchema } from '../ramen/maintenance-mode-schema.js';
import { pvrglSchema } from '../ramen/pvrgl.js';
import { drpcSchema } from '../ramen/drpc.js';
import { drPolicySchema } from '../ramen/drpolicy.js';
import { vrgSchema } from '../ramen/vrg.js';
import { ServiceExportSchema } from '../storage/service-export.js';
import { STORAGE_KIND_SCHEMAS } from '../storage/storage-kinds.js';
import { VeleroSchemas } from '../storage/velero.js';
import { ReplicationDestinationSchema, ReplicationSourceSchema } from '../storage/volsync.js';
import type { KindSchema } from './types.js';

export const ALL_KINDS: readonly KindSchema[] = [
  // Kubernetes built-in kinds (engine/api/core).
  ...CORE_KIND_SCHEMAS,
  // Ramen (engine/api/ramen).
  drpcSchema,
  drPolicySchema,
  drClusterSchema,
  vrgSchema,
  drClusterConfigSchema,
  maintenanceModeSchema,
  pvrglSchema,
  // Open Cluster Management (engine/api/ocm), and the built-in Lease it needs.
  ...OCM_KIND_SCHEMAS,
  ...OCM_BUILTIN_KIND_SCHEMAS,
  // Storage vendors' CSI add-ons (engine/api/storage).
  ...STORAGE_KIND_SCHEMAS,
  // VolSync, Velero and multicluster Services (engine/api/storage).
  ReplicationSourceSchema,
  ReplicationDestinationSchema,
  ...VeleroSchemas,
  ServiceExportSchema,
  // OLM, which Ramen's hub uses to install the DR-cluster operator (engine/api/olm).
  ...OLM_KIND_SCHEMAS,
];
