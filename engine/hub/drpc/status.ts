// Writing the DRPC status at the end of a pass (hub spec §9.1): the action-count annotation first, then
// the VRG-derived fields (resourceConditions, sync times, Protected), then every condition's
// observedGeneration bumped to the current generation; the API write happens only when the result
// differs from the status read at the start of the pass.

import type { Condition } from '../../api/meta.js';
import type { DRCluster } from '../../api/ramen/drcluster.js';
import type { DRPCStatus, DRPlacementControl } from '../../api/ramen/drpc.js';
import { CONDITION_PROTECTED, ProtectedReason } from '../../api/ramen/drpc.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import { DR_ACTION_COUNT_ANNOTATION, LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION } from '../../api/ramen/hub-constants.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { jsonEqual } from '../../api/storage/schema-parts.js';
import { parseRfc3339, rfc3339 } from '../../runtime/ports.js';
import { addOrUpdateCondition, findCondition } from '../conditions.js';
import type { HubDeps } from '../deps.js';
import { HubKinds } from '../kinds.js';
import { toJson } from '../ocm/manifest-work-util.js';
import { lastKnownPrimaryVrgFromS3 } from '../s3/last-primary-vrg.js';
import { writeDrpcMetadata } from './metadata.js';
import type { UserPlacement } from './placement.js';
import { getClusterDecision } from './placement.js';
import { isPreRelocateProgression, isVrgPrimary, nextActionCountAnnotation } from './progression.js';
import { evaluateProtected } from './protected.js';
import { availableS3Profiles } from './vrg-builder.js';
import { readVrgView } from './views.js';

/** Ramen's StatusCheckDelay. */
export const STATUS_CHECK_DELAY_MS = 10 * 60 * 1000;

/** What the status write needs; the hub-recovery and early-failure paths have no views. */
export interface StatusWriteContext {
  deps: HubDeps;
  drpc: DRPlacementControl;
  placement: UserPlacement | undefined;
  vrgNamespace: string | undefined;
  config: RamenConfig | undefined;
  /** This pass's views, or undefined when the caller has none (status then reads a view afresh). */
  vrgs: Map<string, VolumeReplicationGroup> | undefined;
  /** The status as read at the start of the pass. */
  savedStatus: DRPCStatus;
  /** The dr-action-count annotation as read at the start of the pass (or last written). */
  savedActionCount: string | undefined;
}

/** Applies the action-count rule to the in-memory annotation (no write). */
export function syncActionCountAnnotation(drpc: DRPlacementControl): void {
  const next = nextActionCountAnnotation(drpc.metadata.annotations?.[DR_ACTION_COUNT_ANNOTATION], drpc.status?.phase ?? '');
  if (next !== undefined) drpc.metadata.annotations = { ...(drpc.metadata.annotations ?? {}), [DR_ACTION_COUNT_ANNOTATION]: next };
}

/** `clusterForVRGStatus` (§9.4): which cluster's VRG feeds the status. */
export function clusterForVrgStatus(drpc: DRPlacementControl, decisionCluster: string): string {
  switch (drpc.spec.action) {
    case 'Failover':
      return decisionCluster;
    case 'Relocate':
      if ((drpc.status?.observedGeneration ?? 0) !== (drpc.metadata.generation ?? 0)) return decisionCluster;
      if (isPreRelocateProgression(drpc.status?.progression)) {
        const last = drpc.metadata.annotations?.[LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION];
        return last ? last : decisionCluster;
      }
      return drpc.spec.preferredCluster ?? '';
    default:
      return drpc.spec.preferredCluster ?? '';
  }
}

async function availableS3ProfilesOf(ctx: StatusWriteContext): Promise<string[]> {
  try {
    const policy = await ctx.deps.client.get<DRPolicy>(HubKinds.drPolicy, { name: ctx.drpc.spec.drPolicyRef.name ?? '' });
    const clusters: DRCluster[] = [];
    for (const name of policy.spec.drClusters) clusters.push(await ctx.deps.client.get<DRCluster>(HubKinds.drCluster, { name }));
    return availableS3Profiles(clusters);
  } catch {
    return [];
  }
}

