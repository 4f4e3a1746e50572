// VolumeReplicationGroup (ramendr.openshift.io/v1alpha1): the per-application object the hub places on
// each DR cluster. The types mirror Ramen's api/v1alpha1/volumereplicationgroup_types.go; the schema
// reproduces the generated CRD's validation, which is deliberately thin: only required fields, the
// schedulingInterval pattern, the action enum and the moverConfig name lengths (dr-cluster spec §1.1).
// replicationState has no enum in the CRD; the controller rejects bad values (§3.2).

import type { Condition, KindRef, KubeObject, LabelSelector } from '../meta.js';
import type { KindSchema, Schema } from '../schema/types.js';
import { labelSelectorSchema } from '../schema/label-selector-schema.js';

export const VRG_GROUP = 'ramendr.openshift.io';
export const VRG_VERSION = 'v1alpha1';
export const RAMEN_API_VERSION = `${VRG_GROUP}/${VRG_VERSION}`;
export const VRG_KIND: KindRef = { apiVersion: RAMEN_API_VERSION, kind: 'VolumeReplicationGroup' };

export type ReplicationState = 'primary' | 'secondary';
export type VrgState = 'Primary' | 'Secondary' | 'Unknown';
export type VrgAction = 'Failover' | 'Relocate';

export interface PeerClass {
  replicationID?: string;
  groupreplicationID?: string;
  storageID?: string[];
  storageClassName?: string;
  clusterIDs?: string[];
  grouping?: boolean;
  offloaded?: boolean;
  global?: boolean;
}

export interface VrgAsyncSpec {
  replicationClassSelector?: LabelSelector;
  volumeSnapshotClassSelector?: LabelSelector;
  volumeGroupSnapshotClassSelector?: LabelSelector;
  /** `<n>m`, `<n>h` or `<n>d`. */
  schedulingInterval: string;
  peerClasses?: PeerClass[];
}

export interface VrgSyncSpec {
  peerClasses?: PeerClass[];
}

export interface MoverConfig {
  moverSecurityContext?: Record<string, unknown>;
  moverServiceAccount?: string;
  pvcName: string;
  pvcNamespace: string;
}

export interface RsyncTlsConfig {
  address?: string;
  tlsSecretRef?: { name: string };
}

export interface Identifier {
  id: string;
  modes?: string[];
}

