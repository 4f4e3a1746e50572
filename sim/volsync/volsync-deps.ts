// What the simulated VolSync operator of one cluster is built from. The fabric and the snapshot
// store are shared by every cluster of the world (they stand for the clusterset network and the
// storage systems' snapshot images); everything else is per cluster.

import type { ClusterClient } from '../../engine/runtime/client.js';
import type { Clock, Scheduler } from '../../engine/runtime/ports.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { Network } from '../network/network.js';
import type { StorageBackend } from '../storage/storage-backend.js';
import type { SnapshotContents } from './snapshot-contents.js';
import type { VolSyncFabric } from './volsync-fabric.js';

export interface VolSyncDeps {
  /** A client of the cluster this VolSync operator runs on. */
  client: ClusterClient;
  /** The cluster's name: its node in the network model and its key in the fabric. */
  cluster: string;
  clock: Clock;
  scheduler: Scheduler;
  trace: TraceSink;
  network: Network;
  /** The storage systems; VolSync reads and writes volume images through it. */
  storage: StorageBackend;
  fabric: VolSyncFabric;
  snapshots: SnapshotContents;
  /**
   * Whether this cluster runs an MCS implementation (Submariner's lighthouse): ServiceExports are
   * then published and `<svc>.<ns>.svc.clusterset.local` resolves. Default true.
   */
  submariner?: boolean;
  /** Whether to fill PVCs restored from a VolSync snapshot (see snapshot-populator.ts). Default true. */
  populateRestores?: boolean;
  /** Fixed cost of each sync: mover pod scheduling, TLS handshake, rsync file list. Default 5 s. */
  moverStartupMs?: number;
  /** rsync throughput between clusters. Default 20_000 bytes per ms (20 MB/s). */
  bandwidthBytesPerMs?: number;
  /** How often an in-flight transfer re-checks the link. Default 1 s. */
  linkProbeMs?: number;
  /** Delay before a failed sync is retried. Default 20 s (the mover job's restart backoff). */
  retryMs?: number;
}

export interface ResolvedVolSyncDeps extends VolSyncDeps {
  submariner: boolean;
  populateRestores: boolean;
  moverStartupMs: number;
  bandwidthBytesPerMs: number;
  linkProbeMs: number;
  retryMs: number;
}

export function resolveVolSyncDeps(deps: VolSyncDeps): ResolvedVolSyncDeps {
  const r: ResolvedVolSyncDeps = {
    ...deps,
    submariner: deps.submariner ?? true,
    populateRestores: deps.populateRestores ?? true,
    moverStartupMs: deps.moverStartupMs ?? 5_000,
    bandwidthBytesPerMs: deps.bandwidthBytesPerMs ?? 20_000,
    linkProbeMs: deps.linkProbeMs ?? 1_000,
    retryMs: deps.retryMs ?? 20_000,
  };
  if (!(r.moverStartupMs >= 0)) throw new RangeError(`VolSyncDeps.moverStartupMs must be >= 0, got ${r.moverStartupMs}`);
  if (!(r.bandwidthBytesPerMs > 0)) throw new RangeError(`VolSyncDeps.bandwidthBytesPerMs must be > 0, got ${r.bandwidthBytesPerMs}`);
  if (!(r.linkProbeMs > 0)) throw new RangeError(`VolSyncDeps.linkProbeMs must be > 0, got ${r.linkProbeMs}`);
  if (!(r.retryMs > 0)) throw new RangeError(`VolSyncDeps.retryMs must be > 0, got ${r.retryMs}`);
  return r;
}
