// Placement and PlacementRule scheduling: decisions chosen from bound cluster sets by predicates and
// numberOfClusters, kept steady, moved off tainted (unreachable) clusters, and left entirely to
// Ramen when the Placement carries the scheduling-disable annotation (or the rule names Ramen).

import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../../engine/api/meta.js';
import { ManagedClusterKind, type ManagedCluster } from '../../../../engine/api/ocm/managed-cluster.js';
import { PLACEMENT_DISABLE_ANNOTATION, PlacementKind, type Placement } from '../../../../engine/api/ocm/placement.js';
import { PLACEMENT_LABEL, PlacementDecisionKind, type PlacementDecision } from '../../../../engine/api/ocm/placement-decision.js';
import { PlacementRuleKind, type PlacementRule } from '../../../../engine/api/ocm/placement-rule.js';
import type { ManagedClusterSet, ManagedClusterSetBinding } from '../../../../engine/api/ocm/managed-cluster-set.js';
import { bindClusterSet } from '../../../../sim/ocm/ocm-setup.js';
import { schedulePlacement } from '../../../../sim/ocm/placement-scheduling.js';
import { ocmRig, type OcmRig } from './ocm-rig.js';

function placement(name: string, spec: Placement['spec'], annotations?: Record<string, string>): Placement {
  return { apiVersion: PlacementKind.apiVersion, kind: PlacementKind.kind, metadata: { name, namespace: 'apps', ...(annotations ? { annotations } : {}) }, spec };
}

function decided(rig: OcmRig, name: string): string[] | undefined {
  return rig.peek<PlacementDecision>('hub', PlacementDecisionKind, `${name}-decision-1`, 'apps')?.status?.decisions.map((d) => d.clusterName);
}

function cluster(name: string, labels: Record<string, string> = {}, taints: ManagedCluster['spec']['taints'] = []): ManagedCluster {
  return { apiVersion: ManagedClusterKind.apiVersion, kind: ManagedClusterKind.kind, metadata: { name, labels: { 'cluster.open-cluster-management.io/clusterset': 'dr', ...labels } }, spec: { hubAcceptsClient: true, taints } };
}

const SET: ManagedClusterSet = { apiVersion: '', kind: '', metadata: { name: 'dr' }, spec: { clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } } };
const BINDING: ManagedClusterSetBinding = { apiVersion: '', kind: '', metadata: { name: 'dr', namespace: 'apps' }, spec: { clusterSet: 'dr' } };

async function rigWithApps(): Promise<OcmRig> {
  const rig = await ocmRig({ clusters: ['east', 'west', 'north'] });
  await rig.hubClient.create(rig.nsObject('apps'));
  await bindClusterSet(rig.hubClient, 'apps', 'dr');
  return rig;
}

describe('placement scheduling (pure)', () => {
  const base = { bindings: [BINDING], clusterSets: [SET], nowMs: 0 };

  it('chooses by label predicate and numberOfClusters, by name', () => {
    const clusters = [cluster('c', { tier: 'gold' }), cluster('a', { tier: 'gold' }), cluster('b', { tier: 'silver' })];
    const p = placement('p', { numberOfClusters: 1, predicates: [{ requiredClusterSelector: { labelSelector: { matchLabels: { tier: 'gold' } } } }] });
    const r = schedulePlacement({ ...base, placement: p, clusters, previous: [] });
    expect(r.decided).toEqual(['a']);
    expect(r.satisfied).toMatchObject({ status: 'True', reason: 'AllDecisionsScheduled' });
  });

  it('keeps the clusters it already chose (steady)', () => {
    const clusters = [cluster('a'), cluster('b'), cluster('c')];
    const r = schedulePlacement({ ...base, placement: placement('p', { numberOfClusters: 1 }), clusters, previous: ['c'] });
    expect(r.decided).toEqual(['c']);
  });

  it('skips clusters with an untolerated NoSelect taint, even already chosen ones', () => {
    const taint = { key: 'cluster.open-cluster-management.io/unreachable', effect: 'NoSelect' as const, timeAdded: '2026-01-01T00:00:00Z' };
    const clusters = [cluster('a', {}, [taint]), cluster('b')];
    expect(schedulePlacement({ ...base, placement: placement('p', { numberOfClusters: 1 }), clusters, previous: ['a'] }).decided).toEqual(['b']);
    const tolerant = placement('p', { numberOfClusters: 1, tolerations: [{ key: taint.key, operator: 'Exists' }] });
    expect(schedulePlacement({ ...base, placement: tolerant, clusters, previous: ['a'] }).decided).toEqual(['a']);
  });

  it('reports the upstream reasons when nothing can be chosen', () => {
    const p = placement('p', {});
    expect(schedulePlacement({ ...base, bindings: [], placement: p, clusters: [cluster('a')], previous: [] }).satisfied.reason).toBe('NoManagedClusterSetBindings');
    expect(schedulePlacement({ ...base, placement: placement('p', { clusterSets: ['other'] }), clusters: [cluster('a')], previous: [] }).satisfied.reason).toBe('NoIntersection');
    expect(schedulePlacement({ ...base, placement: p, clusters: [], previous: [] }).satisfied.reason).toBe('AllManagedClusterSetsEmpty');
    const none = placement('p', { predicates: [{ requiredClusterSelector: { labelSelector: { matchLabels: { tier: 'x' } } } }] });
    expect(schedulePlacement({ ...base, placement: none, clusters: [cluster('a')], previous: [] }).satisfied.reason).toBe('NoManagedClusterMatched');
    const r = schedulePlacement({ ...base, placement: placement('p', { numberOfClusters: 3 }), clusters: [cluster('a')], previous: [] });
    expect(r.satisfied).toMatchObject({ status: 'False', reason: 'NotAllDecisionsScheduled', message: '2 cluster decisions unscheduled' });
  });
});

