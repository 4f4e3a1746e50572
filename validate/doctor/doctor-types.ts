// What the doctor checks against and what it answers. It reads through the ClusterClient and
// ObjectStoreFactory ports only, so the same checks run on the simulator and on real clusters.

import type { ClusterClient } from '../../engine/runtime/client.js';
import type { ObjectStoreFactory } from '../../engine/runtime/object-store.js';
import type { Scheduler } from '../../engine/runtime/ports.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface Check {
  /** Stable id, for scripts and tests: `hub-config`, `s3-endpoint.minio-on-dr1`, `storage.dr1`. */
  id: string;
  title: string;
  status: CheckStatus;
  /** The cluster the check is about: `hub` or a managed cluster's name. */
  cluster?: string;
  /** What was seen. Never a secret's value. */
  detail: string;
  /** What to do, when the status is not ok. */
  fix?: string;
}

/** The read half of a cluster client: the doctor never writes. */
export type ClusterReader = Pick<ClusterClient, 'clusterName' | 'get' | 'list' | 'serves'>;

export interface DoctorTarget {
  hub: ClusterReader;
  /** The managed (DR) clusters, by the name the hub knows them as (ManagedCluster and DRCluster name). */
  clusters: { name: string; client: ClusterReader }[];
  objectStores: ObjectStoreFactory;
  /** The Ramen operators' namespace (POD_NAMESPACE). Default `ramen-system`. */
  operatorNamespace?: string;
  /** Bounds every S3 call, so an endpoint that never answers cannot hang the doctor. */
  timeout?: { scheduler: Scheduler; ms: number };
}
