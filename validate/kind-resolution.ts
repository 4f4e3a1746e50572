// Answers, for one document, the REST mapper's question on the chosen cluster: is this apiVersion
// and kind served there? drsim's registry says which kinds Ramen's hub and DR clusters serve; a kind
// on the wrong cluster, a misspelled kind and `kind: RamenConfig` all fail exactly as kubectl fails,
// with a hint naming what was meant and where it belongs.

import { groupOf } from '../engine/api/meta.js';
import { allKinds, findKind } from '../engine/api/schema/registry.js';
import { editDistance } from '../engine/api/schema/edit-distance.js';
import { apiVersionOf, type ClusterRole, type KindSchema } from '../engine/api/schema/types.js';
import { BUILT_IN_GROUPS, BUILT_IN_KINDS, RAMEN_GROUP, RAMEN_UNMODELLED_KINDS } from './known-kinds.js';

export type KindResolution =
  | { type: 'served'; schema: KindSchema }
  /** Not served on this cluster; `hint` says where it belongs or what was meant. */
  | { type: 'noMatch'; hint: string | undefined; servedOn?: ClusterRole[] }
  /** A real cluster serves it; drsim has no schema to check it against. */
  | { type: 'notModelled'; note: string };

export const roleName = (r: ClusterRole): string => (r === 'hub' ? 'the hub' : 'a DR (managed) cluster');

function whereServed(servedOn: readonly ClusterRole[]): string {
  return servedOn.length === 2 ? 'on the hub and on DR clusters' : servedOn[0] === 'hub' ? 'only on the hub' : 'only on DR (managed) clusters';
}

function wrongClusterHint(kind: string, servedOn: readonly ClusterRole[], extra = ''): string {
  const target = servedOn.includes('hub') ? 'hub' : 'dr';
  return `${kind} is served ${whereServed(servedOn)}: apply it there (drsim validate --cluster ${target})${extra}`;
}

const WRONG_CLUSTER_EXTRA: Readonly<Record<string, string>> = {
  VolumeReplicationGroup: '; with a hub, the DRPlacementControl creates VRGs on the DR clusters for you',
  DRPolicy: '; Ramen installs DRPolicy, DRCluster and DRPlacementControl CRDs on the hub only',
  DRCluster: '; Ramen installs DRPolicy, DRCluster and DRPlacementControl CRDs on the hub only',
  DRPlacementControl: '; Ramen installs DRPolicy, DRCluster and DRPlacementControl CRDs on the hub only',
};

/** The modelled kind closest in name within one group, for "did you mean". */
function nearestInGroup(kind: string, group: string, extra: readonly string[] = []): string | undefined {
  const names = [...allKinds().filter((k) => k.group === group).map((k) => k.kind), ...extra];
  let best: { n: string; d: number } | undefined;
  for (const n of names) {
    const d = editDistance(kind.toLowerCase(), n.toLowerCase());
    if (!best || d < best.d) best = { n, d };
  }
  return best && best.d <= Math.max(1, Math.floor(kind.length / 4)) ? best.n : undefined;
}

export function resolveKind(apiVersion: string, kind: string, cluster: ClusterRole): KindResolution {
  const exact = findKind(apiVersion, kind);
  if (exact) {
    if (exact.servedOn.includes(cluster)) return { type: 'served', schema: exact };
    return { type: 'noMatch', hint: wrongClusterHint(kind, exact.servedOn, WRONG_CLUSTER_EXTRA[kind] ?? ''), servedOn: exact.servedOn };
  }
  const group = groupOf(apiVersion);

  if (kind === 'RamenConfig') {
    return {
      type: 'noMatch',
      hint: 'RamenConfig is not a Kubernetes resource (there is no CRD): put this YAML (drop metadata; apiVersion and kind may stay) under the key ramen_manager_config.yaml of ConfigMap ramen-hub-operator-config in the operator namespace (ramen-system) on the hub; the hub copies it to the DR clusters',
    };
  }

  // The same kind name known under another apiVersion: a wrong group or version.
  const sameName = allKinds().filter((k) => k.kind === kind);
  if (sameName.length > 0) {
    const k = sameName.find((s) => s.group === group) ?? sameName[0]!;
    const why = k.group === group ? `${kind} is served as ${apiVersionOf(k)}` : `${kind} belongs to ${apiVersionOf(k)}, not ${apiVersion}`;
    const onCluster = k.servedOn.includes(cluster) ? '' : `; it is served ${whereServed(k.servedOn)}`;
    return { type: 'noMatch', hint: `${why}${onCluster}` };
  }

  if (group === RAMEN_GROUP) {
    const unmodelled = RAMEN_UNMODELLED_KINDS.find((u) => u.kind === kind);
    if (unmodelled) {
      if (!unmodelled.servedOn.includes(cluster)) return { type: 'noMatch', hint: wrongClusterHint(kind, unmodelled.servedOn), servedOn: unmodelled.servedOn };
      return { type: 'notModelled', note: `drsim does not model ${kind} (${unmodelled.note})` };
    }
    const near = nearestInGroup(kind, group, RAMEN_UNMODELLED_KINDS.map((u) => u.kind));
    return { type: 'noMatch', hint: near ? `did you mean ${near}?` : `Ramen's kinds are ${[...allKinds().filter((k) => k.group === group).map((k) => k.kind), ...RAMEN_UNMODELLED_KINDS.map((u) => u.kind)].join(', ')}` };
  }

  const builtIn = BUILT_IN_KINDS[apiVersion];
  if (builtIn?.includes(kind)) return { type: 'notModelled', note: `drsim does not model ${apiVersion} ${kind}; every cluster serves it` };
  if (BUILT_IN_GROUPS.has(group)) {
    // Kubernetes' own groups are fully known: anything else there is a typo or a wrong version.
    const all = Object.entries(BUILT_IN_KINDS).flatMap(([v, ks]) => ks.map((k) => ({ v, k })));
    const ci = all.find((x) => x.k.toLowerCase() === kind.toLowerCase());
    if (ci) return { type: 'noMatch', hint: `did you mean kind ${ci.k} (${ci.v})? Kind names are case-sensitive` };
    const inOtherVersion = all.find((x) => x.k === kind);
    if (inOtherVersion) return { type: 'noMatch', hint: `${kind} is served as ${inOtherVersion.v}` };
    let best: { v: string; k: string; d: number } | undefined;
    for (const x of all) {
      const d = editDistance(kind.toLowerCase(), x.k.toLowerCase());
      if (!best || d < best.d) best = { ...x, d };
    }
    return { type: 'noMatch', hint: best && best.d <= Math.max(1, Math.floor(kind.length / 4)) ? `did you mean ${best.k} (${best.v})?` : undefined };
  }

  // A group drsim models part of (OCM, csi-addons, VolSync, Velero, OLM): a near miss of a modelled
  // kind is most likely a typo; anything else may be a real kind drsim does not know.
  if (allKinds().some((k) => k.group === group)) {
    const near = nearestInGroup(kind, group);
    if (near && near !== kind) return { type: 'noMatch', hint: `did you mean ${near}?` };
  }
  return { type: 'notModelled', note: `drsim does not know ${apiVersion} ${kind}; it is not checked` };
}
