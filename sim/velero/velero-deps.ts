// What the simulated Velero server of one cluster is built from. Velero runs on that cluster, so it
// talks to its API server through `client` and to S3 from the cluster's network node.

import type { KindSchema } from '../../engine/api/schema/types.js';
import { VELERO_NAMESPACE_DEFAULT } from '../../engine/api/storage/velero.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import type { ObjectStoreFactory } from '../../engine/runtime/object-store.js';
import type { Clock, Scheduler } from '../../engine/runtime/ports.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';

export interface VeleroDeps {
  /** A client of the cluster Velero is installed on. */
  client: ClusterClient;
  /** That cluster's node in the network model; S3 calls start here. */
  node: string;
  clock: Clock;
  scheduler: Scheduler;
  trace: TraceSink;
  /** The kinds the cluster serves (the list its SimApiServer was built with): what a backup can capture. */
  kinds: readonly KindSchema[];
  /** Opens S3 stores through the network model (the world's SimObjectStore factory). */
  objectStores: ObjectStoreFactory;
  /** The namespace Velero watches for its objects. Default `velero`. */
  namespace?: string;
  /** Virtual time spent per captured or restored item, on top of API and S3 latency. Default 5 ms. */
  itemMs?: number;
  /** How often a location is re-validated unless its spec says otherwise. Default 1 minute (Velero's default). */
  validationFrequencyMs?: number;
}

export interface ResolvedVeleroDeps extends VeleroDeps {
  namespace: string;
  itemMs: number;
  validationFrequencyMs: number;
}

export function resolveVeleroDeps(deps: VeleroDeps): ResolvedVeleroDeps {
  const itemMs = deps.itemMs ?? 5;
  const validationFrequencyMs = deps.validationFrequencyMs ?? 60_000;
  if (!(itemMs >= 0)) throw new RangeError(`VeleroDeps.itemMs must be >= 0, got ${itemMs}`);
  if (!(validationFrequencyMs > 0)) throw new RangeError(`VeleroDeps.validationFrequencyMs must be > 0, got ${validationFrequencyMs}`);
  return { ...deps, namespace: deps.namespace ?? VELERO_NAMESPACE_DEFAULT, itemMs, validationFrequencyMs };
}

/** Resolves after `ms` of virtual time. */
export function sleep(scheduler: Scheduler, ms: number, label: string): Promise<void> {
  return new Promise((resolve) => void scheduler.after(ms, label, resolve));
}