/** The conflict override: a NoClusterDataConflict False from any view (the primary's first) wins. */
function conditionsWithConflictCheck(vrgs: Map<string, VolumeReplicationGroup> | undefined, vrg: VolumeReplicationGroup, nowIso: string): Condition[] {
  const conditions = structuredClone(vrg.status?.conditions ?? []);
  let chosen: Condition | undefined;
  for (const v of vrgs?.values() ?? []) {
    const c = findCondition(v.status?.conditions, 'NoClusterDataConflict');
    if (!c || c.status !== 'False') continue;
    if (isVrgPrimary(v)) {
      chosen = c;
      break;
    }
    chosen ??= c;
  }
  if (!chosen) return conditions;
  const existing = findCondition(conditions, chosen.type);
  if (!existing) {
    conditions.push({ ...chosen, lastTransitionTime: nowIso });
    return conditions;
  }
  if (existing.status !== chosen.status || existing.reason !== chosen.reason) {
    existing.status = chosen.status;
    existing.reason = chosen.reason;
    existing.lastTransitionTime = nowIso;
  }
  existing.reason = chosen.reason || 'none';
  existing.message = chosen.message || 'none';
  if ((existing.observedGeneration ?? 0) !== (chosen.observedGeneration ?? 0)) existing.lastTransitionTime = nowIso;
  return conditions;
}

async function getVrgForStatus(ctx: StatusWriteContext, cluster: string, nowIso: string): Promise<VolumeReplicationGroup | undefined> {
  const fromMap = ctx.vrgs?.get(cluster);
  if (fromMap) return fromMap;
  const drpc = ctx.drpc;
  try {
    return await readVrgView(ctx.deps.client, drpc, ctx.vrgNamespace ?? '', cluster);
  } catch {
    const vrg = ctx.config ? await lastKnownPrimaryVrgFromS3(ctx.deps, ctx.config, await availableS3ProfilesOf(ctx), drpc.metadata.name, ctx.vrgNamespace ?? '') : undefined;
    if (!vrg) {
      drpc.status!.resourceConditions = {};
      addOrUpdateCondition(drpc.status!.conditions!, CONDITION_PROTECTED, drpc.metadata.generation ?? 0, 'Unknown', ProtectedReason.Unknown, `Missing VolumeReplicationGroup status from cluster ${cluster}`, nowIso);
      return undefined;
    }
    // Ramen compares resourceVersions as strings (quirk Q7).
    if ((vrg.metadata.resourceVersion ?? '') < (drpc.status?.resourceConditions?.resourceMeta?.resourceVersion ?? '')) return undefined;
    return vrg;
  }
}

/** `updateResourceCondition`: mirror one VRG into the DRPC status and evaluate `Protected`. */
export async function updateResourceCondition(ctx: StatusWriteContext): Promise<void> {
  const drpc = ctx.drpc;
  if (ctx.vrgNamespace === undefined || !ctx.placement) return;
  const decision = await getClusterDecision(ctx.deps.client, ctx.placement);
  const cluster = clusterForVrgStatus(drpc, decision);
  if (!cluster) return;
  const nowIso = rfc3339(ctx.deps.clock.nowMs());
  const vrg = await getVrgForStatus(ctx, cluster, nowIso);
  if (!vrg) return;
  const status = drpc.status!;
  status.resourceConditions = {
    resourceMeta: {
      kind: vrg.kind,
      name: vrg.metadata.name,
      namespace: vrg.metadata.namespace ?? '',
      generation: vrg.metadata.generation ?? 0,
      ...(vrg.metadata.resourceVersion ? { resourceVersion: vrg.metadata.resourceVersion } : {}),
    },
    conditions: conditionsWithConflictCheck(ctx.vrgs, vrg, nowIso),
  };
  const pvcNames = (vrg.status?.protectedPVCs ?? []).map((p) => p.name ?? '');
  if (pvcNames.length > 0) status.resourceConditions.resourceMeta!.protectedpvcs = pvcNames;
  if (vrg.status?.pvcgroups) status.resourceConditions.resourceMeta!.pvcgroups = structuredClone(vrg.status.pvcgroups);
  if (vrg.status?.lastGroupSyncTime !== undefined || drpc.spec.action !== 'Relocate') {
    setOrDelete(status, 'lastGroupSyncTime', vrg.status?.lastGroupSyncTime);
    setOrDelete(status, 'lastGroupSyncDuration', vrg.status?.lastGroupSyncDuration);
    setOrDelete(status, 'lastGroupSyncBytes', vrg.status?.lastGroupSyncBytes);
  }
  const captured = vrg.status?.kubeObjectProtection?.captureToRecoverFrom;
  if (captured) setOrDelete(status, 'lastKubeObjectProtectionTime', captured.endTime);
  const verdict = evaluateProtected(vrg, cluster);
  addOrUpdateCondition(status.conditions!, CONDITION_PROTECTED, drpc.metadata.generation ?? 0, verdict.status, verdict.reason, verdict.message, nowIso);
}

