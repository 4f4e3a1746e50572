// The DRCluster reconciler (hub spec §15.1, §15.7): deploy what the managed cluster needs, handle
// fencing first (so a dead cluster can still be fenced), validate S3, the deployment, the
// DRClusterConfig and the CIDRs, set Validated, then maintain storage maintenance modes.

import type { DRCluster } from '../../api/ramen/drcluster.js';
import { DRCLUSTER_CIDRS_VALIDATED, DRCLUSTER_VALIDATED, DRClusterReason } from '../../api/ramen/drcluster.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import { DRCLUSTER_CONFIG_MW_NAME, DRCLUSTER_FINALIZER, DRCLUSTER_NAME_ANNOTATION, DR_CLUSTER_OPERATOR_MW_NAME, OCM_BACKUP_LABEL, OCM_BACKUP_LABEL_VALUE } from '../../api/ramen/hub-constants.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import { jsonEqual } from '../../api/storage/schema-parts.js';
import { isNotFound } from '../../runtime/errors.js';
import { rfc3339 } from '../../runtime/ports.js';
import type { Reconciler, Request, Result } from '../../runtime/reconcile.js';
import { genericConditionSet, removeCondition } from '../conditions.js';
import { loadRamenConfig } from '../config.js';
import type { HubDeps } from '../deps.js';
import { HubKinds } from '../kinds.js';
import { deleteAllClassViews, drClusterConfigViewName, readDrClusterConfig } from '../ocm/class-views.js';
import { deleteManifestWork, findManifestWorkOrUndefined, toJson } from '../ocm/manifest-work-util.js';
import { deleteView, isRemoteNotFound } from '../ocm/view-reader.js';
import { cidrVerdict } from './cidrs.js';
import { setCidrsValidated, setInitialConditions, setValidatedTrue } from './conditions.js';
import { deployDrClusterWork, drClusterWorkApplied, ensureDrClusterConfig } from './deploy.js';
import type { FenceContext } from './fencing.js';
import { clusterFenceHandle, handleFencingDeletion } from './fencing.js';
import { clusterMModeHandler, maintenanceModeCleanup } from './maintenance-mode.js';
import { S3ValidationError, validateS3Profile } from './s3-validation.js';

class ValidationStep extends Error {
  constructor(
    readonly reason: string,
    readonly inner: Error,
  ) {
    super(inner.message);
    this.name = 'ValidationStep';
  }
}

export class DrClusterReconciler implements Reconciler {
  constructor(private readonly deps: HubDeps) {}

  private now(): string {
    return rfc3339(this.deps.clock.nowMs());
  }

  private async statusUpdate(drCluster: DRCluster, saved: unknown): Promise<void> {
    if (jsonEqual(toJson(saved), toJson(drCluster.status ?? {}))) return;
    const stored = await this.deps.client.updateStatus<DRCluster>(drCluster);
    drCluster.metadata.resourceVersion = stored.metadata.resourceVersion;
  }

  /** `validatedSetFalseAndUpdate`: the reason lands in Validated and the status is written. */
  private async validatedFalse(drCluster: DRCluster, saved: unknown, reason: string, err: Error): Promise<never> {
    drCluster.status ??= {};
    drCluster.status.conditions ??= [];
    genericConditionSet(drCluster.status.conditions, DRCLUSTER_VALIDATED, drCluster.metadata.generation ?? 0, 'False', reason, err.message, this.now());
    await this.statusUpdate(drCluster, saved).catch(() => undefined);
    throw err;
  }

