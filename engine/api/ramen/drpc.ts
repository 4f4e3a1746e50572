// DRPlacementControl (namespaced, hub): the user's handle on one protected application — which
// placement it rides on, which policy protects it, and which DR action (none, Failover, Relocate) is
// wanted (hub spec §2.1, §6). Its status reports phase, progression and the three base conditions.

import type { Condition, KindRef, KubeObject, LabelSelector } from '../meta.js';
import type { KindSchema, Schema } from '../schema/types.js';
import { conditionsSchema, immutableRule, typeMetaProperties } from '../storage/schema-parts.js';
import { labelSelectorSchema } from './drpolicy.js';
import { RAMEN_API_VERSION, RAMEN_GROUP, RAMEN_VERSION } from './hub-constants.js';

export const DRPC_KIND: KindRef = { apiVersion: RAMEN_API_VERSION, kind: 'DRPlacementControl' };

export type DRAction = 'Failover' | 'Relocate';

/** `status.phase` (§6.1). The empty string means never processed, or status lost. */
export type DRState = '' | 'WaitForUser' | 'Initiating' | 'Deploying' | 'Deployed' | 'FailingOver' | 'FailedOver' | 'Relocating' | 'Relocated' | 'Deleting';

/** `status.progression` values, spelled exactly as Ramen spells them (note `Cleaning Up`). */
export const Progression = {
  Completed: 'Completed',
  CreatingMW: 'CreatingMW',
  UpdatingPlRule: 'UpdatingPlRule',
  WaitForReadiness: 'WaitForReadiness',
  CleanupReadiness: 'CleanupReadiness',
  CleaningUp: 'Cleaning Up',
  WaitOnUserToCleanUp: 'WaitOnUserToCleanUp',
  CheckingFailoverPrerequisites: 'CheckingFailoverPrerequisites',
  FailingOverToCluster: 'FailingOverToCluster',
  WaitForFencing: 'WaitForFencing',
  WaitForStorageMaintenanceActivation: 'WaitForStorageMaintenanceActivation',
  PreparingFinalSync: 'PreparingFinalSync',
  ClearingPlacement: 'ClearingPlacement',
  RunningFinalSync: 'RunningFinalSync',
  FinalSyncComplete: 'FinalSyncComplete',
  EnsuringVolumesAreSecondary: 'EnsuringVolumesAreSecondary',
  WaitOnGlobalAction: 'WaitOnGlobalAction',
  WaitingForResourceRestore: 'WaitingForResourceRestore',
  UpdatedPlacement: 'UpdatedPlacement',
  EnsuringVolSyncSetup: 'EnsuringVolSyncSetup',
  SettingUpVolSyncDest: 'SettingUpVolSyncDest',
  Deleting: 'Deleting',
  Deleted: 'Deleted',
  Paused: 'Paused',
  TestingFailover: 'TestingFailover',
} as const;
export type ProgressionStatus = (typeof Progression)[keyof typeof Progression] | '';

// Condition types and reasons (§9).
export const CONDITION_AVAILABLE = 'Available';
export const CONDITION_PEER_READY = 'PeerReady';
export const CONDITION_PROTECTED = 'Protected';
export const CONDITION_GLOBAL_ACTION = 'GlobalAction';
export const CONDITION_NETWORK_MAPPING_LOADED = 'NetworkMappingLoaded';

export const DRPCReason = {
  Progressing: 'Progressing',
  Cleaning: 'Cleaning',
  Success: 'Success',
  NotStarted: 'NotStarted',
  Paused: 'Paused',
  Initiating: 'Initiating',
  Error: 'Error',
  Waiting: 'Waiting',
  ValidationFailed: 'ValidationFailed',
} as const;

export const ProtectedReason = {
  Unknown: 'Unknown',
  Progressing: 'Progressing',
  Error: 'Error',
  Protected: 'Protected',
} as const;

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface RecipeRef {
  namespace?: string;
  name?: string;
}

export interface KubeObjectProtectionSpec {
  captureInterval?: string;
  recipeRef?: RecipeRef;
  recipeParameters?: Record<string, string[]>;
  kubeObjectSelector?: LabelSelector;
}

export interface MoverConfig {
  moverSecurityContext?: Record<string, unknown>;
  moverServiceAccount?: string;
  pvcName: string;
  pvcNamespace: string;
}

export interface DRPCVolSyncSpec {
  rdSpec?: Record<string, unknown>[];
  rsSpec?: Record<string, unknown>[];
  disabled?: boolean;
  moverConfig?: MoverConfig[];
}

export interface DRPCSpec {
  placementRef: ObjectReference;
  protectedNamespaces?: string[];
  drPolicyRef: ObjectReference;
  preferredCluster?: string;
  failoverCluster?: string;
  pvcSelector: LabelSelector;
  action?: DRAction | '';
  dryRun?: boolean;
  kubeObjectProtection?: KubeObjectProtectionSpec;
  volSyncSpec?: DRPCVolSyncSpec;
  retainNamespaceSCCAcrossPeers?: boolean;
}

export interface PlacementDecisionRef {
  clusterName?: string;
  clusterNamespace?: string;
}

export interface VRGResourceMeta {
  kind: string;
  name: string;
  namespace: string;
  generation: number;
  protectedpvcs?: string[];
  pvcgroups?: { grouped?: string[] }[];
  resourceVersion?: string;
  protectedStaticIPVMs?: Record<string, unknown>[];
}

