// Everything OCM runs on one managed cluster, wired for a klusterlet manager: the work, view,
// registration and policy agents, all talking to the hub through one RemoteClient over the network
// (so the hub<->cluster link governs them) and to their own cluster directly.

import type { ClusterClient } from '../../engine/runtime/client.js';
import type { Clock, Scheduler } from '../../engine/runtime/ports.js';
import type { ControllerSpec } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { Network, NodeId } from '../network/network.js';
import { createPolicyAgent } from './policy-agent.js';
import { createRegistrationAgent } from './registration-agent.js';
import { remoteClient } from './remote-client.js';
import type { PluralOf } from './resources.js';
import { createViewAgent } from './view-agent.js';
import { createWorkAgent } from './work-agent.js';

export interface KlusterletDeps {
  /** The managed cluster's name: its network node and its namespace on the hub. */
  clusterName: string;
  /** A client of the hub's API server (the klusterlet reaches it through `network`). */
  hubClient: ClusterClient;
  /** A client of this cluster's own API server. */
  clusterClient: ClusterClient;
  network: Network;
  clock: Clock;
  scheduler: Scheduler;
  trace: TraceSink;
  /** The hub's network node. Default `hub`. */
  hubNode?: NodeId;
  workResyncMs?: number;
  hubHash?: string;
  evictionGracePeriodMs?: number;
  policyEvaluationIntervalMs?: number;
  watchConnectTimeoutMs?: number;
  pluralOf?: PluralOf;
}

export interface Klusterlet {
  /** The hub as this cluster reaches it. */
  hub: ClusterClient;
  /** Add each to the cluster's klusterlet manager. */
  controllers: ControllerSpec[];
}

export function createKlusterlet(d: KlusterletDeps): Klusterlet {
  const hub = remoteClient({
    target: d.hubClient,
    network: d.network,
    scheduler: d.scheduler,
    from: d.clusterName,
    to: d.hubNode ?? 'hub',
    ...(d.watchConnectTimeoutMs === undefined ? {} : { watchConnectTimeoutMs: d.watchConnectTimeoutMs }),
  });
  const base = { clusterName: d.clusterName, hub, cluster: d.clusterClient, clock: d.clock, trace: d.trace };
  return {
    hub,
    controllers: [
      createRegistrationAgent(base),
      createWorkAgent({
        ...base,
        ...(d.workResyncMs === undefined ? {} : { resyncMs: d.workResyncMs }),
        ...(d.hubHash === undefined ? {} : { hubHash: d.hubHash }),
        ...(d.evictionGracePeriodMs === undefined ? {} : { evictionGracePeriodMs: d.evictionGracePeriodMs }),
        ...(d.pluralOf === undefined ? {} : { pluralOf: d.pluralOf }),
      }),
      createViewAgent(base),
      createPolicyAgent({ ...base, ...(d.policyEvaluationIntervalMs === undefined ? {} : { evaluationIntervalMs: d.policyEvaluationIntervalMs }) }),
    ],
  };
}
