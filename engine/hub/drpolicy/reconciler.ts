// The DRPolicy reconciler (hub spec §14.1): cluster IDs of all DRClusters, deletion (blocked while a
// DRPC names the policy), cluster validation, label and finalizer, an optimistic Validated True, peer
// classes, S3 secret distribution, conflicts. Each failing step sets Validated False with its reason,
// written immediately. A policy never creates VRGs: it only describes protection for DRPCs.

import type { DRCluster } from '../../api/ramen/drcluster.js';
import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import { DRPOLICY_NAD_VALIDATED, DRPOLICY_VALIDATED, DRPolicyReason } from '../../api/ramen/drpolicy.js';
import { DRPOLICY_FINALIZER, OCM_BACKUP_LABEL, OCM_BACKUP_LABEL_VALUE } from '../../api/ramen/hub-constants.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import { isAlreadyExists, isNotFound } from '../../runtime/errors.js';
import { rfc3339 } from '../../runtime/ports.js';
import type { Reconciler, Request, Result } from '../../runtime/reconcile.js';
import { findCondition, genericConditionSet, removeCondition } from '../conditions.js';
import { loadRamenConfig } from '../config.js';
import type { HubDeps } from '../deps.js';
import { HubKinds } from '../kinds.js';
import { clusterIdOf, joinedManagedCluster } from '../ocm/managed-cluster-id.js';
import { discoverPeerClasses } from './peer-classes.js';
import { propagateS3Secrets, undeployS3Secrets } from './s3-secrets.js';
import { PolicyValidationError, policyConflict, validateDrPolicy } from './validation.js';

export class DrPolicyReconciler implements Reconciler {
  constructor(private readonly deps: HubDeps) {}

  /** `statusConditionSet`: writes the status only when the condition changed. */
  private async setValidated(policy: DRPolicy, status: 'True' | 'False', reason: string, message: string): Promise<void> {
    policy.status ??= {};
    policy.status.conditions ??= [];
    if (genericConditionSet(policy.status.conditions, DRPOLICY_VALIDATED, policy.metadata.generation ?? 0, status, reason, message, rfc3339(this.deps.clock.nowMs()))) {
      await this.statusUpdate(policy);
    }
  }

  private async statusUpdate(policy: DRPolicy): Promise<void> {
    const stored = await this.deps.client.updateStatus<DRPolicy>(policy);
    policy.metadata.resourceVersion = stored.metadata.resourceVersion;
  }

  /** `validatedSetFalse`: records the reason, then fails the pass with the original error. */
  private async fail(policy: DRPolicy, reason: string, err: Error): Promise<never> {
    await this.setValidated(policy, 'False', reason, err.message);
    throw err;
  }

