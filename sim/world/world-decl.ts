// What a world is made of, as a scenario file declares it: the managed clusters, the kind of storage
// between them, the S3 layout, how far Ramen is configured, and the applications. The fault
// declarations live here too, since the world is what carries them out.

export interface PvcDecl {
  name: string;
  /** A Kubernetes quantity, for example 1Gi. */
  size: string;
}

export interface AppDecl {
  name: string;
  namespace: string;
  pvcs: PvcDecl[];
  writesPerMinute: number;
  dataPath: 'volrep' | 'volsync';
  kubeObjectProtection: boolean;
  /** `drpc`: the world creates a Placement and a DRPlacementControl; `none`: only the app. */
  protection: 'drpc' | 'none';
  /** Where the app is deployed first (the DRPC's preferredCluster). */
  cluster: string;
}

export interface ClusterDecl {
  name: string;
  region: string;
}

export interface WorldDecl {
  clusters: ClusterDecl[];
  /** regional: each cluster has its own storage, replicated asynchronously; metro: one shared storage. */
  storage: 'regional' | 'metro';
  /** The DRPolicy's schedulingInterval, as written there (5m, 1h). */
  schedulingInterval: string;
  /** `per-cluster`: a MinIO per managed cluster, as Ramen's test environment; `shared`: one. */
  s3: 'per-cluster' | 'shared';
  /**
   * `configured`: operators installed and configured (RamenConfig, S3 secrets, DRClusters, DRPolicy)
   * as `ramendev config` leaves them; `bare`: operators and CRDs installed, nothing configured.
   */
  ramen: 'configured' | 'bare';
  apps: AppDecl[];
}

export type FaultDecl =
  | { type: 'clusterDown'; cluster: string }
  | { type: 'clusterUp'; cluster: string }
  | { type: 'clusterDestroy'; cluster: string }
  | { type: 'hubDown' }
  | { type: 'hubUp' }
  | { type: 'hubRestore' }
  | { type: 'partition'; from: string; to: string; oneWay: boolean }
  | { type: 'heal'; from: string; to: string }
  | { type: 'healAll' }
  | { type: 's3Outage'; endpoint: string }
  | { type: 's3Restore'; endpoint: string }
  | { type: 'replicationStall'; cluster: string }
  | { type: 'replicationResume'; cluster: string }
  | { type: 'controllerCrash'; operator: string; downForMs: number }
  | { type: 'clockSkew'; cluster: string; offsetMs: number };

export const FAULT_TYPES = [
  'clusterDown',
  'clusterUp',
  'clusterDestroy',
  'hubDown',
  'hubUp',
  'hubRestore',
  'partition',
  'heal',
  'healAll',
  's3Outage',
  's3Restore',
  'replicationStall',
  'replicationResume',
  'controllerCrash',
  'clockSkew',
] as const;

