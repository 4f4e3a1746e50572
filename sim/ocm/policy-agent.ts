// The policy agent of one managed cluster (the governance framework add-on plus the configuration
// policy controller). It reads the replicated policies in the cluster's hub namespace and, for each
// embedded ConfigurationPolicy, checks its object templates against the cluster: `musthave` objects
// must exist with the given fields, `mustnothave` objects must not exist. Under `enforce` it creates,
// patches or deletes to make that so. Compliance goes back to the replica's status. Like every agent,
// it only works while the hub<->cluster link does; objects it created stay when the policy goes away.

import type { KubeObject } from '../../engine/api/meta.js';
import { ConfigurationPolicyKind, PolicyKind, type ComplianceState, type ConfigurationPolicy, type ObjectTemplate, type Policy, type PolicyStatus } from '../../engine/api/ocm/policy.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import { rfc3339, type Clock } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { clone, deepEqual, isPlainObject } from '../apiserver/json.js';
import { resolveClusterTemplates } from './cluster-templates.js';
import { hasClusterTemplate } from './hub-templates.js';
import { HUB_TEMPLATES_ERROR_ANNOTATION } from './policy-propagator.js';
import { retryWhenUnreachable } from './remote-client.js';
import { describeObject, errorMessage, kindRefOf } from './resources.js';

export const DEFAULT_POLICY_EVALUATION_MS = 30_000;

export interface PolicyAgentDeps {
  clusterName: string;
  hub: ClusterClient;
  cluster: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  /** How often policies are evaluated again. Default 30 s. */
  evaluationIntervalMs?: number;
  /** Default `policy-agent`. */
  name?: string;
}

/** Whether every field the template sets has that value in the object (maps recurse, lists compare whole). */
export function containsFields(have: unknown, want: unknown): boolean {
  if (isPlainObject(want)) {
    if (!isPlainObject(have)) return false;
    return Object.entries(want).every(([k, v]) => containsFields(have[k], v));
  }
  return deepEqual(have, want);
}

interface TemplateVerdict {
  compliant: boolean;
  message: string;
}

class PolicyAgent implements Reconciler {
  private readonly intervalMs: number;

  constructor(private readonly d: PolicyAgentDeps) {
    this.intervalMs = d.evaluationIntervalMs ?? DEFAULT_POLICY_EVALUATION_MS;
  }

  reconcile(req: Request): Promise<Result> {
    return retryWhenUnreachable(this.intervalMs, () => this.sync(req));
  }

  private async sync(req: Request): Promise<Result> {
    const policy = await ignoreNotFound(this.d.hub.get<Policy>(PolicyKind, { namespace: req.namespace, name: req.name }));
    if (!policy || policy.metadata.deletionTimestamp) return {};
    const verdicts: { name: string; verdict: TemplateVerdict }[] = [];
    const templateError = policy.metadata.annotations?.[HUB_TEMPLATES_ERROR_ANNOTATION];
    for (const template of policy.spec['policy-templates'] ?? []) {
      const def = template.objectDefinition;
      if (def.apiVersion !== ConfigurationPolicyKind.apiVersion || def.kind !== ConfigurationPolicyKind.kind) continue;
      const cp = def as ConfigurationPolicy;
      const enforce = (policy.spec.remediationAction ?? cp.spec?.remediationAction ?? 'inform').toLowerCase() === 'enforce';
      const name = cp.metadata?.name ?? '';
      if (templateError) {
        verdicts.push({ name, verdict: { compliant: false, message: templateError } });
        continue;
      }
      for (const ot of cp.spec?.['object-templates'] ?? []) verdicts.push({ name, verdict: await this.evaluate(ot, enforce) });
    }
    const compliant: ComplianceState = verdicts.every((v) => v.verdict.compliant) ? 'Compliant' : 'NonCompliant';
    const now = rfc3339(this.d.clock.nowMs());
    const details = verdicts.map((v) => ({
      templateMeta: { name: v.name },
      compliant: (v.verdict.compliant ? 'Compliant' : 'NonCompliant') as ComplianceState,
      history: [{ lastTimestamp: now, message: `${v.verdict.compliant ? 'Compliant' : 'NonCompliant'}; ${v.verdict.message}` }],
    }));
    const status: PolicyStatus = { ...(policy.status ?? {}), compliant, details };
    // History timestamps change every round; only write when the verdicts themselves change.
    const sameVerdicts =
      policy.status?.compliant === compliant &&
      deepEqual(
        (policy.status?.details ?? []).map((d) => [d.templateMeta?.name, d.compliant, d.history?.[0]?.message]),
        details.map((d) => [d.templateMeta.name, d.compliant, d.history[0]!.message]),
      );
    if (!sameVerdicts) {
      await this.d.hub.updateStatus<Policy>({ ...policy, status });
      this.d.trace.emit({ type: 'ocm.policy.compliance', cluster: this.d.clusterName, policy: policy.metadata.name, compliant });
    }
    return { requeueAfterMs: this.intervalMs };
  }

  private async evaluate(ot: ObjectTemplate, enforce: boolean): Promise<TemplateVerdict> {
    let want: KubeObject = ot.objectDefinition;
    const what = describeObject(want);
    try {
      want = await resolveClusterTemplates(want, this.d.cluster);
    } catch (err) {
      return { compliant: false, message: `${what}: ${errorMessage(err)}` };
    }
    if (hasClusterTemplate(want)) return { compliant: false, message: `${what}: managed-cluster templates are not supported` };
    const ref = kindRefOf(want);
    const key = want.metadata.namespace ? { namespace: want.metadata.namespace, name: want.metadata.name } : { name: want.metadata.name };
    try {
      const have = await ignoreNotFound(this.d.cluster.get(ref, key));
      const type = ot.complianceType.toLowerCase();
      if (type === 'mustnothave') {
        if (!have) return { compliant: true, message: `${what} not found as specified` };
        if (!enforce) return { compliant: false, message: `${what} found but not as specified` };
        await this.d.cluster.delete(ref, key);
        return { compliant: true, message: `${what} was deleted successfully` };
      }
      const { status: _status, ...wanted } = clone(want);
      if (have && containsFields(have, wanted)) return { compliant: true, message: `${what} found as specified` };
      if (!enforce) return { compliant: false, message: have ? `${what} found but not as specified` : `${what} not found` };
      if (!have) {
        await this.d.cluster.create(wanted);
        return { compliant: true, message: `${what} was created successfully` };
      }
      await this.d.cluster.patch(ref, key, wanted);
      return { compliant: true, message: `${what} was updated successfully` };
    } catch (err) {
      return { compliant: false, message: `${what}: ${errorMessage(err)}` };
    }
  }
}

export function createPolicyAgent(deps: PolicyAgentDeps): ControllerSpec {
  return {
    name: deps.name ?? 'policy-agent',
    reconciler: new PolicyAgent(deps),
    watches: [{ client: deps.hub, kind: PolicyKind, namespace: deps.clusterName }],
  };
}
