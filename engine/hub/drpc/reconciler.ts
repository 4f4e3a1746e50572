// The DRPlacementControl reconciler: the ordered pipeline of hub spec §4. Each pass re-reads the DRPC
// from the API server, runs the early checks, the hub-recovery check, builds the working instance from
// views, adopts VRGs, runs the action for `spec.action`, and writes the final in-memory status once.

import type { Condition } from '../../api/meta.js';
import type { DRCluster } from '../../api/ramen/drcluster.js';
import type { DRPCStatus, DRPlacementControl } from '../../api/ramen/drpc.js';
import { CONDITION_AVAILABLE, CONDITION_PEER_READY, CONDITION_PROTECTED, DRPCReason } from '../../api/ramen/drpc.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import { DR_ACTION_COUNT_ANNOTATION } from '../../api/ramen/hub-constants.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import { isNotFound } from '../../runtime/errors.js';
import { rfc3339 } from '../../runtime/ports.js';
import type { Reconciler, Request, Result } from '../../runtime/reconcile.js';
import { addOrUpdateCondition, setConditionIfNotFound } from '../conditions.js';
import { loadRamenConfig } from '../config.js';
import type { HubDeps } from '../deps.js';
import { policySupportsMetro } from '../drpolicy/metro.js';
import { HubKinds } from '../kinds.js';
import { ensureVrgsManagedByDrpc } from './adoption.js';
import { runInitialDeployment } from './deploy.js';
import { processDeletion } from './deletion.js';
import { DryRunValidationError, processTestFailoverFlow } from './dry-run.js';
import { runFailover } from './failover.js';
import { ensureGlobalVgrLabel } from './global-vgr.js';
import { ensureDrpcStatusConsistency } from './hub-recovery.js';
import type { DrpcInstance } from './instance.js';
import { phaseOf } from './instance.js';
import { WaitingForClonedDecisionError, getDrpcPlacementRule, updateAndSetOwner } from './ownership.js';
import type { UserPlacement } from './placement.js';
import { resolvePlacement } from './placement.js';
import { runRelocate } from './relocate.js';
import type { StatusWriteContext } from './status.js';
import { shouldUpdateStatus, statusCheckDelayMs, statusUpdateTimeElapsed, updateDrpcStatus } from './status.js';
import { drpcInAdminNamespace, ensureDrpcValidNamespace, ensureNoConflictingDrpcs, getAndEnsureValidDrPolicy, selectVrgNamespace } from './validation.js';
import { getVrgsFromManagedClusters } from './views.js';

/** Ramen's getRequeueDuration after a failed fresh view read: 5 min failing over, 2 s relocating, else 1 s. */
export function mcvRequeueDelayMs(phase: string): number {
  if (phase === 'FailingOver') return 5 * 60 * 1000;
  if (phase === 'Relocating') return 2 * 1000;
  return 1000;
}

function ensureDrpcConditionsInited(conditions: Condition[], generation: number, nowIso: string): void {
  const message = 'Initialization';
  setConditionIfNotFound(conditions, { type: CONDITION_AVAILABLE, reason: 'Initiating', observedGeneration: generation, status: 'True', message }, nowIso);
  setConditionIfNotFound(conditions, { type: CONDITION_PEER_READY, reason: 'Initiating', observedGeneration: generation, status: 'True', message }, nowIso);
  setConditionIfNotFound(conditions, { type: CONDITION_PROTECTED, reason: 'Unknown', observedGeneration: generation, status: 'False', message }, nowIso);
}

export class DrpcReconciler implements Reconciler {
  constructor(private readonly deps: HubDeps) {}

  private now(): string {
    return rfc3339(this.deps.clock.nowMs());
  }

  /** `recordFailure`: Available False with the reason; the status is written when that changed it. */
  private async recordFailure(ctx: StatusWriteContext, reason: string, message: string): Promise<void> {
    const drpc = ctx.drpc;
    if (addOrUpdateCondition(drpc.status!.conditions!, CONDITION_AVAILABLE, drpc.metadata.generation ?? 0, 'False', reason, message, this.now())) {
      try {
        await updateDrpcStatus(ctx);
      } catch {
        // Ramen only logs a failed status write here; the error that led here is what the caller returns.
      }
    }
  }

