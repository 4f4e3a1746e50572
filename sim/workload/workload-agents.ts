// The workload agents of one managed cluster, for a Manager of their own: the kubelet's Pod
// start-up and the application writers.

import type { ClusterClient } from '../../engine/runtime/client.js';
import type { Clock } from '../../engine/runtime/ports.js';
import type { ControllerSpec } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { StorageBackend } from '../storage/storage-backend.js';
import { appWriterController } from './app-writer.js';
import { kubeletController } from './kubelet.js';
import type { WriteLedger } from './write-ledger.js';

export interface WorkloadAgentDeps {
  cluster: string;
  client: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  storage: StorageBackend;
  ledger: WriteLedger;
  /** Must match the storage agents' node name. Default `<cluster>-worker-0`. */
  nodeName?: string;
}

export function createWorkloadAgents(deps: WorkloadAgentDeps): ControllerSpec[] {
  return [kubeletController(deps), appWriterController(deps)];
}
