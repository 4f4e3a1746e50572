// OCM's governance policy propagator on the hub. A root Policy reaches the clusters decided by the
// Placement or PlacementRule its PlacementBindings name: the propagator keeps a replicated policy
// `<namespace>.<name>` in each such cluster's hub namespace (hub templates resolved, labelled with
// the root), deletes replicas of clusters no longer decided, and rolls the replicas' compliance up
// into the root's status. The cluster's policy agent does the enforcing (policy-agent.ts).

import type { KubeObject } from '../../engine/api/meta.js';
import { PlacementDecisionKind } from '../../engine/api/ocm/placement-decision.js';
import { PlacementRuleKind } from '../../engine/api/ocm/placement-rule.js';
import {
  CLUSTER_NAMESPACE_LABEL,
  CLUSTER_NAME_LABEL,
  PlacementBindingKind,
  PolicyKind,
  ROOT_POLICY_LABEL,
  type ComplianceState,
  type PlacementBinding,
  type Policy,
  type PolicyStatus,
} from '../../engine/api/ocm/policy.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { compareStrings, deepEqual } from '../apiserver/json.js';
import { decidedClusters } from './decisions.js';
import { HubTemplateError, resolveHubTemplates } from './hub-templates.js';
import { KeyIndex } from './key-index.js';

/** Set on a replica whose hub templates failed to resolve; the agent then reports NonCompliant. */
export const HUB_TEMPLATES_ERROR_ANNOTATION = 'policy.open-cluster-management.io/hub-templates-error';

export const SecretKindRef = { apiVersion: 'v1', kind: 'Secret' } as const;

export interface PolicyPropagatorDeps {
  hub: ClusterClient;
  trace: TraceSink;
  /** Default `policy-propagator`. */
  name?: string;
}

export function replicaName(root: { namespace: string; name: string }): string {
  return `${root.namespace}.${root.name}`;
}

/** The root policy a replica label names; namespaces hold no dots, so the first dot splits. */
export function rootOfReplicaLabel(value: string): Request | undefined {
  const dot = value.indexOf('.');
  return dot <= 0 ? undefined : { namespace: value.slice(0, dot), name: value.slice(dot + 1) };
}

function aggregate(states: (ComplianceState | undefined)[]): ComplianceState | undefined {
  if (states.length === 0) return undefined;
  if (states.some((s) => s === 'NonCompliant')) return 'NonCompliant';
  if (states.every((s) => s === 'Compliant')) return 'Compliant';
  return 'Pending';
}

class PolicyPropagator implements Reconciler {
  constructor(private readonly d: PolicyPropagatorDeps) {}

  async reconcile(req: Request): Promise<Result> {
    const { hub } = this.d;
    const namespace = req.namespace ?? '';
    const root = await ignoreNotFound(hub.get<Policy>(PolicyKind, { namespace, name: req.name }));
    if (root?.metadata.labels?.[ROOT_POLICY_LABEL]) return {};
    const label = replicaName({ namespace, name: req.name });
    const replicas = await hub.list<Policy>(PolicyKind, { labelSelector: { matchLabels: { [ROOT_POLICY_LABEL]: label } } });

    const bindings = root ? await this.bindingsOf(root) : [];
    const clusters = new Set<string>();
    if (root && !root.spec.disabled && !root.metadata.deletionTimestamp) {
      for (const b of bindings) {
        const kind = b.placementRef.kind === 'PlacementRule' ? 'PlacementRule' : 'Placement';
        for (const c of await decidedClusters(hub, { kind, namespace, name: b.placementRef.name })) clusters.add(c);
      }
    }
    const decided = [...clusters].sort(compareStrings);

    if (root) {
      const { spec, error } = await this.resolvedSpec(root);
      for (const cluster of decided) {
        const annotations: Record<string, string> = { ...(root.metadata.annotations ?? {}) };
        if (error) annotations[HUB_TEMPLATES_ERROR_ANNOTATION] = error;
        const labels = { [ROOT_POLICY_LABEL]: label, [CLUSTER_NAME_LABEL]: cluster, [CLUSTER_NAMESPACE_LABEL]: cluster };
        const existing = replicas.items.find((r) => r.metadata.namespace === cluster);
        if (!existing) {
          await hub.create<Policy>({ apiVersion: PolicyKind.apiVersion, kind: PolicyKind.kind, metadata: { name: label, namespace: cluster, labels, annotations }, spec });
          this.d.trace.emit({ type: 'ocm.policy.propagate', policy: label, cluster });
        } else if (!deepEqual(existing.spec, spec) || !deepEqual(existing.metadata.annotations ?? {}, annotations) || !deepEqual(existing.metadata.labels ?? {}, labels)) {
          await hub.update<Policy>({ ...existing, metadata: { ...existing.metadata, labels, annotations }, spec });
        }
      }
    }
    for (const replica of replicas.items) {
      if (decided.includes(replica.metadata.namespace ?? '')) continue;
      await ignoreNotFound(hub.delete(PolicyKind, { namespace: replica.metadata.namespace ?? '', name: replica.metadata.name }));
      this.d.trace.emit({ type: 'ocm.policy.withdraw', policy: label, cluster: replica.metadata.namespace ?? '' });
    }

    if (root && !root.metadata.deletionTimestamp) {
      const perCluster = decided.map((c) => ({
        clustername: c,
        clusternamespace: c,
        compliant: replicas.items.find((r) => r.metadata.namespace === c)?.status?.compliant,
      }));
      const status: PolicyStatus = {
        placement: bindings.map((b) => ({ placementBinding: b.metadata.name, ...(b.placementRef.kind === 'PlacementRule' ? { placementRule: b.placementRef.name } : { placement: b.placementRef.name }) })),
        status: perCluster.map((s) => (s.compliant ? s : { clustername: s.clustername, clusternamespace: s.clusternamespace })),
      };
      const overall = aggregate(perCluster.map((s) => s.compliant));
      if (overall) status.compliant = overall;
      if (!deepEqual(status, root.status ?? {})) await hub.updateStatus<Policy>({ ...root, status });
    }
    return {};
  }

