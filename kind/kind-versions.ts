// Every image and version the kind backend uses, pinned in one place. The local `apiserver` backend's
// versions live in scripts/backends/versions.env.

export const KIND_VERSIONS = {
  /** `go install sigs.k8s.io/kind@<kind>` */
  kind: 'v0.29.0',
  /** kind v0.29.0's default node image (Kubernetes 1.33). */
  nodeImage: 'kindest/node:v1.33.1',
  /** external-snapshotter: snapshot CRDs and the snapshot controller. */
  externalSnapshotter: 'v8.2.0',
  /** csi-driver-host-path: the hostpath CSI driver, which takes snapshots but does not replicate. */
  csiHostpath: 'v1.15.0',
  minioImage: 'quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z',
} as const;

/** The StorageClass and VolumeSnapshotClass labels Ramen matches on a DR cluster. */
export const KIND_STORAGE_ID = 'csi-hostpath';
export const CLUSTER_PREFIX = 'drsim-';
