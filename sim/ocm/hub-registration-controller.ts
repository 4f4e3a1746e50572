// The hub half of OCM registration: accepting clusters the admin approved (condition
// HubAcceptedManagedCluster and the cluster's hub namespace), the lease controller that turns
// `ManagedClusterConditionAvailable` Unknown when a cluster's lease has not been renewed for
// 5 x leaseDurationSeconds (5 minutes by default), and the taint controller that marks such clusters
// `unreachable` / `unavailable` so OCM placements stop choosing them. Runs on the hub, against the
// hub's own API server.

import type { Taint } from '../../engine/api/ocm/managed-cluster.js';
import { CLUSTER_NAME_LEASE_LABEL, LeaseKind, MANAGED_CLUSTER_LEASE_NAME, type Lease } from '../../engine/api/ocm/lease.js';
import {
  DEFAULT_LEASE_DURATION_SECONDS,
  LEASE_DURATION_TIMES,
  MANAGED_CLUSTER_AVAILABLE,
  MANAGED_CLUSTER_HUB_ACCEPTED,
  ManagedClusterKind,
  ManagedClusterMessages,
  ManagedClusterReasons,
  TAINT_UNAVAILABLE,
  TAINT_UNREACHABLE,
  type ManagedCluster,
} from '../../engine/api/ocm/managed-cluster.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound, isAlreadyExists, isConflict } from '../../engine/runtime/errors.js';
import type { Condition } from '../../engine/api/meta.js';
import { ManagedClusterViewKind, VIEW_CONDITION_PROCESSING, VIEW_FAILURE_PREFIX, ViewReasons, type ManagedClusterView } from '../../engine/api/ocm/managed-cluster-view.js';
import { parseRfc3339, rfc3339, type Clock } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { deepEqual } from '../apiserver/json.js';
import { findCondition, isConditionTrue, setCondition } from './conditions.js';
import { NamespaceKindRef } from './registration-agent.js';

export interface HubRegistrationDeps {
  /** The hub's own API server. */
  hub: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  /** Default `managed-cluster-registration`. */
  name?: string;
}

class HubRegistration implements Reconciler {
  constructor(private readonly d: HubRegistrationDeps) {}

  async reconcile(req: Request): Promise<Result> {
    let mc = await ignoreNotFound(this.d.hub.get<ManagedCluster>(ManagedClusterKind, { name: req.name }));
    if (!mc || mc.metadata.deletionTimestamp) return {};
    const now = rfc3339(this.d.clock.nowMs());
    if (!mc.spec.hubAcceptsClient) return {};
    await this.ensureNamespace(mc.metadata.name);
    if (!isConditionTrue(mc.status?.conditions, MANAGED_CLUSTER_HUB_ACCEPTED)) {
      const conditions = setCondition(
        mc.status?.conditions,
        { type: MANAGED_CLUSTER_HUB_ACCEPTED, status: 'True', reason: ManagedClusterReasons.hubAccepted, message: ManagedClusterMessages.hubAccepted },
        now,
      );
      mc = await this.d.hub.updateStatus<ManagedCluster>({ ...mc, status: { ...(mc.status ?? {}), conditions } });
      this.d.trace.emit({ type: 'ocm.cluster.accepted', cluster: mc.metadata.name });
    }

    const leaseSeconds = mc.spec.leaseDurationSeconds || DEFAULT_LEASE_DURATION_SECONDS;
    const graceMs = LEASE_DURATION_TIMES * leaseSeconds * 1000;
    const key = { namespace: mc.metadata.name, name: MANAGED_CLUSTER_LEASE_NAME };
    const lease = await ignoreNotFound(this.d.hub.get<Lease>(LeaseKind, key));
    if (!lease) {
      // The hub creates the lease with the current time, so a cluster that never renews it goes Unknown a grace period later.
      try {
        await this.d.hub.create<Lease>({
          apiVersion: LeaseKind.apiVersion,
          kind: LeaseKind.kind,
          metadata: { ...key, labels: { [CLUSTER_NAME_LEASE_LABEL]: mc.metadata.name } },
          spec: { holderIdentity: MANAGED_CLUSTER_LEASE_NAME, renewTime: now },
        });
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
      }
    } else {
      const renewMs = parseRfc3339(lease.spec.renewTime) ?? 0;
      const available = findCondition(mc.status?.conditions, MANAGED_CLUSTER_AVAILABLE);
      if (this.d.clock.nowMs() >= renewMs + graceMs && available?.status !== 'Unknown') {
        const conditions = setCondition(
          mc.status?.conditions,
          { type: MANAGED_CLUSTER_AVAILABLE, status: 'Unknown', reason: ManagedClusterReasons.leaseUpdateStopped, message: ManagedClusterMessages.leaseUpdateStopped },
          now,
        );
        mc = await this.d.hub.updateStatus<ManagedCluster>({ ...mc, status: { ...(mc.status ?? {}), conditions } });
        this.d.trace.emit({ type: 'ocm.cluster.unavailable', cluster: mc.metadata.name, available: 'Unknown' });
        await this.failViews(mc.metadata.name, now);
      }
    }
    await this.syncTaints(mc, now);
    // Always look again a grace period later, as the upstream lease controller does.
    return { requeueAfterMs: graceMs };
  }