  /**
   * One pass, bracketed in the trace: checkers attribute the hub's writes to the pass that made them
   * (S15 judges every write of a pass whose recovery verdict was Stop or AllowFailover).
   */
  async reconcile(request: Request): Promise<Result> {
    const drpc = `${request.namespace ?? ''}/${request.name}`;
    this.deps.trace.emit({ type: 'hub.drpc.begin', drpc });
    try {
      return await this.pass(request);
    } finally {
      this.deps.trace.emit({ type: 'hub.drpc.end', drpc });
    }
  }

  private async pass(request: Request): Promise<Result> {
    const { client } = this.deps;
    let drpc: DRPlacementControl;
    try {
      drpc = await client.get<DRPlacementControl>(HubKinds.drpc, { namespace: request.namespace ?? '', name: request.name });
    } catch (err) {
      if (isNotFound(err)) return {};
      throw new Error(`failed to get DRPC object: ${(err as Error).message}`);
    }
    const savedStatus: DRPCStatus = structuredClone(drpc.status ?? {});
    drpc.status ??= {};
    drpc.status.conditions ??= [];
    ensureDrpcConditionsInited(drpc.status.conditions, drpc.metadata.generation ?? 0, this.now());
    const ctx: StatusWriteContext = {
      deps: this.deps,
      drpc,
      placement: undefined,
      vrgNamespace: undefined,
      config: undefined,
      vrgs: undefined,
      savedStatus,
      savedActionCount: drpc.metadata.annotations?.[DR_ACTION_COUNT_ANNOTATION],
    };

    let config: RamenConfig;
    try {
      config = await loadRamenConfig(client, this.deps.operatorNamespace);
    } catch (err) {
      const msg = `failed to get the ramen configMap: ${(err as Error).message}`;
      await this.recordFailure(ctx, DRPCReason.Error, msg);
      throw new Error(msg);
    }
    ctx.config = config;

    let placement: UserPlacement | undefined;
    try {
      placement = await resolvePlacement(client, drpc);
    } catch (err) {
      if (!(isNotFound(err) && drpc.metadata.deletionTimestamp)) {
        ctx.vrgNamespace = await selectVrgNamespace(client, drpc, undefined).catch(() => undefined);
        await this.recordFailure(ctx, DRPCReason.Error, (err as Error).message);
        throw err;
      }
    }
    ctx.placement = placement;

    if (drpc.metadata.deletionTimestamp || placement?.obj.metadata.deletionTimestamp) {
      const vrgNamespace = await selectVrgNamespace(client, drpc, placement);
      await processDeletion(this.deps, drpc, placement, vrgNamespace);
      return {};
    }
    const userPlacement = placement!;
    const earlyFailure = async (err: unknown): Promise<never> => {
      ctx.vrgNamespace ??= await selectVrgNamespace(client, drpc, userPlacement).catch(() => undefined);
      await this.recordFailure(ctx, DRPCReason.Error, (err as Error).message);
      throw err;
    };
    try {
      ensureDrpcValidNamespace(drpc, config);
    } catch (err) {
      return earlyFailure(err);
    }
    try {
      await ensureNoConflictingDrpcs(client, drpc, userPlacement, config);
    } catch (err) {
      return earlyFailure(err);
    }
    let policy: DRPolicy;
    try {
      policy = await getAndEnsureValidDrPolicy(client, drpc);
    } catch (err) {
      return earlyFailure(err);
    }

    const vrgNamespace = await selectVrgNamespace(client, drpc, userPlacement);
    ctx.vrgNamespace = vrgNamespace;
    if (await updateAndSetOwner(client, drpc, userPlacement, vrgNamespace)) return { requeue: true };

    // Hub recovery: an all-failed query throws here, before any status is written.
    const drClusters: DRCluster[] = [];
    for (const name of policy.spec.drClusters) drClusters.push(await client.get<DRCluster>(HubKinds.drCluster, { name }));
    if (await ensureDrpcStatusConsistency(this.deps, drpc, drClusters, vrgNamespace, config)) {
      await updateDrpcStatus(ctx);
      return { requeue: true };
    }

    let d: DrpcInstance;
    try {
      d = await this.createInstance(drpc, userPlacement, policy, drClusters, vrgNamespace, config);
    } catch (err) {
      if (err instanceof WaitingForClonedDecisionError) {
        await this.recordFailure(ctx, DRPCReason.Waiting, `${err.message} - wait time: 5`);
        return { requeueAfterMs: 5000 };
      }
      let statusErr = '';
      try {
        await updateDrpcStatus(ctx);
      } catch (e) {
        statusErr = (e as Error).message;
      }
      throw new Error(`failed to create DRPC instance (${(err as Error).message}) and (${statusErr || '<nil>'})`);
    }
    ctx.vrgs = d.vrgs;
    return this.reconcileInstance(d, ctx);
  }

