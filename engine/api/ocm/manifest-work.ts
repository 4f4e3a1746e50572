// ManifestWork (work.open-cluster-management.io/v1): a list of manifests the hub wants applied on
// one managed cluster. It lives in the cluster's namespace on the hub; the cluster's work agent
// applies it and reports per-manifest and aggregated conditions back (hub spec §5.1).

import type { Condition, KindRef, KubeObject } from '../meta.js';
import type { KindSchema, Schema } from '../schema/types.js';
import { conditionsSchema, typeMetaProperties } from '../storage/schema-parts.js';
import { WORK_API_VERSION, WORK_GROUP } from './groups.js';

export const ManifestWorkKind: KindRef = { apiVersion: WORK_API_VERSION, kind: 'ManifestWork' };

/** Held on every ManifestWork until the agent has removed (or orphaned) what it applied. */
export const MANIFEST_WORK_FINALIZER = 'cluster.open-cluster-management.io/manifest-work-cleanup';

/** Work-level condition types (workapiv1.WorkApplied and friends). */
export const WORK_APPLIED = 'Applied';
export const WORK_AVAILABLE = 'Available';
export const WORK_DEGRADED = 'Degraded';
export const WORK_PROGRESSING = 'Progressing';

/** The reasons and messages the work agent writes, verbatim. */
export const WorkReasons = {
  appliedComplete: 'AppliedManifestWorkComplete',
  appliedFailed: 'AppliedManifestWorkFailed',
  resourcesAvailable: 'ResourcesAvailable',
  resourcesNotAvailable: 'ResourcesNotAvailable',
  manifestApplied: 'AppliedManifestComplete',
  manifestApplyFailed: 'AppliedManifestFailed',
  resourceAvailable: 'ResourceAvailable',
  resourceNotAvailable: 'ResourceNotAvailable',
} as const;

export const WorkMessages = {
  appliedComplete: 'Apply manifest work complete',
  appliedFailed: 'Failed to apply manifest work',
  resourcesAvailable: 'All resources are available',
  manifestApplied: 'Apply manifest complete',
  resourceAvailable: 'Resource is available',
  resourceNotAvailable: 'Resource is not available',
} as const;

export type DeletePropagationPolicy = 'Foreground' | 'Orphan' | 'SelectivelyOrphan';

export interface ResourceIdentifier {
  /** Empty for the core group. */
  group?: string;
  /** The plural resource name, for example `namespaces`. */
  resource: string;
  name: string;
  /** Empty for a cluster-scoped resource. */
  namespace?: string;
}

export interface DeleteOption {
  /** Defaults to Foreground. */
  propagationPolicy?: DeletePropagationPolicy;
  selectivelyOrphans?: { orphaningRules?: ResourceIdentifier[] };
  ttlSecondsAfterFinished?: number;
}

export type UpdateStrategyType = 'Update' | 'CreateOnly' | 'ServerSideApply' | 'ReadOnly';

export interface ManifestConfigOption {
  resourceIdentifier: ResourceIdentifier;
  feedbackRules?: { type: 'WellKnownStatus' | 'JSONPaths'; jsonPaths?: { name: string; path: string; version?: string }[] }[];
  updateStrategy?: { type: UpdateStrategyType; serverSideApply?: { force?: boolean; fieldManager?: string } };
}

export interface ManifestWorkSpec {
  workload?: { manifests?: KubeObject[] };
  deleteOption?: DeleteOption;
  manifestConfigs?: ManifestConfigOption[];
  executor?: { subject: { type: 'ServiceAccount'; serviceAccount?: { namespace: string; name: string } } };
}

export interface ManifestResourceMeta {
  /** The index of the manifest in spec.workload.manifests. */
  ordinal: number;
  group?: string;
  version?: string;
  kind?: string;
  resource?: string;
  name?: string;
  namespace?: string;
}

export interface ManifestCondition {
  resourceMeta: ManifestResourceMeta;
  statusFeedback?: { values?: { name: string; fieldValue: { type: 'Integer' | 'String' | 'Boolean' | 'JsonRaw'; integer?: number; string?: string; boolean?: boolean; jsonRaw?: string } }[] };
  conditions: Condition[];
}

export interface ManifestWorkStatus {
  conditions?: Condition[];
  resourceStatus?: { manifests?: ManifestCondition[] };
}