  async reconcile(request: Request): Promise<Result> {
    const { client } = this.deps;
    let policy: DRPolicy;
    try {
      policy = await client.get<DRPolicy>(HubKinds.drPolicy, { name: request.name });
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
    let config: RamenConfig;
    try {
      config = await loadRamenConfig(client, this.deps.operatorNamespace);
    } catch (err) {
      return this.fail(policy, DRPolicyReason.ConfigMapGetFailed, err as Error);
    }
    try {
      await this.ensureRamenOpsNamespace(config);
    } catch (err) {
      return this.fail(policy, DRPolicyReason.NamespaceCreateFailed, err as Error);
    }
    let drClusters: DRCluster[];
    let idToName: Map<string, string>;
    try {
      ({ drClusters, idToName } = await this.drClusterDetails());
    } catch (err) {
      return this.fail(policy, DRPolicyReason.DRClusterDetailsFailed, err as Error);
    }
    if (policy.metadata.deletionTimestamp && (policy.metadata.finalizers ?? []).includes(DRPOLICY_FINALIZER)) {
      await this.deletePolicy(policy, drClusters, config);
      return {};
    }
    try {
      validateDrPolicy(policy, drClusters);
    } catch (err) {
      const e = err as PolicyValidationError;
      await this.setValidated(policy, 'False', e.reason, e.message);
      // A missing DRCluster waits for a DRCluster event rather than retrying.
      if (e.reason === DRPolicyReason.DRClusterNotFound) return {};
      throw err;
    }
    try {
      await this.addLabelsAndFinalizers(policy);
    } catch (err) {
      return this.fail(policy, DRPolicyReason.FinalizerAddFailed, err as Error);
    }
    await this.setValidationSucceeded(policy);
    await discoverPeerClasses(client, policy).catch((err: Error) => {
      throw new Error(`drpolicy peerClass update: ${err.message}`);
    });
    await this.statusUpdate(policy);
    await propagateS3Secrets(client, policy, drClusters, config, this.deps.operatorNamespace).catch((err: Error) => {
      throw new Error(`drpolicy deploy: ${err.message}`);
    });
    const all = (await client.list<DRPolicy>(HubKinds.drPolicy)).items;
    const conflict = policyConflict(policy, all, idToName);
    if (conflict) return this.fail(policy, DRPolicyReason.DRPolicyConflictFound, new Error(conflict));
    await this.setValidated(policy, 'True', DRPolicyReason.Succeeded, 'drpolicy validated');
    return {};
  }

  /** Step 8: Validated True unless a conflict (or, with network mapping, missing NADs) is on record. */
  private async setValidationSucceeded(policy: DRPolicy): Promise<void> {
    const validated = findCondition(policy.status?.conditions, DRPOLICY_VALIDATED);
    const conflict = validated?.reason === DRPolicyReason.DRPolicyConflictFound;
    if (!policy.spec.networkMappingRef?.name) {
      if (findCondition(policy.status?.conditions, DRPOLICY_NAD_VALIDATED)) {
        removeCondition(policy.status!.conditions!, DRPOLICY_NAD_VALIDATED);
        delete policy.status!.networkPeers;
        await this.statusUpdate(policy);
        return;
      }
      if (!conflict) await this.setValidated(policy, 'True', DRPolicyReason.Succeeded, 'drpolicy validated');
      return;
    }
    const nadsMissing = validated?.status === 'False' && validated.reason === DRPolicyReason.NADsMissing;
    if (conflict || nadsMissing) return;
    await this.setValidated(policy, 'True', DRPolicyReason.Succeeded, 'drpolicy validated');
  }

  private async ensureRamenOpsNamespace(config: RamenConfig): Promise<void> {
    const name = config.ramenOpsNamespace ?? '';
    if (!name) return;
    try {
      await this.deps.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  }

  /** Step 4: every DRCluster whose ManagedCluster joined must carry an ID claim; none at all is an error. */
  private async drClusterDetails(): Promise<{ drClusters: DRCluster[]; idToName: Map<string, string> }> {
    const drClusters = (await this.deps.client.list<DRCluster>(HubKinds.drCluster)).items;
    const idToName = new Map<string, string>();
    for (const c of drClusters) {
      let mc;
      try {
        mc = await joinedManagedCluster(this.deps.client, c.metadata.name);
      } catch {
        continue;
      }
      try {
        idToName.set(clusterIdOf(mc), c.metadata.name);
      } catch (err) {
        throw new Error(`drclusters cluster ID (${c.metadata.name}): ${(err as Error).message}`);
      }
    }
    if (idToName.size === 0) throw new Error('drclusters details: no DRClusters found');
    return { drClusters, idToName };
  }

  private async addLabelsAndFinalizers(policy: DRPolicy): Promise<void> {
    const hasLabel = policy.metadata.labels?.[OCM_BACKUP_LABEL] === OCM_BACKUP_LABEL_VALUE;
    const hasFinalizer = (policy.metadata.finalizers ?? []).includes(DRPOLICY_FINALIZER);
    if (hasLabel && hasFinalizer) return;
    policy.metadata.labels = { ...(policy.metadata.labels ?? {}), [OCM_BACKUP_LABEL]: OCM_BACKUP_LABEL_VALUE };
    if (!hasFinalizer) policy.metadata.finalizers = [...(policy.metadata.finalizers ?? []), DRPOLICY_FINALIZER];
    const stored = await this.deps.client.update<DRPolicy>(policy);
    policy.metadata.resourceVersion = stored.metadata.resourceVersion;
  }

  private async deletePolicy(policy: DRPolicy, drClusters: DRCluster[], config: RamenConfig): Promise<void> {
    const drpcs = (await this.deps.client.list<DRPlacementControl>(HubKinds.drpc)).items;
    const user = drpcs.find((d) => d.spec.drPolicyRef.name === policy.metadata.name);
    if (user) throw new Error(`this drpolicy is referenced in existing drpc resource name '${user.metadata.name}' `);
    await undeployS3Secrets(this.deps.client, policy, drClusters, config, this.deps.operatorNamespace).catch((err: Error) => {
      throw new Error(`drpolicy undeploy: ${err.message}`);
    });
    const fresh = await this.deps.client.get<DRPolicy>(HubKinds.drPolicy, { name: policy.metadata.name });
    await this.deps.client.update({ ...fresh, metadata: { ...fresh.metadata, finalizers: (fresh.metadata.finalizers ?? []).filter((f) => f !== DRPOLICY_FINALIZER) } });
  }
}
