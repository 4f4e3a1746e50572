// The core and storage.k8s.io kinds the DR-cluster operator reads and writes, reduced to the fields
// it touches. The operator is written against these narrow shapes so that it depends only on the
// wire format, never on how the simulator or another module models the full objects.

import type { KindRef, KubeObject } from '../api/meta.js';

export const PVC_KIND: KindRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' };
export const PV_KIND: KindRef = { apiVersion: 'v1', kind: 'PersistentVolume' };
export const POD_KIND: KindRef = { apiVersion: 'v1', kind: 'Pod' };
export const CONFIG_MAP_KIND: KindRef = { apiVersion: 'v1', kind: 'ConfigMap' };
export const SECRET_KIND: KindRef = { apiVersion: 'v1', kind: 'Secret' };
export const STORAGE_CLASS_KIND: KindRef = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' };
export const VOLUME_ATTACHMENT_KIND: KindRef = { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment' };

export interface PvcSpec {
  accessModes?: string[];
  selector?: unknown;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeName?: string;
  storageClassName?: string;
  volumeMode?: string;
  dataSource?: { apiGroup?: string; kind: string; name: string };
  dataSourceRef?: unknown;
  volumeAttributesClassName?: string;
}

export interface PvcStatus {
  phase?: 'Pending' | 'Bound' | 'Lost';
  accessModes?: string[];
  capacity?: Record<string, string>;
}

export type Pvc = KubeObject<PvcSpec, PvcStatus> & { spec: PvcSpec };

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
}

export interface SecretReference {
  name?: string;
  namespace?: string;
}

export interface CsiPersistentVolumeSource {
  driver: string;
  volumeHandle: string;
  fsType?: string;
  readOnly?: boolean;
  volumeAttributes?: Record<string, string>;
  controllerPublishSecretRef?: SecretReference;
  nodeStageSecretRef?: SecretReference;
  nodePublishSecretRef?: SecretReference;
  controllerExpandSecretRef?: SecretReference;
  nodeExpandSecretRef?: SecretReference;
}

export interface PvSpec {
  capacity?: Record<string, string>;
  accessModes?: string[];
  claimRef?: ObjectReference;
  persistentVolumeReclaimPolicy?: 'Retain' | 'Delete' | 'Recycle';
  storageClassName?: string;
  volumeMode?: string;
  csi?: CsiPersistentVolumeSource;
  [other: string]: unknown;
}

export interface PvStatus {
  phase?: 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed';
}

export type Pv = KubeObject<PvSpec, PvStatus> & { spec: PvSpec };

export interface StorageClass extends KubeObject {
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
}

export interface PodVolume {
  name: string;
  persistentVolumeClaim?: { claimName: string };
  [other: string]: unknown;
}

export type Pod = KubeObject<{ volumes?: PodVolume[]; nodeName?: string }, { phase?: string }>;

export type VolumeAttachment = KubeObject<{ attacher?: string; nodeName?: string; source?: { persistentVolumeName?: string } }, { attached?: boolean }>;

export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

export interface Secret extends KubeObject {
  /** Base64 values, as on the wire. */
  data?: Record<string, string>;
  /** Write-only convenience the API server folds into `data`. */
  stringData?: Record<string, string>;
}