export interface ResourceRequirements {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

/** One protected PVC in VRG status, and the PVC description the hub copies into rdSpec. */
export interface ProtectedPvc {
  namespace?: string;
  name?: string;
  protectedByVolSync?: boolean;
  csiProvisioner?: string;
  storageID?: Identifier;
  replicationID?: Identifier;
  storageClassName?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  accessModes?: string[];
  resources?: ResourceRequirements;
  conditions?: Condition[];
  lastSyncTime?: string;
  /** A Go metav1.Duration string such as `1m30s`. */
  lastSyncDuration?: string;
  lastSyncBytes?: number;
  volumeMode?: string;
}

export interface VolSyncReplicationDestinationSpec {
  protectedPVC?: ProtectedPvc;
  moverConfig?: MoverConfig;
}

export interface VolSyncReplicationSourceSpec {
  protectedPVC?: ProtectedPvc;
  rsyncTLS?: RsyncTlsConfig;
  moverConfig?: MoverConfig;
}

export interface VolSyncSpec {
  rdSpec?: VolSyncReplicationDestinationSpec[];
  rsSpec?: VolSyncReplicationSourceSpec[];
  disabled?: boolean;
  moverConfig?: MoverConfig[];
}

export interface KubeObjectProtectionSpec {
  /** A Go duration string, for example `5m`. */
  captureInterval?: string;
  recipeRef?: { namespace?: string; name?: string };
  recipeParameters?: Record<string, string[]>;
  kubeObjectSelector?: LabelSelector;
}

export interface VrgSpec {
  pvcSelector: LabelSelector;
  /** Not an enum in the CRD: any string is admitted and the controller rejects the rest. */
  replicationState: string;
  s3Profiles: string[];
  async?: VrgAsyncSpec;
  sync?: VrgSyncSpec;
  volSync?: VolSyncSpec;
  prepareForFinalSync?: boolean;
  runFinalSync?: boolean;
  action?: VrgAction | '';
  dryRun?: boolean;
  kubeObjectProtection?: KubeObjectProtectionSpec;
  protectedNamespaces?: string[];
  staticIPTranslationSpec?: Record<string, unknown>;
}

export interface KubeObjectsCaptureIdentifier {
  number: number;
  startTime?: string;
  endTime?: string;
  startGeneration?: number;
}

export interface VolSyncReplicationDestinationInfo {
  protectedPVC?: ProtectedPvc;
  rsyncTLS?: RsyncTlsConfig;
}

export interface VrgStatus {
  state?: VrgState;
  protectedPVCs?: ProtectedPvc[];
  pvcgroups?: { grouped?: string[] }[];
  rdInfo?: VolSyncReplicationDestinationInfo[];
  conditions?: Condition[];
  observedGeneration?: number;
  lastUpdateTime?: string;
  kubeObjectProtection?: { captureToRecoverFrom?: KubeObjectsCaptureIdentifier };
  prepareForFinalSyncComplete?: boolean;
  finalSyncComplete?: boolean;
  lastGroupSyncTime?: string;
  lastGroupSyncDuration?: string;
  lastGroupSyncBytes?: number;
  staticIPDiscovery?: Record<string, unknown>;
}

export type VolumeReplicationGroup = KubeObject<VrgSpec, VrgStatus> & { spec: VrgSpec };

// VRG condition types and reasons (dr-cluster spec §8).
export const VRG_CONDITION = {
  DataReady: 'DataReady',
  DataProtected: 'DataProtected',
  ClusterDataReady: 'ClusterDataReady',
  ClusterDataProtected: 'ClusterDataProtected',
  KubeObjectsReady: 'KubeObjectsReady',
  NoClusterDataConflict: 'NoClusterDataConflict',
  AutoCleanup: 'AutoCleanup',
  HooksReady: 'HooksReady',
  GlobalState: 'GlobalState',
  GlobalSecondary: 'GlobalSecondary',
  DestinationInfoAvailable: 'DestinationInfoAvailable',
  // Per-PVC VolSync condition types.
  ReplicationSourceSetup: 'ReplicationSourceSetup',
  ReplicationDestinationSetup: 'ReplicationDestinationSetup',
  FinalSyncInProgress: 'FinalSyncInProgress',
  PVsRestored: 'PVsRestored',
} as const;
export type VrgConditionType = (typeof VRG_CONDITION)[keyof typeof VRG_CONDITION];

export const VRG_REASON = {
  Unused: 'Unused',
  Initializing: 'Initializing',
  Replicating: 'Replicating',
  Replicated: 'Replicated',
  Ready: 'Ready',
  DataProtected: 'DataProtected',
  Progressing: 'Progressing',
  Restored: 'Restored',
  KubeObjectsRestored: 'KubeObjectsRestored',
  Error: 'Error',
  UnknownError: 'UnknownError',
  Uploading: 'Uploading',
  Uploaded: 'Uploaded',
  UploadError: 'UploadError',
  SourceInitialized: 'SourceInitialized',
  DestinationInitialized: 'DestinationInitialized',
  Syncing: 'Syncing',
  Synced: 'Synced',
  AnnotationFailed: 'AnnotationFailed',
  PeerClassNotFound: 'PeerClassNotFound',
  StorageIDNotFound: 'StorageIDNotFound',
  ClusterDataConflictPrimary: 'ClusterDataConflictPrimary',
  ClusterDataConflictSecondary: 'ClusterDataConflictSecondary',
  NoConflictDetected: 'NoConflictDetected',
  NotFeasible: 'NotFeasible',
  Completed: 'Completed',
  ConsensusReached: 'ConsensusReached',
  ConsensusNotReached: 'ConsensusNotReached',
  PVCsNotInUse: 'PVCsNotInUse',
  PVCsInUse: 'PVCsInUse',
  HookExecuted: 'HookExecuted',
  HookFailed: 'HookFailed',
  // ClusterDataProtected sub-condition reasons (§5.8, §9.4).
  VolumeReplicationGroupObjectCaptureError: 'VolumeReplicationGroupObjectCaptureError',
  KubeObjectsCaptureNotStarted: 'KubeObjectsCaptureNotStarted',
  KubeObjectsCaptureRequestsQueryError: 'KubeObjectsCaptureRequestsQueryError',
  KubeObjectsReplicaDeleteError: 'KubeObjectsReplicaDeleteError',
  KubeObjectsCaptureError: 'KubeObjectsCaptureError',
  KubeObjectsWorkflowError: 'KubeObjectsWorkflowError',
  KubeObjectsCaptureRequestsDeleteError: 'KubeObjectsCaptureRequestsDeleteError',
} as const;
export type VrgReason = (typeof VRG_REASON)[keyof typeof VRG_REASON];

/** Reasons the hub's `isVRGReasonError` treats as errors (§8.5). */
export const VRG_ERROR_REASONS: readonly string[] = ['Error', 'UnknownError', 'UploadError', 'AnnotationFailed', 'ClusterDataConflictPrimary', 'ClusterDataConflictSecondary'];

// Schema fragments shared by Ramen's CRDs.

export { labelSelectorSchema };

/** metav1.Condition as controller-gen emits it. */
export const conditionSchema: Schema = {
  type: 'object',
  required: ['lastTransitionTime', 'message', 'reason', 'status', 'type'],
  properties: {
    lastTransitionTime: { type: 'string', format: 'date-time' },
    message: { type: 'string', maxLength: 32768 },
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
    reason: { type: 'string', maxLength: 1024, minLength: 1, pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$' },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    type: {
      type: 'string',
      maxLength: 316,
      pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
    },
  },
};

const stringMap: Schema = { type: 'object', additionalProperties: { type: 'string' } };
const quantity: Schema = { 'x-kubernetes-int-or-string': true };

const peerClassSchema: Schema = {
  type: 'object',
  properties: {
    clusterIDs: { type: 'array', items: { type: 'string' } },
    global: { type: 'boolean' },
    grouping: { type: 'boolean' },
    groupreplicationID: { type: 'string' },
    offloaded: { type: 'boolean' },
    replicationID: { type: 'string' },
    storageClassName: { type: 'string' },
    storageID: { type: 'array', items: { type: 'string' } },
  },
};

const identifierSchema: Schema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string' }, modes: { type: 'array', items: { type: 'string', enum: ['Failover'] } } },
};

