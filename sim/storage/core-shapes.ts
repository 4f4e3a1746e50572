// The slices of core Kubernetes kinds the storage and workload agents read and write, as structural
// types: any fuller definition of the same kinds (engine/api/core) is assignable to them, so the
// agents depend only on the fields they actually touch.

import type { KindRef, KubeObject } from '../../engine/api/meta.js';

export const PVC_KIND: KindRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' };
export const PV_KIND: KindRef = { apiVersion: 'v1', kind: 'PersistentVolume' };
export const POD_KIND: KindRef = { apiVersion: 'v1', kind: 'Pod' };
export const STORAGE_CLASS_KIND: KindRef = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' };
export const VOLUME_ATTACHMENT_KIND: KindRef = { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment' };

export type AccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
}

export interface PvcSpec {
  accessModes?: AccessMode[];
  resources?: { requests?: Record<string, string> };
  storageClassName?: string;
  volumeName?: string;
  volumeMode?: 'Filesystem' | 'Block';
  selector?: unknown;
  dataSource?: { apiGroup?: string; kind: string; name: string };
}

export interface PvcStatus {
  phase?: 'Pending' | 'Bound' | 'Lost';
  accessModes?: AccessMode[];
  capacity?: Record<string, string>;
}

export interface PersistentVolumeClaim extends KubeObject<PvcSpec, PvcStatus> {
  spec: PvcSpec;
}

export interface CsiVolumeSource {
  driver: string;
  volumeHandle: string;
  fsType?: string;
  readOnly?: boolean;
  volumeAttributes?: Record<string, string>;
  [secretRef: string]: unknown;
}

export interface PvSpec {
  capacity?: Record<string, string>;
  accessModes?: AccessMode[];
  persistentVolumeReclaimPolicy?: 'Retain' | 'Delete' | 'Recycle';
  storageClassName?: string;
  volumeMode?: 'Filesystem' | 'Block';
  claimRef?: ObjectReference;
  csi?: CsiVolumeSource;
  [other: string]: unknown;
}

export interface PvStatus {
  phase?: 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed';
  message?: string;
  reason?: string;
}

export interface PersistentVolume extends KubeObject<PvSpec, PvStatus> {
  spec: PvSpec;
}

/** StorageClass keeps its fields at the top level. */
export interface StorageClass extends KubeObject<never, never> {
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: 'Retain' | 'Delete';
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  allowVolumeExpansion?: boolean;
}

export interface PodVolume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  [other: string]: unknown;
}

export interface PodSpec {
  nodeName?: string;
  containers: { name: string; image: string; [other: string]: unknown }[];
  volumes?: PodVolume[];
  [other: string]: unknown;
}

export interface PodStatus {
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  conditions?: { type: string; status: 'True' | 'False' | 'Unknown'; reason?: string; message?: string; lastTransitionTime?: string }[];
  message?: string;
  reason?: string;
  [other: string]: unknown;
}

export interface Pod extends KubeObject<PodSpec, PodStatus> {
  spec: PodSpec;
}

export interface VolumeAttachmentSpec {
  attacher: string;
  nodeName: string;
  source: { persistentVolumeName?: string; inlineVolumeSpec?: unknown };
}

export interface VolumeError {
  time?: string;
  message?: string;
}

export interface VolumeAttachmentStatus {
  attached: boolean;
  attachmentMetadata?: Record<string, string>;
  attachError?: VolumeError;
  detachError?: VolumeError;
}

export interface VolumeAttachment extends KubeObject<VolumeAttachmentSpec, VolumeAttachmentStatus> {
  spec: VolumeAttachmentSpec;
}

/** The PVC names a Pod mounts. */
export function claimNamesOf(pod: Pod): string[] {
  return (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
}