describe('placement controller', () => {
  it('writes <placement>-decision-1, labelled and owned, and the placement status', async () => {
    const rig = await rigWithApps();
    await rig.hubClient.create(placement('p', { numberOfClusters: 1 }));
    expect(await rig.until(() => decided(rig, 'p')?.length === 1, 30_000)).toBe(true);
    const d = rig.peek<PlacementDecision>('hub', PlacementDecisionKind, 'p-decision-1', 'apps')!;
    expect(d.status!.decisions).toEqual([{ clusterName: 'east', reason: '' }]);
    expect(d.metadata.labels?.[PLACEMENT_LABEL]).toBe('p');
    expect(d.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Placement', name: 'p', controller: true });
    await rig.runFor(1_000);
    const p = rig.peek<Placement>('hub', PlacementKind, 'p', 'apps')!;
    expect(p.status?.numberOfSelectedClusters).toBe(1);
    expect(p.status?.conditions?.find((c: Condition) => c.type === 'PlacementSatisfied')?.status).toBe('True');
  });

  it('leaves a Placement with the scheduling-disable annotation to Ramen', async () => {
    const rig = await rigWithApps();
    await rig.hubClient.create(placement('ramen-owned', { numberOfClusters: 1 }, { [PLACEMENT_DISABLE_ANNOTATION]: 'true' }));
    await rig.hubClient.create(placement('ocm-owned', { numberOfClusters: 1 }));
    expect(await rig.until(() => decided(rig, 'ocm-owned') !== undefined, 30_000)).toBe(true);
    await rig.runFor(60_000);
    expect(rig.peek('hub', PlacementDecisionKind, 'ramen-owned-decision-1', 'apps')).toBeUndefined();
    // A decision Ramen writes is never touched, even when the cluster it names becomes unreachable.
    await rig.hubClient.create({
      apiVersion: PlacementDecisionKind.apiVersion,
      kind: PlacementDecisionKind.kind,
      metadata: { name: 'ramen-owned-decision-1', namespace: 'apps', labels: { [PLACEMENT_LABEL]: 'ramen-owned' } },
    });
    const pd = await rig.hubClient.get<PlacementDecision>(PlacementDecisionKind, { namespace: 'apps', name: 'ramen-owned-decision-1' });
    await rig.hubClient.updateStatus({ ...pd, status: { decisions: [{ clusterName: 'west', reason: 'west' }] } });
    rig.network.cut('west', 'hub');
    expect(await rig.until(() => rig.availability('west') === 'Unknown', 11 * 60_000)).toBe(true);
    await rig.runFor(60_000);
    expect(decided(rig, 'ramen-owned')).toEqual(['west']);
  });

  it('still schedules when the annotation says anything but "true"', async () => {
    const rig = await rigWithApps();
    await rig.hubClient.create(placement('p', { numberOfClusters: 1 }, { [PLACEMENT_DISABLE_ANNOTATION]: 'yes' }));
    expect(await rig.until(() => decided(rig, 'p')?.length === 1, 30_000)).toBe(true);
  });

  it('moves an OCM-scheduled placement off a cluster that becomes unreachable', async () => {
    const rig = await rigWithApps();
    await rig.hubClient.create(placement('p', { numberOfClusters: 1 }));
    expect(await rig.until(() => decided(rig, 'p')?.[0] === 'east', 30_000)).toBe(true);
    rig.network.cut('east', 'hub');
    expect(await rig.until(() => decided(rig, 'p')?.[0] === 'north', 11 * 60_000)).toBe(true);
  });
});

describe('placement rule controller', () => {
  function rule(name: string, spec: PlacementRule['spec']): PlacementRule {
    return { apiVersion: PlacementRuleKind.apiVersion, kind: PlacementRuleKind.kind, metadata: { name, namespace: 'apps' }, spec };
  }

  it('decides rules by cluster list, selector and replicas', async () => {
    const rig = await rigWithApps();
    await rig.hubClient.create(rule('listed', { clusters: [{ name: 'west' }, { name: 'north' }], clusterReplicas: 1 }));
    await rig.hubClient.create(rule('all', {}));
    expect(await rig.until(() => (rig.peek<PlacementRule>('hub', PlacementRuleKind, 'all', 'apps')?.status?.decisions?.length ?? 0) === 3, 30_000)).toBe(true);
    await rig.runFor(1_000);
    expect(rig.peek<PlacementRule>('hub', PlacementRuleKind, 'listed', 'apps')!.status!.decisions).toEqual([{ clusterName: 'north', clusterNamespace: 'north' }]);
  });

  it('leaves a rule with schedulerName ramen alone', async () => {
    const rig = await rigWithApps();
    await rig.hubClient.create(rule('ramen', { schedulerName: 'ramen', clusterReplicas: 1 }));
    await rig.hubClient.create(rule('ocm', { clusterReplicas: 1 }));
    expect(await rig.until(() => rig.peek<PlacementRule>('hub', PlacementRuleKind, 'ocm', 'apps')?.status?.decisions !== undefined, 30_000)).toBe(true);
    await rig.runFor(60_000);
    expect(rig.peek<PlacementRule>('hub', PlacementRuleKind, 'ramen', 'apps')!.status).toBeUndefined();
  });
});
