// The DR-cluster operator (Ramen's dr-cluster mode): the VolumeReplicationGroup, DRClusterConfig and
// ProtectedVolumeReplicationGroupList controllers of one managed cluster, written only against the
// cluster client, the object-store factory, a clock and a trace sink, so the same code can run over
// the simulator or a real API server. The start hook is Ramen's main: it creates or rewrites the
// operator ConfigMap and decides whether Velero's CRDs are present.

import { DEFAULT_OPERATOR_NAMESPACE } from '../api/ramen/dr-constants.js';
import { maxConcurrentReconcilesOf } from '../api/ramen/ramen-config.js';
import { BackupKind, BackupStorageLocationKind, RestoreKind } from '../api/storage/velero.js';
import type { ClusterClient } from '../runtime/client.js';
import type { ObjectStoreFactory } from '../runtime/object-store.js';
import type { Clock } from '../runtime/ports.js';
import type { ControllerSpec } from '../runtime/reconcile.js';
import type { TraceSink } from '../runtime/trace-sink.js';
import { drClusterConfigControllerSpec } from './drclusterconfig-controller.js';
import { pvrglControllerSpec } from './pvrgl-controller.js';
import { createOrUpdateRamenConfigMap } from './ramen-config-store.js';
import { rateLimited, VRG_BACKOFF } from './rate-limited.js';
import type { DrDeps } from './vrg/instance.js';
import { newOperatorMemory } from './vrg/instance.js';
import { createVrgReconciler } from './vrg/reconciler.js';
import { VrgIndex, vrgWatches } from './vrg/watches.js';

export interface DrClusterOperatorDeps {
  clusterName: string;
  client: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  objectStores: ObjectStoreFactory;
  /** Where the operator runs (Ramen's POD_NAMESPACE). Default `ramen-system`. */
  operatorNamespace?: string;
  /** VRG reconcile workers. Default: RamenConfig maxConcurrentReconciles (1 if unset), as Ramen does. */
  vrgWorkers?: number;
}

export interface DrClusterOperator {
  controllers: ControllerSpec[];
  /** Run at every operator (re)start, before reconciles matter: Ramen's main-time setup. */
  startHook: () => Promise<void>;
}

export function createDrClusterOperator(deps: DrClusterOperatorDeps): DrClusterOperator {
  const operatorNamespace = deps.operatorNamespace ?? DEFAULT_OPERATOR_NAMESPACE;
  const drDeps: DrDeps = {
    clusterName: deps.clusterName,
    client: deps.client,
    clock: deps.clock,
    trace: deps.trace,
    objectStores: deps.objectStores,
    operatorNamespace,
    memory: newOperatorMemory(),
  };
  const index = new VrgIndex();
  let veleroWatched = false;

  const startHook = async (): Promise<void> => {
    // A restart loses everything a process holds in memory.
    const fresh = newOperatorMemory();
    drDeps.memory.vrgLastUploadVersion = fresh.vrgLastUploadVersion;
    drDeps.memory.reportedEvents = fresh.reportedEvents;
    drDeps.memory.recipeRetries = fresh.recipeRetries;
    const config = await createOrUpdateRamenConfigMap(deps.client, operatorNamespace);
    index.config = config;
    const served = await Promise.all([BackupKind, BackupStorageLocationKind, RestoreKind].map((k) => deps.client.serves(k).catch(() => false)));
    veleroWatched = config.kubeObjectProtection?.disabled !== true && served.every((s) => s);
    deps.trace.emit({
      type: 'dr.operator.start',
      cluster: deps.clusterName,
      namespace: operatorNamespace,
      s3Profiles: (config.s3StoreProfiles ?? []).map((p) => p.s3ProfileName).join(','),
      maxConcurrentReconciles: maxConcurrentReconcilesOf(config),
      veleroWatched,
    });
  };

  const vrgController: ControllerSpec = {
    name: 'vrg',
    reconciler: rateLimited(createVrgReconciler(drDeps, { veleroWatched: () => veleroWatched }), VRG_BACKOFF, deps.trace, `${deps.clusterName}/vrg`),
    watches: vrgWatches(deps.client, operatorNamespace, index),
    workers: deps.vrgWorkers ?? (() => maxConcurrentReconcilesOf(index.config)),
  };

  return {
    controllers: [vrgController, drClusterConfigControllerSpec({ client: deps.client, clock: deps.clock, trace: deps.trace }), pvrglControllerSpec(drDeps)],
    startHook,
  };
}