  async reconcile(request: Request): Promise<Result> {
    let drCluster: DRCluster;
    try {
      drCluster = await this.deps.client.get<DRCluster>(HubKinds.drCluster, { name: request.name });
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
    const saved = structuredClone(drCluster.status ?? {});
    drCluster.status ??= {};
    if (!drCluster.status.conditions) {
      drCluster.status.conditions = [];
      setInitialConditions(drCluster.status.conditions, drCluster.metadata.generation ?? 0, 'Initializing DRCluster', this.now());
      drCluster.status.phase = 'Starting';
    }
    if (drCluster.metadata.deletionTimestamp) return this.processDeletion(drCluster);
    return this.processCreateOrUpdate(drCluster, saved);
  }

  private async processCreateOrUpdate(drCluster: DRCluster, saved: unknown): Promise<Result> {
    const { client } = this.deps;
    let config: RamenConfig;
    try {
      config = await loadRamenConfig(client, this.deps.operatorNamespace);
    } catch (err) {
      return this.validatedFalse(drCluster, saved, DRClusterReason.ConfigMapGetFailed, err as Error);
    }
    try {
      await this.addLabelsAndFinalizers(drCluster);
    } catch (err) {
      return this.validatedFalse(drCluster, saved, DRClusterReason.FinalizerAddFailed, err as Error);
    }
    try {
      await deployDrClusterWork(client, drCluster, config, this.deps.operatorNamespace);
    } catch (err) {
      return this.validatedFalse(drCluster, saved, DRClusterReason.DrClustersDeployFailed, err as Error);
    }
    let requeue = false;
    const fence: FenceContext = { client, nowMs: () => this.deps.clock.nowMs(), drCluster };
    try {
      requeue = await clusterFenceHandle(fence);
    } catch (err) {
      requeue = true;
      this.deps.trace.emit({ type: 'hub.drcluster.fencing', drcluster: drCluster.metadata.name, error: (err as Error).message });
    }
    try {
      try {
        await validateS3Profile(this.deps, config, drCluster);
      } catch (err) {
        if (err instanceof S3ValidationError) throw new ValidationStep(err.reason, err);
        throw err;
      }
      await drClusterWorkApplied(client, drCluster.metadata.name).catch((err: Error) => {
        throw new ValidationStep(DRClusterReason.DrClustersDeployStatusCheckFailed, err);
      });
      await ensureDrClusterConfig(client, drCluster).catch((err: Error) => {
        throw new ValidationStep(DRClusterReason.DRClusterConfigInProgress, err);
      });
      await this.validateCidrs(drCluster).catch(() => {
        throw new ValidationStep(DRClusterReason.ValidationFailed, new Error('CIDRs validation failed'));
      });
    } catch (err) {
      if (err instanceof ValidationStep) return this.validatedFalse(drCluster, saved, err.reason, err.inner);
      throw err;
    }
    setValidatedTrue(drCluster.status!.conditions!, drCluster.metadata.generation ?? 0, 'Validated the cluster', this.now());
    try {
      if ((await clusterMModeHandler(this.deps, drCluster, config)).requeue) requeue = true;
    } catch {
      requeue = true;
    }
    try {
      await this.statusUpdate(drCluster, saved);
    } catch {
      // Ramen logs a failed status write here and relies on the requeue.
    }
    return requeue ? { requeue: true } : {};
  }

  private async addLabelsAndFinalizers(drCluster: DRCluster): Promise<void> {
    const hasLabel = drCluster.metadata.labels?.[OCM_BACKUP_LABEL] === OCM_BACKUP_LABEL_VALUE;
    const hasFinalizer = (drCluster.metadata.finalizers ?? []).includes(DRCLUSTER_FINALIZER);
    if (hasLabel && hasFinalizer) return;
    drCluster.metadata.labels = { ...(drCluster.metadata.labels ?? {}), [OCM_BACKUP_LABEL]: OCM_BACKUP_LABEL_VALUE };
    if (!hasFinalizer) drCluster.metadata.finalizers = [...(drCluster.metadata.finalizers ?? []), DRCLUSTER_FINALIZER];
    const stored = await this.deps.client.update<DRCluster>(drCluster);
    drCluster.metadata.resourceVersion = stored.metadata.resourceVersion;
  }

  /** §15.6; throws when validation fails (the caller reports `CIDRs validation failed`). */
  private async validateCidrs(drCluster: DRCluster): Promise<void> {
    const conds = drCluster.status!.conditions!;
    const gen = drCluster.metadata.generation ?? 0;
    const now = this.now();
    const configured = drCluster.spec.cidrs ?? [];
    const first = cidrVerdict(configured, []);
    if (first.kind === 'none') {
      removeCondition(conds, DRCLUSTER_CIDRS_VALIDATED);
      return;
    }
    if (first.kind === 'invalid') {
      setCidrsValidated(conds, gen, 'False', DRClusterReason.InvalidCIDRsFormat, first.message, now);
      throw new Error(first.message);
    }
    let detected: string[] | undefined;
    try {
      const drcc = await readDrClusterConfig(this.deps.client, drCluster.metadata.name, { [DRCLUSTER_NAME_ANNOTATION]: drCluster.metadata.name });
      const details = drcc.status?.storageAccessDetails ?? [];
      if (details.length === 0) {
        const processed = (drcc.status?.conditions ?? []).find((c) => c.type === 'Processed');
        detected = processed?.status === 'True' ? [] : undefined;
      } else detected = details.flatMap((s) => s.cidrs ?? []);
    } catch (err) {
      if (!isRemoteNotFound(err)) throw err;
      detected = undefined;
    }
    const v = cidrVerdict(configured, detected);
    switch (v.kind) {
      case 'unconfigured':
        setCidrsValidated(conds, gen, 'False', DRClusterReason.DetectedCIDRsUnconfigured, v.message, now);
        throw new Error(v.message);
      case 'undetected':
        setCidrsValidated(conds, gen, 'True', DRClusterReason.UndetectedCIDRsFound, v.message, now);
        return;
      case 'ok':
        setCidrsValidated(conds, gen, 'True', DRClusterReason.Succeeded, 'All detected CIDRs are configured', now);
        return;
      default:
        return;
    }
  }

  /** §15.7. */
  private async processDeletion(drCluster: DRCluster): Promise<Result> {
    const { client } = this.deps;
    const name = drCluster.metadata.name;
    const policies = (await client.list<DRPolicy>(HubKinds.drPolicy)).items;
    if (policies.some((p) => p.spec.drClusters.includes(name))) throw new Error(`drclusters undeploy: drcluster '${name}' referenced in one or more existing drPolicy resources`);
    await deleteAllClassViews(client, name);
    await deleteView(client, name, drClusterConfigViewName(name));
    await deleteManifestWork(client, DRCLUSTER_CONFIG_MW_NAME, name);
    if (await findManifestWorkOrUndefined(client, DRCLUSTER_CONFIG_MW_NAME, name)) throw new Error(`drclusters undeploy: waiting for DRClusterConfig resource deletion on cluster (${name})`);
    await maintenanceModeCleanup(this.deps, name);
    await deleteManifestWork(client, DR_CLUSTER_OPERATOR_MW_NAME, name);
    if (drCluster.spec.clusterFence === 'Fenced' || drCluster.spec.clusterFence === 'Unfenced') {
      const requeue = await handleFencingDeletion({ client, nowMs: () => this.deps.clock.nowMs(), drCluster }).catch((err: Error) => {
        throw new Error(`cleanup update: ${err.message}`);
      });
      if (requeue) return { requeue: true };
    }
    const fresh = await client.get<DRCluster>(HubKinds.drCluster, { name });
    await client.update({ ...fresh, metadata: { ...fresh.metadata, finalizers: (fresh.metadata.finalizers ?? []).filter((f) => f !== DRCLUSTER_FINALIZER) } });
    return {};
  }
}