export interface ManifestWork extends KubeObject<ManifestWorkSpec, ManifestWorkStatus> {
  spec: ManifestWorkSpec;
}

const resourceIdentifierSchema: Schema = {
  type: 'object',
  required: ['name', 'resource'],
  properties: { group: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' }, resource: { type: 'string' } },
};

const manifestResourceMetaSchema: Schema = {
  type: 'object',
  required: ['ordinal'],
  properties: {
    group: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
    namespace: { type: 'string' },
    ordinal: { type: 'integer', format: 'int32' },
    resource: { type: 'string' },
    version: { type: 'string' },
  },
};

const fieldValueSchema: Schema = {
  type: 'object',
  required: ['type'],
  properties: {
    boolean: { type: 'boolean' },
    integer: { type: 'integer', format: 'int64' },
    jsonRaw: { type: 'string', maxLength: 1024 },
    string: { type: 'string' },
    type: { type: 'string', enum: ['Integer', 'String', 'Boolean', 'JsonRaw'] },
  },
};

const manifestWorkSpecSchema: Schema = {
  type: 'object',
  properties: {
    deleteOption: {
      type: 'object',
      properties: {
        propagationPolicy: { type: 'string', default: 'Foreground', enum: ['Foreground', 'Orphan', 'SelectivelyOrphan'] },
        selectivelyOrphans: { type: 'object', properties: { orphaningRules: { type: 'array', items: resourceIdentifierSchema } } },
        ttlSecondsAfterFinished: { type: 'integer', format: 'int64' },
      },
    },
    executor: {
      type: 'object',
      properties: {
        subject: {
          type: 'object',
          required: ['type'],
          properties: {
            serviceAccount: {
              type: 'object',
              required: ['name', 'namespace'],
              properties: { name: { type: 'string', minLength: 1, maxLength: 253 }, namespace: { type: 'string', minLength: 1, maxLength: 253 } },
            },
            type: { type: 'string', enum: ['ServiceAccount'] },
          },
        },
      },
    },
    manifestConfigs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['resourceIdentifier'],
        properties: {
          feedbackRules: {
            type: 'array',
            items: {
              type: 'object',
              required: ['type'],
              properties: {
                jsonPaths: {
                  type: 'array',
                  items: { type: 'object', required: ['name', 'path'], properties: { name: { type: 'string' }, path: { type: 'string' }, version: { type: 'string' } } },
                },
                type: { type: 'string', enum: ['WellKnownStatus', 'JSONPaths'] },
              },
            },
          },
          resourceIdentifier: resourceIdentifierSchema,
          updateStrategy: {
            type: 'object',
            required: ['type'],
            properties: {
              serverSideApply: {
                type: 'object',
                properties: { fieldManager: { type: 'string', default: 'work-agent', pattern: '^work-agent' }, force: { type: 'boolean' } },
              },
              type: { type: 'string', default: 'Update', enum: ['Update', 'CreateOnly', 'ServerSideApply', 'ReadOnly'] },
            },
          },
        },
      },
    },
    workload: {
      type: 'object',
      properties: {
        manifests: {
          type: 'array',
          items: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
    },
  },
};

const manifestWorkStatusSchema: Schema = {
  type: 'object',
  properties: {
    conditions: conditionsSchema,
    resourceStatus: {
      type: 'object',
      properties: {
        manifests: {
          type: 'array',
          items: {
            type: 'object',
            required: ['conditions', 'resourceMeta'],
            properties: {
              conditions: conditionsSchema,
              resourceMeta: manifestResourceMetaSchema,
              statusFeedback: {
                type: 'object',
                properties: {
                  values: {
                    type: 'array',
                    'x-kubernetes-list-type': 'map',
                    'x-kubernetes-list-map-keys': ['name'],
                    items: { type: 'object', required: ['fieldValue', 'name'], properties: { fieldValue: fieldValueSchema, name: { type: 'string' } } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

export const ManifestWorkSchema: KindSchema = {
  group: WORK_GROUP,
  version: 'v1',
  kind: 'ManifestWork',
  plural: 'manifestworks',
  singular: 'manifestwork',
  scope: 'Namespaced',
  servedOn: ['hub'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: { ...typeMetaProperties, spec: manifestWorkSpecSchema, status: manifestWorkStatusSchema },
  },
};
