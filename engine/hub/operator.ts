// The hub operator: the DRPlacementControl, DRPolicy and DRCluster controllers of Ramen's hub, written
// only against the hub's ClusterClient, the S3 factory, a clock and the trace sink. The start hook merges
// the hub's RamenConfig with its defaults, as Ramen's main does before its controllers start.

import { DEFAULT_OPERATOR_NAMESPACE } from '../api/ramen/hub-constants.js';
import type { ClusterClient } from '../runtime/client.js';
import type { ObjectStoreFactory } from '../runtime/object-store.js';
import type { Clock } from '../runtime/ports.js';
import type { ControllerSpec } from '../runtime/reconcile.js';
import type { TraceSink } from '../runtime/trace-sink.js';
import { mergeHubConfigAtStart } from './config.js';
import type { HubDeps } from './deps.js';
import { DrClusterReconciler } from './drcluster/reconciler.js';
import { drClusterWatches } from './drcluster/watches.js';
import { DrpcReconciler } from './drpc/reconciler.js';
import { drpcWatches } from './drpc/watches.js';
import { DrPolicyReconciler } from './drpolicy/reconciler.js';
import { drPolicyWatches } from './drpolicy/watches.js';
import { HubCache } from './hub-cache.js';

export interface HubOperatorDeps {
  client: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  objectStores: ObjectStoreFactory;
  /** Ramen's POD_NAMESPACE. Default `ramen-system`. */
  operatorNamespace?: string;
  /**
   * DRPC workers (`maxConcurrentReconciles`). Ramen sizes the controller from the config it merged at
   * start; a manager here is built before that, so the default config's 50 is used unless given.
   */
  drpcWorkers?: number;
}

export interface HubOperator {
  controllers: ControllerSpec[];
  startHook: () => Promise<void>;
}

export function createHubOperator(options: HubOperatorDeps): HubOperator {
  const deps: HubDeps = {
    client: options.client,
    clock: options.clock,
    trace: options.trace,
    objectStores: options.objectStores,
    operatorNamespace: options.operatorNamespace ?? DEFAULT_OPERATOR_NAMESPACE,
  };
  const cache = new HubCache();
  const drpc: ControllerSpec = {
    name: 'drpc',
    reconciler: new DrpcReconciler(deps),
    watches: drpcWatches(deps.client, cache),
    workers: options.drpcWorkers ?? 50,
  };
  const drPolicy: ControllerSpec = { name: 'drpolicy', reconciler: new DrPolicyReconciler(deps), watches: drPolicyWatches(deps.client, cache, deps.operatorNamespace) };
  const drCluster: ControllerSpec = { name: 'drcluster', reconciler: new DrClusterReconciler(deps), watches: drClusterWatches(deps.client, cache, deps.operatorNamespace) };
  return {
    controllers: [drPolicy, drCluster, drpc],
    startHook: async () => {
      await mergeHubConfigAtStart(deps.client, deps.operatorNamespace);
      deps.trace.emit({ type: 'hub.operator.start', operatorNamespace: deps.operatorNamespace });
    },
  };
}