  /**
   * Once the hub knows a cluster is unreachable, its views answer with an error instead of their last
   * result, so a reader such as Ramen counts the cluster as not queried (hub spec §5.2 allows either
   * this or an indefinitely stale view; drsim models the error, see docs/fidelity.md). Within the lease
   * grace period before that, views are merely stale. The view agent overwrites this on its next
   * refresh once the cluster is back.
   */
  private async failViews(cluster: string, now: string): Promise<void> {
    const views = await this.d.hub.list<ManagedClusterView>(ManagedClusterViewKind, { namespace: cluster });
    for (const v of views.items) {
      const conditions: Condition[] = [
        { type: VIEW_CONDITION_PROCESSING, status: 'False', reason: ViewReasons.getResourceFailed, message: `${VIEW_FAILURE_PREFIX}the managed cluster ${cluster} is not available`, lastTransitionTime: now },
      ];
      try {
        await this.d.hub.updateStatus<ManagedClusterView>({ ...v, status: { ...(v.status ?? {}), conditions } });
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
  }

  private async ensureNamespace(name: string): Promise<void> {
    if (await ignoreNotFound(this.d.hub.get(NamespaceKindRef, { name }))) return;
    try {
      await this.d.hub.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  }

  private async syncTaints(mc: ManagedCluster, now: string): Promise<void> {
    const status = findCondition(mc.status?.conditions, MANAGED_CLUSTER_AVAILABLE)?.status;
    const wanted = status === 'Unknown' ? TAINT_UNREACHABLE : status === 'False' ? TAINT_UNAVAILABLE : undefined;
    const current = mc.spec.taints ?? [];
    const kept: Taint[] = current.filter((t) => (t.key !== TAINT_UNREACHABLE && t.key !== TAINT_UNAVAILABLE) || t.key === wanted);
    if (wanted && !kept.some((t) => t.key === wanted)) kept.push({ key: wanted, effect: 'NoSelect', timeAdded: now });
    if (deepEqual(kept, current)) return;
    await this.d.hub.update<ManagedCluster>({ ...mc, spec: { ...mc.spec, taints: kept } });
  }
}

/** Hub-side registration, lease and taint handling for every ManagedCluster. */
export function createHubRegistrationController(deps: HubRegistrationDeps): ControllerSpec {
  return {
    name: deps.name ?? 'managed-cluster-registration',
    reconciler: new HubRegistration(deps),
    watches: [
      { client: deps.hub, kind: ManagedClusterKind },
      {
        client: deps.hub,
        kind: LeaseKind,
        map: (obj) => {
          const cluster = obj.metadata.labels?.[CLUSTER_NAME_LEASE_LABEL];
          return cluster && obj.metadata.name === MANAGED_CLUSTER_LEASE_NAME ? [{ name: cluster }] : [];
        },
      },
    ],
  };
}