  private async createInstance(
    drpc: DRPlacementControl,
    placement: UserPlacement,
    policy: DRPolicy,
    drClusters: DRCluster[],
    vrgNamespace: string,
    config: RamenConfig,
  ): Promise<DrpcInstance> {
    await getDrpcPlacementRule(this.deps.client, drpc, placement, policy);
    const query = await getVrgsFromManagedClusters(this.deps.client, drpc, drClusters, vrgNamespace);
    const metro = policySupportsMetro(policy).metro;
    let volSyncDisabled = config.volSync?.disabled === true;
    if (metro) volSyncDisabled = true;
    if (!volSyncDisabled && drpcInAdminNamespace(drpc, config)) volSyncDisabled = !config.multiNamespace?.volsyncSupported;
    return {
      deps: this.deps,
      drpc,
      placement,
      policy,
      drClusters,
      vrgs: query.vrgs,
      queriedCount: query.queriedCount,
      vrgNamespace,
      drType: metro ? 'sync' : 'async',
      volSyncDisabled,
      config,
      mcvRequestInProgress: false,
    };
  }

  /** `reconcileDRPCInstance`: adoption, global label, processing, then the requeue decision of §17. */
  private async reconcileInstance(d: DrpcInstance, ctx: StatusWriteContext): Promise<Result> {
    const before = d.drpc.status?.lastUpdateTime;
    if (!(await ensureVrgsManagedByDrpc(d.deps, d.drpc, d.vrgNamespace, d.vrgs))) return { requeue: true };
    if (!(await ensureGlobalVgrLabel(d))) return { requeue: true };
    const requeue = await this.startProcessing(d, ctx);
    if (d.mcvRequestInProgress && phaseOf(d) !== '') return { requeueAfterMs: mcvRequeueDelayMs(phaseOf(d)) };
    if (requeue) return { requeue: true };
    const after = d.drpc.status?.lastUpdateTime;
    const delay = statusCheckDelayMs(before, after, this.deps.clock.nowMs());
    return delay > 0 ? { requeueAfterMs: delay } : {};
  }

  /** `startProcessing`: run the action, then the status write; any error means requeue. */
  private async startProcessing(d: DrpcInstance, ctx: StatusWriteContext): Promise<boolean> {
    let done = false;
    let processingErr: Error | undefined;
    try {
      done = await this.processPlacement(d, ctx);
    } catch (err) {
      processingErr = err as Error;
    }
    this.deps.trace.emit({
      type: 'hub.drpc.pass',
      drpc: `${d.drpc.metadata.namespace}/${d.drpc.metadata.name}`,
      phase: phaseOf(d),
      progression: d.drpc.status?.progression ?? '',
      ...(processingErr ? { error: processingErr.message } : {}),
    });
    if ((await shouldUpdateStatus(ctx)) || statusUpdateTimeElapsed(d.drpc, this.deps.clock.nowMs())) {
      try {
        await updateDrpcStatus(ctx);
      } catch {
        return true;
      }
    }
    if (processingErr) return true;
    return !done;
  }

  private async processPlacement(d: DrpcInstance, ctx: StatusWriteContext): Promise<boolean> {
    let proceed: boolean;
    try {
      proceed = await processTestFailoverFlow(d);
    } catch (err) {
      if (err instanceof DryRunValidationError) await this.recordFailure(ctx, DRPCReason.ValidationFailed, err.message);
      throw err;
    }
    if (!proceed) return false;
    switch (d.drpc.spec.action) {
      case 'Failover':
        return runFailover(d);
      case 'Relocate':
        return runRelocate(d);
      default:
        return runInitialDeployment(d);
    }
  }
}
