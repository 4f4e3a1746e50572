// OCM's placement scheduling controller on the hub. For every Placement it writes the chosen clusters
// into `<placement>-decision-1` (labelled with the placement's name, controller-owned by it) and
// updates the Placement's status. A Placement annotated
// `cluster.open-cluster-management.io/experimental-scheduling-disable: "true"` is skipped entirely:
// its decisions are Ramen's to write (hub spec §5.3). Only the exact value "true" disables OCM,
// although Ramen accepts any value but "false".

import type { KubeObject, OwnerReference } from '../../engine/api/meta.js';
import { ManagedClusterKind, type ManagedCluster } from '../../engine/api/ocm/managed-cluster.js';
import {
  ManagedClusterSetBindingKind,
  ManagedClusterSetKind,
  type ManagedClusterSet,
  type ManagedClusterSetBinding,
} from '../../engine/api/ocm/managed-cluster-set.js';
import { PLACEMENT_DISABLE_ANNOTATION, PLACEMENT_MISCONFIGURED, PlacementKind, type Placement, type PlacementStatus } from '../../engine/api/ocm/placement.js';
import {
  DECISION_GROUP_INDEX_LABEL,
  DECISION_GROUP_NAME_LABEL,
  PLACEMENT_LABEL,
  PlacementDecisionKind,
  placementDecisionName,
  type PlacementDecision,
} from '../../engine/api/ocm/placement-decision.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import { rfc3339, type Clock } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { compareStrings, deepEqual } from '../apiserver/json.js';
import { setCondition } from './conditions.js';
import { KeyIndex } from './key-index.js';
import { schedulePlacement } from './placement-scheduling.js';

export interface PlacementControllerDeps {
  /** The hub's own API server. */
  hub: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  /** Default `placement-scheduler`. */
  name?: string;
}

/** Whether OCM's scheduler leaves this Placement to someone else (Ramen). */
export function isSchedulingDisabled(placement: KubeObject): boolean {
  return placement.metadata.annotations?.[PLACEMENT_DISABLE_ANNOTATION] === 'true';
}

class PlacementScheduler implements Reconciler {
  constructor(private readonly d: PlacementControllerDeps) {}

  async reconcile(req: Request): Promise<Result> {
    const { hub } = this.d;
    const placement = await ignoreNotFound(hub.get<Placement>(PlacementKind, req));
    if (!placement || placement.metadata.deletionTimestamp || isSchedulingDisabled(placement)) return {};
    const namespace = placement.metadata.namespace ?? '';
    const [bindings, sets, clusters, decisions] = await Promise.all([
      hub.list<ManagedClusterSetBinding>(ManagedClusterSetBindingKind, { namespace }),
      hub.list<ManagedClusterSet>(ManagedClusterSetKind),
      hub.list<ManagedCluster>(ManagedClusterKind),
      hub.list<PlacementDecision>(PlacementDecisionKind, { namespace, labelSelector: { matchLabels: { [PLACEMENT_LABEL]: placement.metadata.name } } }),
    ]);
    const previous = decisions.items.flatMap((d) => (d.status?.decisions ?? []).map((x) => x.clusterName));
    const result = schedulePlacement({
      placement,
      bindings: bindings.items,
      clusterSets: sets.items,
      clusters: clusters.items,
      previous,
      nowMs: this.d.clock.nowMs(),
    });
    await this.bind(placement, result.decided, decisions.items);

    const now = rfc3339(this.d.clock.nowMs());
    const name = placementDecisionName(placement.metadata.name, 1);
    let conditions = setCondition(
      placement.status?.conditions,
      { type: PLACEMENT_MISCONFIGURED, status: 'False', reason: 'Succeedconfigured', message: 'Placement configurations check pass' },
      now,
    );
    conditions = setCondition(conditions, result.satisfied, now);
    const status: PlacementStatus = {
      numberOfSelectedClusters: result.decided.length,
      decisionGroups: [{ decisionGroupIndex: 0, decisionGroupName: '', decisions: [name], clustersCount: result.decided.length }],
      conditions,
    };
    if (!deepEqual(status, placement.status ?? {})) await hub.updateStatus<Placement>({ ...placement, status });
    return {};
  }

  private async bind(placement: Placement, decided: string[], existing: PlacementDecision[]): Promise<void> {
    const { hub } = this.d;
    const namespace = placement.metadata.namespace ?? '';
    const name = placementDecisionName(placement.metadata.name, 1);
    const wanted = decided.map((clusterName) => ({ clusterName, reason: '' }));
    let decision = existing.find((d) => d.metadata.name === name);
    if (!decision) {
      const owner: OwnerReference = {
        apiVersion: PlacementKind.apiVersion,
        kind: PlacementKind.kind,
        name: placement.metadata.name,
        uid: placement.metadata.uid ?? '',
        controller: true,
        blockOwnerDeletion: true,
      };
      decision = await hub.create<PlacementDecision>({
        apiVersion: PlacementDecisionKind.apiVersion,
        kind: PlacementDecisionKind.kind,
        metadata: {
          name,
          namespace,
          labels: { [PLACEMENT_LABEL]: placement.metadata.name, [DECISION_GROUP_NAME_LABEL]: '', [DECISION_GROUP_INDEX_LABEL]: '0' },
          ownerReferences: [owner],
        },
      });
    }
    if (!deepEqual(decision.status?.decisions ?? [], wanted)) {
      await hub.updateStatus<PlacementDecision>({ ...decision, status: { decisions: wanted } });
      this.d.trace.emit({
        type: 'ocm.placement.decision',
        placement: `${namespace}/${placement.metadata.name}`,
        clusters: decided.join(','),
      });
    }
    // Decisions beyond the first come from a larger earlier choice; OCM deletes the surplus.
    for (const extra of existing.filter((d) => d.metadata.name !== name && d.metadata.name.startsWith(`${placement.metadata.name}-decision-`)).sort((a, b) => compareStrings(a.metadata.name, b.metadata.name))) {
      await ignoreNotFound(hub.delete(PlacementDecisionKind, { namespace, name: extra.metadata.name }));
    }
  }
}

/** The placement scheduler for the hub's OCM manager. */
export function createPlacementController(deps: PlacementControllerDeps): ControllerSpec {
  const placements = new KeyIndex();
  return {
    name: deps.name ?? 'placement-scheduler',
    reconciler: new PlacementScheduler(deps),
    watches: [
      { client: deps.hub, kind: PlacementKind, map: (obj, type) => [placements.track(obj, type)] },
      {
        client: deps.hub,
        kind: PlacementDecisionKind,
        map: (obj) => {
          const owner = obj.metadata.labels?.[PLACEMENT_LABEL];
          return owner && obj.metadata.namespace ? [{ namespace: obj.metadata.namespace, name: owner }] : [];
        },
      },
      { client: deps.hub, kind: ManagedClusterKind, map: () => placements.all() },
      { client: deps.hub, kind: ManagedClusterSetKind, map: () => placements.all() },
      { client: deps.hub, kind: ManagedClusterSetBindingKind, map: (obj) => placements.inNamespace(obj.metadata.namespace ?? '') },
    ],
  };
}