export interface VRGConditions {
  resourceMeta?: VRGResourceMeta;
  conditions?: Condition[];
}

export interface DRPCStatus {
  phase?: DRState;
  observedGeneration?: number;
  actionStartTime?: string;
  /** A Go duration string such as `1m30s`. */
  actionDuration?: string;
  progression?: ProgressionStatus;
  preferredDecision?: PlacementDecisionRef;
  conditions?: Condition[];
  resourceConditions?: VRGConditions;
  lastUpdateTime?: string;
  lastGroupSyncTime?: string;
  lastGroupSyncDuration?: string;
  lastGroupSyncBytes?: number;
  lastKubeObjectProtectionTime?: string;
}

export type DRPlacementControl = KubeObject<DRPCSpec, DRPCStatus> & { spec: DRPCSpec };

const objectReferenceSchema: Schema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    fieldPath: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
    namespace: { type: 'string' },
    resourceVersion: { type: 'string' },
    uid: { type: 'string' },
  },
};

const moverConfigSchema: Schema = {
  type: 'object',
  required: ['pvcName', 'pvcNamespace'],
  properties: {
    // The pod security context is a large core type the hub only copies through; it is kept whole.
    moverSecurityContext: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    moverServiceAccount: { type: 'string' },
    pvcName: { type: 'string', minLength: 1 },
    pvcNamespace: { type: 'string', minLength: 1 },
  },
};

// The rd/rs specs embed the VRG's ProtectedPVC record, which the hub never reads from a DRPC; they are
// kept whole rather than re-declared here (a documented simplification, docs/fidelity-hub.md).
const opaqueObjectSchema: Schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

const durationSchema: Schema = { type: 'string' };
const timeSchema: Schema = { type: 'string', format: 'date-time' };

export const drpcSchema: KindSchema = {
  group: RAMEN_GROUP,
  version: RAMEN_VERSION,
  kind: 'DRPlacementControl',
  plural: 'drplacementcontrols',
  singular: 'drplacementcontrol',
  shortNames: ['drpc'],
  scope: 'Namespaced',
  servedOn: ['hub'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        required: ['drPolicyRef', 'placementRef', 'pvcSelector'],
        properties: {
          action: { type: 'string', enum: ['Failover', 'Relocate'] },
          drPolicyRef: { ...objectReferenceSchema, 'x-kubernetes-validations': [immutableRule('drPolicyRef is immutable')] },
          dryRun: { type: 'boolean' },
          failoverCluster: { type: 'string' },
          kubeObjectProtection: {
            type: 'object',
            properties: {
              captureInterval: { type: 'string', format: 'duration' },
              kubeObjectSelector: labelSelectorSchema,
              recipeParameters: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
              recipeRef: { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' } } },
            },
          },
          placementRef: { ...objectReferenceSchema, 'x-kubernetes-validations': [immutableRule('placementRef is immutable')] },
          preferredCluster: { type: 'string' },
          protectedNamespaces: { type: 'array', items: { type: 'string' } },
          pvcSelector: { ...labelSelectorSchema, 'x-kubernetes-validations': [immutableRule('pvcSelector is immutable')] },
          retainNamespaceSCCAcrossPeers: { type: 'boolean' },
          volSyncSpec: {
            type: 'object',
            properties: {
              disabled: { type: 'boolean' },
              moverConfig: { type: 'array', items: moverConfigSchema },
              rdSpec: { type: 'array', items: opaqueObjectSchema },
              rsSpec: { type: 'array', items: opaqueObjectSchema },
            },
          },
        },
      },
      status: {
        type: 'object',
        properties: {
          actionDuration: durationSchema,
          actionStartTime: timeSchema,
          conditions: conditionsSchema,
          lastGroupSyncBytes: { type: 'integer', format: 'int64' },
          lastGroupSyncDuration: durationSchema,
          lastGroupSyncTime: timeSchema,
          lastKubeObjectProtectionTime: timeSchema,
          lastUpdateTime: timeSchema,
          observedGeneration: { type: 'integer', format: 'int64' },
          phase: { type: 'string' },
          preferredDecision: { type: 'object', properties: { clusterName: { type: 'string' }, clusterNamespace: { type: 'string' } } },
          progression: { type: 'string' },
          resourceConditions: {
            type: 'object',
            properties: {
              conditions: conditionsSchema,
              resourceMeta: {
                type: 'object',
                required: ['generation', 'kind', 'name', 'namespace'],
                properties: {
                  generation: { type: 'integer', format: 'int64' },
                  kind: { type: 'string' },
                  name: { type: 'string' },
                  namespace: { type: 'string' },
                  protectedStaticIPVMs: { type: 'array', items: opaqueObjectSchema },
                  protectedpvcs: { type: 'array', items: { type: 'string' } },
                  pvcgroups: { type: 'array', items: { type: 'object', properties: { grouped: { type: 'array', items: { type: 'string' } } } } },
                  resourceVersion: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  },
};

/** Whether the DRPC protects a "discovered" application (§7). */
export function isDiscoveredApp(drpc: DRPlacementControl): boolean {
  return (drpc.spec.protectedNamespaces ?? []).length > 0;
}