const protectedPvcSchema: Schema = {
  type: 'object',
  properties: {
    accessModes: { type: 'array', items: { type: 'string' } },
    annotations: stringMap,
    conditions: { type: 'array', items: conditionSchema },
    csiProvisioner: { type: 'string' },
    labels: stringMap,
    lastSyncBytes: { type: 'integer', format: 'int64' },
    lastSyncDuration: { type: 'string' },
    lastSyncTime: { type: 'string', format: 'date-time' },
    name: { type: 'string' },
    namespace: { type: 'string' },
    protectedByVolSync: { type: 'boolean' },
    replicationID: identifierSchema,
    resources: {
      type: 'object',
      properties: {
        claims: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, request: { type: 'string' } } } },
        limits: { type: 'object', additionalProperties: quantity },
        requests: { type: 'object', additionalProperties: quantity },
      },
    },
    storageClassName: { type: 'string' },
    storageID: identifierSchema,
    volumeMode: { type: 'string' },
  },
};

const moverConfigSchema: Schema = {
  type: 'object',
  required: ['pvcName', 'pvcNamespace'],
  properties: {
    moverSecurityContext: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    moverServiceAccount: { type: 'string' },
    pvcName: { type: 'string', minLength: 1 },
    pvcNamespace: { type: 'string', minLength: 1 },
  },
};