  private async bindingsOf(root: Policy): Promise<PlacementBinding[]> {
    const all = await this.d.hub.list<PlacementBinding>(PlacementBindingKind, { namespace: root.metadata.namespace });
    return all.items
      .filter((b) => (b.subjects ?? []).some((s) => s.kind === 'Policy' && s.name === root.metadata.name))
      .sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));
  }

  private async resolvedSpec(root: Policy): Promise<{ spec: Policy['spec']; error?: string }> {
    const secrets = new Map<string, KubeObject>();
    // Secrets are read up front so the lookup inside template resolution stays synchronous.
    const wanted = JSON.stringify(root.spec).matchAll(/fromSecret\s+\\"([^"\\]*)\\"\s+\\"([^"\\]*)\\"/g);
    for (const [, ns, name] of wanted) {
      const key = `${ns}/${name}`;
      if (ns === undefined || name === undefined || secrets.has(key)) continue;
      const secret = await ignoreNotFound(this.d.hub.get(SecretKindRef, { namespace: ns, name }));
      if (secret) secrets.set(key, secret);
    }
    try {
      const spec = resolveHubTemplates(root.spec, (ns, name, key) => {
        const data = secrets.get(`${ns}/${name}`)?.data as Record<string, string> | undefined;
        return data?.[key];
      });
      return { spec };
    } catch (err) {
      if (err instanceof HubTemplateError) return { spec: root.spec, error: err.message };
      throw err;
    }
  }
}

/** The policy propagator for the hub's OCM manager. */
export function createPolicyPropagator(deps: PolicyPropagatorDeps): ControllerSpec {
  const roots = new KeyIndex();
  return {
    name: deps.name ?? 'policy-propagator',
    reconciler: new PolicyPropagator(deps),
    watches: [
      {
        client: deps.hub,
        kind: PolicyKind,
        map: (obj, type) => {
          const rootLabel = obj.metadata.labels?.[ROOT_POLICY_LABEL];
          if (rootLabel !== undefined) {
            const root = rootOfReplicaLabel(rootLabel);
            return root ? [root] : [];
          }
          return [roots.track(obj, type)];
        },
      },
      {
        client: deps.hub,
        kind: PlacementBindingKind,
        map: (obj) =>
          ((obj as PlacementBinding).subjects ?? [])
            .filter((s) => s.kind === 'Policy')
            .map((s) => ({ namespace: obj.metadata.namespace ?? '', name: s.name })),
      },
      { client: deps.hub, kind: PlacementDecisionKind, map: (obj) => roots.inNamespace(obj.metadata.namespace ?? '') },
      { client: deps.hub, kind: PlacementRuleKind, map: (obj) => roots.inNamespace(obj.metadata.namespace ?? '') },
      { client: deps.hub, kind: SecretKindRef, map: () => roots.all() },
    ],
  };
}
