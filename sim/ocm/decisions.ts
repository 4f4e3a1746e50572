// The clusters a Placement or PlacementRule currently names, read the way OCM's consumers (the
// subscription and policy controllers, Argo CD's cluster-decision generator) read them: every entry
// of every PlacementDecision labelled with the placement's name, whatever its reason. So an entry
// Ramen marks `RetainedForFailover` keeps the workload where it is (hub spec §5.3).

import { PLACEMENT_LABEL, PlacementDecisionKind, type PlacementDecision } from '../../engine/api/ocm/placement-decision.js';
import { PlacementRuleKind, type PlacementRule } from '../../engine/api/ocm/placement-rule.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import { compareStrings } from '../apiserver/json.js';

export interface PlacementReference {
  kind: 'Placement' | 'PlacementRule';
  namespace: string;
  name: string;
}

export async function decidedClusters(hub: ClusterClient, ref: PlacementReference): Promise<string[]> {
  let names: string[];
  if (ref.kind === 'PlacementRule') {
    const rule = await ignoreNotFound(hub.get<PlacementRule>(PlacementRuleKind, { namespace: ref.namespace, name: ref.name }));
    names = (rule?.status?.decisions ?? []).map((d) => d.clusterName);
  } else {
    const decisions = await hub.list<PlacementDecision>(PlacementDecisionKind, {
      namespace: ref.namespace,
      labelSelector: { matchLabels: { [PLACEMENT_LABEL]: ref.name } },
    });
    names = decisions.items.flatMap((d) => (d.status?.decisions ?? []).map((x) => x.clusterName));
  }
  return [...new Set(names.filter((n) => n !== ''))].sort(compareStrings);
}