const rsyncTlsSchema: Schema = {
  type: 'object',
  properties: { address: { type: 'string' }, tlsSecretRef: { type: 'object', properties: { name: { type: 'string', default: '' } } } },
};

export const vrgSchema: KindSchema = {
  group: VRG_GROUP,
  version: VRG_VERSION,
  kind: 'VolumeReplicationGroup',
  plural: 'volumereplicationgroups',
  singular: 'volumereplicationgroup',
  shortNames: ['vrg'],
  scope: 'Namespaced',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        required: ['pvcSelector', 'replicationState', 's3Profiles'],
        properties: {
          action: { type: 'string', enum: ['Failover', 'Relocate'] },
          async: {
            type: 'object',
            required: ['schedulingInterval'],
            properties: {
              peerClasses: { type: 'array', items: peerClassSchema },
              replicationClassSelector: labelSelectorSchema,
              schedulingInterval: { type: 'string', pattern: '^\\d+[mhd]$' },
              volumeGroupSnapshotClassSelector: labelSelectorSchema,
              volumeSnapshotClassSelector: labelSelectorSchema,
            },
          },
          dryRun: { type: 'boolean' },
          kubeObjectProtection: {
            type: 'object',
            properties: {
              captureInterval: { type: 'string', format: 'duration' },
              kubeObjectSelector: labelSelectorSchema,
              recipeParameters: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
              recipeRef: { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' } } },
            },
          },
          prepareForFinalSync: { type: 'boolean' },
          protectedNamespaces: { type: 'array', items: { type: 'string' } },
          pvcSelector: labelSelectorSchema,
          replicationState: { type: 'string' },
          runFinalSync: { type: 'boolean' },
          s3Profiles: { type: 'array', items: { type: 'string' } },
          staticIPTranslationSpec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          sync: { type: 'object', properties: { peerClasses: { type: 'array', items: peerClassSchema } } },
          volSync: {
            type: 'object',
            properties: {
              disabled: { type: 'boolean' },
              moverConfig: { type: 'array', items: moverConfigSchema },
              rdSpec: {
                type: 'array',
                items: { type: 'object', properties: { moverConfig: moverConfigSchema, protectedPVC: protectedPvcSchema } },
              },
              rsSpec: {
                type: 'array',
                items: { type: 'object', properties: { moverConfig: moverConfigSchema, protectedPVC: protectedPvcSchema, rsyncTLS: rsyncTlsSchema } },
              },
            },
          },
        },
      },
      status: {
        type: 'object',
        properties: {
          conditions: { type: 'array', items: conditionSchema },
          finalSyncComplete: { type: 'boolean' },
          kubeObjectProtection: {
            type: 'object',
            properties: {
              captureToRecoverFrom: {
                type: 'object',
                required: ['number'],
                properties: {
                  endTime: { type: 'string', format: 'date-time' },
                  number: { type: 'integer', format: 'int64' },
                  startGeneration: { type: 'integer', format: 'int64' },
                  startTime: { type: 'string', format: 'date-time' },
                },
              },
            },
          },
          lastGroupSyncBytes: { type: 'integer', format: 'int64' },
          lastGroupSyncDuration: { type: 'string' },
          lastGroupSyncTime: { type: 'string', format: 'date-time' },
          lastUpdateTime: { type: 'string', format: 'date-time' },
          observedGeneration: { type: 'integer', format: 'int64' },
          prepareForFinalSyncComplete: { type: 'boolean' },
          protectedPVCs: { type: 'array', items: protectedPvcSchema },
          pvcgroups: { type: 'array', items: { type: 'object', properties: { grouped: { type: 'array', items: { type: 'string' } } } } },
          rdInfo: { type: 'array', items: { type: 'object', properties: { protectedPVC: protectedPvcSchema, rsyncTLS: rsyncTlsSchema } } },
          state: { type: 'string' },
          staticIPDiscovery: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
    },
  },
};
