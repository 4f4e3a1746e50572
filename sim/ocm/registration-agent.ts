// The registration agent of one managed cluster (klusterlet registration). Every lease period it
// renews `managed-cluster-lease` in the cluster's hub namespace and keeps the ManagedCluster's status
// current: Joined, Available and the `id.k8s.io` claim (the uid of the cluster's kube-system
// namespace). All of it crosses the network, so a partitioned or dead cluster simply stops renewing,
// and the hub's lease controller notices after the grace period.

import type { KubeObject } from '../../engine/api/meta.js';
import { CLUSTER_NAME_LEASE_LABEL, LeaseKind, MANAGED_CLUSTER_LEASE_NAME, type Lease } from '../../engine/api/ocm/lease.js';
import {
  CLUSTER_CLAIM_ID,
  DEFAULT_LEASE_DURATION_SECONDS,
  MANAGED_CLUSTER_AVAILABLE,
  MANAGED_CLUSTER_HUB_ACCEPTED,
  MANAGED_CLUSTER_JOINED,
  ManagedClusterKind,
  ManagedClusterMessages,
  ManagedClusterReasons,
  type ManagedCluster,
  type ManagedClusterStatus,
} from '../../engine/api/ocm/managed-cluster.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound, isAlreadyExists } from '../../engine/runtime/errors.js';
import { rfc3339, type Clock } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { deepEqual } from '../apiserver/json.js';
import { isConditionTrue, setCondition } from './conditions.js';
import { errorMessage } from './resources.js';

export const NamespaceKindRef = { apiVersion: 'v1', kind: 'Namespace' } as const;
export const KUBE_SYSTEM_NAMESPACE = 'kube-system';

export interface RegistrationAgentDeps {
  clusterName: string;
  hub: ClusterClient;
  cluster: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  /** Default `registration-agent`. */
  name?: string;
}

class RegistrationAgent implements Reconciler {
  constructor(private readonly d: RegistrationAgentDeps) {}

  async reconcile(req: Request): Promise<Result> {
    let periodMs = DEFAULT_LEASE_DURATION_SECONDS * 1000;
    try {
      const mc = await ignoreNotFound(this.d.hub.get<ManagedCluster>(ManagedClusterKind, { name: req.name }));
      // An unregistered or not yet accepted cluster cannot join: it waits for the hub admin.
      if (!mc || mc.metadata.deletionTimestamp || !isConditionTrue(mc.status?.conditions, MANAGED_CLUSTER_HUB_ACCEPTED)) return { requeueAfterMs: periodMs };
      periodMs = (mc.spec.leaseDurationSeconds || DEFAULT_LEASE_DURATION_SECONDS) * 1000;
      await this.renewLease(periodMs);
      await this.updateStatus(mc);
    } catch (err) {
      // Like the agent's ticker, a failed round is simply tried again next period.
      this.d.trace.emit({ type: 'ocm.registration.failed', cluster: this.d.clusterName, error: errorMessage(err) });
    }
    return { requeueAfterMs: periodMs };
  }

  private async renewLease(periodMs: number): Promise<void> {
    const now = rfc3339(this.d.clock.nowMs());
    const key = { namespace: this.d.clusterName, name: MANAGED_CLUSTER_LEASE_NAME };
    const lease = await ignoreNotFound(this.d.hub.get<Lease>(LeaseKind, key));
    if (!lease) {
      try {
        await this.d.hub.create<Lease>({
          apiVersion: LeaseKind.apiVersion,
          kind: LeaseKind.kind,
          metadata: { ...key, labels: { [CLUSTER_NAME_LEASE_LABEL]: this.d.clusterName } },
          spec: { holderIdentity: MANAGED_CLUSTER_LEASE_NAME, leaseDurationSeconds: periodMs / 1000, renewTime: now },
        });
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
      }
      return;
    }
    await this.d.hub.update<Lease>({ ...lease, spec: { ...lease.spec, renewTime: now } });
  }

  /** The uid of kube-system is the cluster's identity; a cluster always has one, so it is made if missing. */
  private async clusterId(): Promise<string> {
    let ns: KubeObject | undefined = await ignoreNotFound(this.d.cluster.get(NamespaceKindRef, { name: KUBE_SYSTEM_NAMESPACE }));
    if (!ns) {
      try {
        ns = await this.d.cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: KUBE_SYSTEM_NAMESPACE } });
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        ns = await this.d.cluster.get(NamespaceKindRef, { name: KUBE_SYSTEM_NAMESPACE });
      }
    }
    return ns.metadata.uid ?? this.d.clusterName;
  }

  private async updateStatus(mc: ManagedCluster): Promise<void> {
    const now = rfc3339(this.d.clock.nowMs());
    const id = await this.clusterId();
    const status: ManagedClusterStatus = { ...(mc.status ?? {}) };
    let conditions = setCondition(mc.status?.conditions, { type: MANAGED_CLUSTER_JOINED, status: 'True', reason: ManagedClusterReasons.joined, message: ManagedClusterMessages.joined }, now);
    conditions = setCondition(conditions, { type: MANAGED_CLUSTER_AVAILABLE, status: 'True', reason: ManagedClusterReasons.available, message: ManagedClusterMessages.available }, now);
    status.conditions = conditions;
    const claims = (mc.status?.clusterClaims ?? []).filter((c) => c.name !== CLUSTER_CLAIM_ID);
    status.clusterClaims = [...claims, { name: CLUSTER_CLAIM_ID, value: id }].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (!deepEqual(status, mc.status ?? {})) {
      await this.d.hub.updateStatus<ManagedCluster>({ ...mc, status });
      this.d.trace.emit({ type: 'ocm.registration.status', cluster: this.d.clusterName, available: 'True' });
    }
  }
}

/**
 * The registration agent as a controller for the klusterlet manager: it watches its own
 * ManagedCluster on the hub and then runs once per lease period whether or not anything changes.
 */
export function createRegistrationAgent(deps: RegistrationAgentDeps): ControllerSpec {
  return {
    name: deps.name ?? 'registration-agent',
    reconciler: new RegistrationAgent(deps),
    watches: [
      {
        client: deps.hub,
        kind: ManagedClusterKind,
        map: (obj) => (obj.metadata.name === deps.clusterName ? [{ name: deps.clusterName }] : []),
      },
    ],
  };
}