function setOrDelete<K extends keyof DRPCStatus>(status: DRPCStatus, key: K, value: DRPCStatus[K] | undefined): void {
  if (value === undefined) delete status[key];
  else status[key] = value;
}

/** The write procedure; returns whether a status write happened. */
export async function updateDrpcStatus(ctx: StatusWriteContext): Promise<boolean> {
  const drpc = ctx.drpc;
  drpc.status ??= {};
  drpc.status.conditions ??= [];
  syncActionCountAnnotation(drpc);
  const annotation = drpc.metadata.annotations?.[DR_ACTION_COUNT_ANNOTATION];
  if (annotation !== ctx.savedActionCount) {
    await writeDrpcMetadata(ctx.deps.client, drpc);
    ctx.savedActionCount = annotation;
  }
  await updateResourceCondition(ctx);
  const gen = drpc.metadata.generation ?? 0;
  for (const c of drpc.status.conditions) if ((c.observedGeneration ?? 0) !== gen) c.observedGeneration = gen;
  if (jsonEqual(toJson(ctx.savedStatus), toJson(drpc.status))) return false;
  drpc.status.lastUpdateTime = rfc3339(ctx.deps.clock.nowMs());
  const stored = await ctx.deps.client.updateStatus<DRPlacementControl>(drpc);
  drpc.metadata.resourceVersion = stored.metadata.resourceVersion;
  ctx.savedStatus = structuredClone(drpc.status);
  return true;
}

/** `shouldUpdateStatus` (§9.1): whether the write procedure is worth invoking at all. */
export async function shouldUpdateStatus(ctx: StatusWriteContext): Promise<boolean> {
  const drpc = ctx.drpc;
  const gen = drpc.metadata.generation ?? 0;
  if ((drpc.status?.conditions ?? []).some((c) => (c.observedGeneration ?? 0) !== gen)) return true;
  if (!jsonEqual(toJson(ctx.savedStatus), toJson(drpc.status ?? {}))) return true;
  if (!ctx.placement) return false;
  const home = await getClusterDecision(ctx.deps.client, ctx.placement);
  if (!home) return false;
  const vrg = ctx.vrgs?.get(home);
  if (!vrg) return false;
  const s = drpc.status ?? {};
  if (vrg.status?.lastGroupSyncTime !== s.lastGroupSyncTime) return true;
  if (vrg.status?.lastGroupSyncDuration !== s.lastGroupSyncDuration) return true;
  if (vrg.status?.lastGroupSyncBytes !== s.lastGroupSyncBytes) return true;
  const captured = vrg.status?.kubeObjectProtection?.captureToRecoverFrom;
  if (captured && captured.endTime !== s.lastKubeObjectProtectionTime) return true;
  return !jsonEqual(toJson(s.resourceConditions?.conditions ?? []), toJson(vrg.status?.conditions ?? []));
}

export function statusUpdateTimeElapsed(drpc: DRPlacementControl, nowMs: number): boolean {
  const last = parseRfc3339(drpc.status?.lastUpdateTime);
  return last !== undefined && last + STATUS_CHECK_DELAY_MS < nowMs;
}

/** `getStatusCheckDelay`: 10 minutes after a write; otherwise the remainder, and 0 means no timer. */
export function statusCheckDelayMs(beforeIso: string | undefined, afterIso: string | undefined, nowMs: number): number {
  if (beforeIso !== afterIso) return STATUS_CHECK_DELAY_MS;
  const before = parseRfc3339(beforeIso) ?? 0;
  return Math.max(0, before + STATUS_CHECK_DELAY_MS - nowMs);
}
