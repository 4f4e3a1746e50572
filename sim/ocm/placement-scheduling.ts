// OCM's placement scheduling as a pure function: which clusters a Placement may choose (members of
// the cluster sets bound to its namespace, intersected with spec.clusterSets), which of them pass its
// predicates and tolerate their taints, and which it keeps (already chosen clusters first, as OCM's
// Steady prioritizer does; then by name, where OCM would balance across placements). The verdict
// carries the PlacementSatisfied condition with upstream's reasons and messages.

import { matchesSelector, type LabelSelectorRequirement } from '../../engine/api/meta.js';
import { CLUSTER_SET_LABEL, type ManagedCluster, type Taint } from '../../engine/api/ocm/managed-cluster.js';
import type { ManagedClusterSet, ManagedClusterSetBinding } from '../../engine/api/ocm/managed-cluster-set.js';
import { PLACEMENT_SATISFIED, type Placement, type Toleration } from '../../engine/api/ocm/placement.js';
import { parseRfc3339 } from '../../engine/runtime/ports.js';
import { compareStrings } from '../apiserver/json.js';
import type { ConditionInput } from './conditions.js';

export interface ScheduleInput {
  placement: Placement;
  /** The ManagedClusterSetBindings in the placement's namespace. */
  bindings: readonly ManagedClusterSetBinding[];
  clusterSets: readonly ManagedClusterSet[];
  clusters: readonly ManagedCluster[];
  /** The clusters the placement's decisions name now. */
  previous: readonly string[];
  nowMs: number;
}

export interface ScheduleResult {
  /** The chosen clusters, sorted by name. */
  decided: string[];
  satisfied: ConditionInput;
}

/** Whether a cluster belongs to a set, by the set's selector type. */
export function isMember(set: ManagedClusterSet, cluster: ManagedCluster): boolean {
  const selector = set.spec?.clusterSelector;
  if (selector?.selectorType === 'LabelSelector') return matchesSelector(cluster.metadata.labels, selector.labelSelector ?? {});
  return cluster.metadata.labels?.[CLUSTER_SET_LABEL] === set.metadata.name;
}

function claimsMatch(cluster: ManagedCluster, expressions: readonly LabelSelectorRequirement[] | undefined): boolean {
  if (!expressions || expressions.length === 0) return true;
  const claims: Record<string, string> = {};
  for (const c of cluster.status?.clusterClaims ?? []) claims[c.name] = c.value;
  return matchesSelector(claims, { matchExpressions: [...expressions] });
}

function passesPredicates(placement: Placement, cluster: ManagedCluster): boolean {
  const predicates = placement.spec.predicates ?? [];
  if (predicates.length === 0) return true;
  return predicates.some((p) => {
    const required = p.requiredClusterSelector;
    if (!required) return true;
    return matchesSelector(cluster.metadata.labels, required.labelSelector ?? {}) && claimsMatch(cluster, required.claimSelector?.matchExpressions);
  });
}

function tolerates(toleration: Toleration, taint: Taint, nowMs: number): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  const operator = toleration.operator ?? 'Equal';
  if (!toleration.key) {
    if (operator !== 'Exists') return false;
  } else if (toleration.key !== taint.key) {
    return false;
  } else if (operator === 'Equal' && (toleration.value ?? '') !== (taint.value ?? '')) {
    return false;
  }
  if (toleration.tolerationSeconds !== undefined) {
    const added = parseRfc3339(taint.timeAdded);
    if (added !== undefined && nowMs >= added + toleration.tolerationSeconds * 1000) return false;
  }
  return true;
}

function taintsAllow(placement: Placement, cluster: ManagedCluster, wasChosen: boolean, nowMs: number): boolean {
  for (const taint of cluster.spec.taints ?? []) {
    if (taint.effect === 'PreferNoSelect') continue;
    if (taint.effect === 'NoSelectIfNew' && wasChosen) continue;
    if (!(placement.spec.tolerations ?? []).some((t) => tolerates(t, taint, nowMs))) return false;
  }
  return true;
}

export function schedulePlacement(input: ScheduleInput): ScheduleResult {
  const { placement } = input;
  const setsByName = new Map(input.clusterSets.map((s) => [s.metadata.name, s]));
  const bound = input.bindings.filter((b) => setsByName.has(b.metadata.name)).map((b) => b.metadata.name);
  const requested = placement.spec.clusterSets ?? [];
  const eligible = [...new Set(requested.length > 0 ? bound.filter((n) => requested.includes(n)) : bound)].sort(compareStrings);
  const available = input.clusters.filter((c) => !c.metadata.deletionTimestamp && eligible.some((n) => isMember(setsByName.get(n)!, c)));
  const feasible = available.filter((c) => passesPredicates(placement, c) && taintsAllow(placement, c, input.previous.includes(c.metadata.name), input.nowMs));
  const ordered = feasible
    .map((c) => c.metadata.name)
    .sort((a, b) => {
      const steady = Number(input.previous.includes(b)) - Number(input.previous.includes(a));
      return steady !== 0 ? steady : compareStrings(a, b);
    });
  const wanted = placement.spec.numberOfClusters;
  const decided = (wanted === undefined ? ordered : ordered.slice(0, wanted)).sort(compareStrings);
  const unscheduled = wanted === undefined ? 0 : Math.max(0, wanted - decided.length);

  let satisfied: ConditionInput;
  const type = PLACEMENT_SATISFIED;
  if (input.bindings.filter((b) => setsByName.has(b.metadata.name)).length === 0) {
    satisfied = { type, status: 'False', reason: 'NoManagedClusterSetBindings', message: 'No valid ManagedClusterSetBindings found in placement namespace' };
  } else if (eligible.length === 0) {
    satisfied = { type, status: 'False', reason: 'NoIntersection', message: `None of ManagedClusterSets [${requested.join(',')}] is bound to placement namespace` };
  } else if (available.length === 0) {
    satisfied = { type, status: 'False', reason: 'AllManagedClusterSetsEmpty', message: `All ManagedClusterSets [${eligible.join(',')}] have no member ManagedCluster` };
  } else if (feasible.length === 0) {
    satisfied = { type, status: 'False', reason: 'NoManagedClusterMatched', message: 'No ManagedCluster matches any of the cluster predicate' };
  } else if (unscheduled === 0) {
    satisfied = { type, status: 'True', reason: 'AllDecisionsScheduled', message: 'All cluster decisions scheduled' };
  } else {
    satisfied = { type, status: 'False', reason: 'NotAllDecisionsScheduled', message: `${unscheduled} cluster decisions unscheduled` };
  }
  return { decided, satisfied };
}
