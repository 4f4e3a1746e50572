// The storage agents of one managed cluster, for a Manager of their own: what kube-controller-manager,
// the CSI sidecars and the csi-addons controller do for the storage this cluster's nodes use. They are
// written against the cluster client and the storage backend only.

import type { ClusterClient } from '../../engine/runtime/client.js';
import type { Clock } from '../../engine/runtime/ports.js';
import type { ControllerSpec } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { attachDetachController, csiAttacherController } from './attacher.js';
import { maintenanceModeResponder } from './maintenance-mode-responder.js';
import { networkFenceController } from './network-fence-controller.js';
import { pvProtectionController, pvcProtectionController } from './object-protection.js';
import { pvBinderController } from './pv-binder.js';
import { pvReclaimerController } from './pv-reclaimer.js';
import type { StorageBackend } from './storage-backend.js';
import { volumeReplicationController } from './volume-replication-controller.js';

export interface StorageAgentDeps {
  cluster: string;
  client: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  storage: StorageBackend;
  /** The node Pods run on; must match the workload agents. Default `<cluster>-worker-0`. */
  nodeName?: string;
  /** How long the vendor takes to activate failover maintenance mode. Default 10 s. */
  maintenanceActivationDelayMs?: number;
  /** Serve Ramen's MaintenanceMode kind (the cluster must serve it). Default true. */
  maintenanceMode?: boolean;
}

export function createStorageAgents(deps: StorageAgentDeps): ControllerSpec[] {
  const specs: ControllerSpec[] = [
    pvBinderController(deps),
    pvReclaimerController(deps),
    pvcProtectionController(deps.client),
    pvProtectionController(deps.client),
    attachDetachController(deps),
    csiAttacherController(deps),
    volumeReplicationController(deps),
    networkFenceController(deps),
  ];
  if (deps.maintenanceMode !== false) {
    specs.push(maintenanceModeResponder({ ...deps, ...(deps.maintenanceActivationDelayMs === undefined ? {} : { activationDelayMs: deps.maintenanceActivationDelayMs }) }));
  }
  return specs;
}
