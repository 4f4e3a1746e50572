// OCM's PlacementRule controller (multicloud-operators-placementrule) on the hub. It decides rules
// with no scheduler name or `default`, writing `status.decisions` [{clusterName, clusterNamespace}];
// a rule with `schedulerName: ramen` belongs to Ramen and is left alone (hub spec §5.3). Candidates
// are the ManagedClusters named in `spec.clusters` (all clusters when empty) that match
// `spec.clusterSelector` and `spec.clusterConditions`; clusters already decided are kept first, then
// the rest by name, up to `spec.clusterReplicas`.

import { matchesSelector } from '../../engine/api/meta.js';
import { ManagedClusterKind, type ManagedCluster } from '../../engine/api/ocm/managed-cluster.js';
import { PlacementRuleKind, type PlacementRule, type PlacementRuleDecision } from '../../engine/api/ocm/placement-rule.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import { rfc3339, type Clock } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { compareStrings, deepEqual } from '../apiserver/json.js';
import { findCondition } from './conditions.js';
import { KeyIndex } from './key-index.js';

export interface PlacementRuleControllerDeps {
  hub: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  /** Default `placementrule-scheduler`. */
  name?: string;
}

/** Whether OCM's placement-rule controller schedules this rule. */
export function isOcmScheduledRule(rule: PlacementRule): boolean {
  const scheduler = rule.spec?.schedulerName ?? '';
  return scheduler === '' || scheduler === 'default';
}

export function decideRule(rule: PlacementRule, clusters: readonly ManagedCluster[]): string[] {
  const named = (rule.spec.clusters ?? []).map((c) => c.name);
  const previous = (rule.status?.decisions ?? []).map((d) => d.clusterName);
  const candidates = clusters
    .filter((c) => !c.metadata.deletionTimestamp)
    .filter((c) => named.length === 0 || named.includes(c.metadata.name))
    .filter((c) => matchesSelector(c.metadata.labels, rule.spec.clusterSelector))
    .filter((c) => (rule.spec.clusterConditions ?? []).every((cond) => !cond.type || findCondition(c.status?.conditions, cond.type)?.status === (cond.status ?? 'True')))
    .map((c) => c.metadata.name)
    .sort((a, b) => {
      const steady = Number(previous.includes(b)) - Number(previous.includes(a));
      return steady !== 0 ? steady : compareStrings(a, b);
    });
  const replicas = rule.spec.clusterReplicas;
  return (replicas === undefined ? candidates : candidates.slice(0, replicas)).sort(compareStrings);
}

class PlacementRuleScheduler implements Reconciler {
  constructor(private readonly d: PlacementRuleControllerDeps) {}

  async reconcile(req: Request): Promise<Result> {
    const rule = await ignoreNotFound(this.d.hub.get<PlacementRule>(PlacementRuleKind, req));
    if (!rule || rule.metadata.deletionTimestamp || !isOcmScheduledRule(rule)) return {};
    const clusters = await this.d.hub.list<ManagedCluster>(ManagedClusterKind);
    const decisions: PlacementRuleDecision[] = decideRule(rule, clusters.items).map((c) => ({ clusterName: c, clusterNamespace: c }));
    if (deepEqual(decisions, rule.status?.decisions ?? [])) return {};
    await this.d.hub.updateStatus<PlacementRule>({ ...rule, status: { decisions, lastUpdateTime: rfc3339(this.d.clock.nowMs()) } });
    this.d.trace.emit({
      type: 'ocm.placementrule.decision',
      placementRule: `${rule.metadata.namespace ?? ''}/${rule.metadata.name}`,
      clusters: decisions.map((d) => d.clusterName).join(','),
    });
    return {};
  }
}

export function createPlacementRuleController(deps: PlacementRuleControllerDeps): ControllerSpec {
  const rules = new KeyIndex();
  return {
    name: deps.name ?? 'placementrule-scheduler',
    reconciler: new PlacementRuleScheduler(deps),
    watches: [
      { client: deps.hub, kind: PlacementRuleKind, map: (obj, type) => [rules.track(obj, type)] },
      { client: deps.hub, kind: ManagedClusterKind, map: () => rules.all() },
    ],
  };
}
