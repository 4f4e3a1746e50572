// Dry-run ("test failover", hub spec §10): the target is promoted while the original home stays primary
// and the last-action / last-app-deployment-cluster annotations keep the pre-test state. Leaving the
// dry run either promotes it into a real failover or reverts to the recorded pre-test state.

import type { DRState } from '../../api/ramen/drpc.js';
import { CONDITION_AVAILABLE, CONDITION_PROTECTED, Progression, isDiscoveredApp } from '../../api/ramen/drpc.js';
import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import { DRYRUN_ANNOTATION, LAST_ACTION_ANNOTATION, LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION } from '../../api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { parseRfc3339 } from '../../runtime/ports.js';
import { findCondition } from '../conditions.js';
import { schedulingIntervalSeconds } from '../drpolicy/scheduling-interval.js';
import { extractFirstManifest } from '../ocm/manifest-work-util.js';
import { ensureActionCompleted, ensureVrgIsSecondaryOnCluster } from './completion.js';
import { setDiscoveredAppGcProgression } from './discovered-apps.js';
import type { DrpcInstance } from './instance.js';
import { phaseOf, setCondition, setDRState, setProgression } from './instance.js';
import { findVrgManifestWork, replaceVrgInWork } from './manifestwork.js';
import { writeDrpcMetadata } from './metadata.js';
import { removeClusterDecisionForFailover } from './placement.js';

export class DryRunValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DryRunValidationError';
  }
}

function isProtected(d: DrpcInstance): boolean {
  if (findCondition(d.drpc.status?.conditions, CONDITION_PROTECTED)?.status === 'True') return true;
  setCondition(d, CONDITION_AVAILABLE, 'False', phaseOf(d), 'cannot start failover because workload is not protected');
  return false;
}

function isGroupSyncLagging(d: DrpcInstance): boolean {
  const last = parseRfc3339(d.drpc.status?.lastGroupSyncTime);
  if (last === undefined) return false;
  const interval = schedulingIntervalSeconds(d.policy.spec.schedulingInterval);
  if (interval.error) return false;
  if (d.deps.clock.nowMs() - last <= 3 * interval.seconds * 1000) return false;
  setCondition(d, CONDITION_AVAILABLE, 'False', phaseOf(d), 'cannot start dry-run failover: lastGroupSyncTime is lagging behind, check workload and cluster replication state');
  return true;
}

export function dryRunReadyToFailover(d: DrpcInstance): boolean {
  return isProtected(d) && !isGroupSyncLagging(d);
}

/** The revert must restore what the annotations recorded; returns the phase to restore. */
export function validateRevert(drpc: DRPlacementControl): DRState {
  const lastAction = drpc.metadata.annotations?.[LAST_ACTION_ANNOTATION] ?? '';
  const lastCluster = drpc.metadata.annotations?.[LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION] ?? '';
  const action = drpc.spec.action ?? '';
  if (!lastCluster) throw new Error('revert validation failed: saved state not found (missing last app deployment cluster)');
  switch (lastAction) {
    case 'Failover':
      if (action !== 'Failover') throw new Error(`revert validation failed: saved last-action=Failover requires action=Failover, got action=${action}`);
      if (drpc.spec.failoverCluster !== lastCluster) throw new Error(`revert validation failed: saved last-action=Failover requires failoverCluster=${lastCluster}, got ${drpc.spec.failoverCluster ?? ''}`);
      return 'FailedOver';
    case 'Relocate':
      if (action !== 'Relocate') throw new Error(`revert validation failed: saved last-action=Relocate requires action=Relocate, got action=${action}`);
      if (drpc.spec.preferredCluster !== lastCluster) throw new Error(`revert validation failed: saved last-action=Relocate requires preferredCluster=${lastCluster}, got ${drpc.spec.preferredCluster ?? ''}`);
      return 'Relocated';
    case '':
      if (action !== '') throw new Error(`revert validation failed: saved last-action=empty requires action=empty, got action=${action}`);
      return 'Deployed';
    default:
      throw new Error(`revert validation failed: unknown saved last-action value: ${lastAction}`);
  }
}

/** Sets the VRG annotation to "false" in the test cluster's work, then drops the DRPC annotation. */
async function cleanupTestFailoverAnnotation(d: DrpcInstance, cluster: string): Promise<void> {
  let mw;
  try {
    mw = await findVrgManifestWork(d, cluster);
  } catch (err) {
    throw new Error(`failed to find VRG ManifestWork on cluster ${cluster}: ${(err as Error).message}`);
  }
  const vrg = extractFirstManifest<VolumeReplicationGroup>(mw);
  vrg.metadata.annotations = { ...(vrg.metadata.annotations ?? {}), [DRYRUN_ANNOTATION]: 'false' };
  await replaceVrgInWork(d, mw, vrg, 'dry-run');
  const annotations = { ...(d.drpc.metadata.annotations ?? {}) };
  delete annotations[DRYRUN_ANNOTATION];
  d.drpc.metadata.annotations = annotations;
  await writeDrpcMetadata(d.deps.client, d.drpc);
}

async function handlePromotion(d: DrpcInstance, testCluster: string): Promise<void> {
  await cleanupTestFailoverAnnotation(d, testCluster);
  d.drpc.metadata.annotations = {
    ...(d.drpc.metadata.annotations ?? {}),
    [LAST_ACTION_ANNOTATION]: d.drpc.spec.action ?? '',
    [LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION]: testCluster,
  };
  await writeDrpcMetadata(d.deps.client, d.drpc);
}

/** Ramen's `needsCleanup`: true stops the pass (requeue), false lets the action run in this pass. */
async function handleRevert(d: DrpcInstance, testCluster: string, lastCluster: string): Promise<boolean> {
  const derived = validateRevert(d.drpc);
  const progression = d.drpc.status?.progression ?? '';
  if (progression === Progression.CleaningUp || progression === Progression.WaitOnUserToCleanUp) {
    if (await ensureVrgIsSecondaryOnCluster(d, testCluster)) {
      setDRState(d, derived);
      setProgression(d, Progression.Completed);
      await cleanupTestFailoverAnnotation(d, testCluster);
      return false;
    }
    return true;
  }
  if (isDiscoveredApp(d.drpc)) setDiscoveredAppGcProgression(d, testCluster);
  else setProgression(d, Progression.CleaningUp);
  try {
    await removeClusterDecisionForFailover(d.deps.client, d.placement, lastCluster);
  } catch {
    // Ramen logs this and carries on with the revert.
  }
  await ensureActionCompleted(d, lastCluster);
  return true;
}

/**
 * `processTestFailoverFlowIfEnabled`: returns false when the pass must stop here (requeue). Validation
 * failures throw DryRunValidationError, recorded as Available False / ValidationFailed.
 */
export async function processTestFailoverFlow(d: DrpcInstance): Promise<boolean> {
  const spec = d.drpc.spec;
  const lastCluster = d.drpc.metadata.annotations?.[LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION] ?? '';
  if (spec.dryRun) {
    if (spec.action !== 'Failover') throw new DryRunValidationError('dryRun is enabled but action is not failover');
    if ((spec.failoverCluster ?? '') === lastCluster) throw new DryRunValidationError(`dryRun failover target cannot be the same as current deployment cluster: ${lastCluster}`);
  }
  if (spec.dryRun && spec.action === 'Failover' && spec.failoverCluster && spec.failoverCluster !== lastCluster) {
    if (d.drpc.metadata.annotations?.[DRYRUN_ANNOTATION] === undefined) {
      d.drpc.metadata.annotations = { ...(d.drpc.metadata.annotations ?? {}), [DRYRUN_ANNOTATION]: 'true' };
      await writeDrpcMetadata(d.deps.client, d.drpc);
      return false;
    }
  }
  const inTest = d.drpc.status?.progression === Progression.TestingFailover;
  if ((inTest && !spec.dryRun) || (!spec.dryRun && d.drpc.metadata.annotations?.[DRYRUN_ANNOTATION] !== undefined)) {
    const testCluster = d.drClusters.find((c) => c.metadata.name !== lastCluster)?.metadata.name ?? '';
    if (!testCluster) throw new Error('could not determine test failover cluster');
    const promotion = spec.failoverCluster === testCluster && spec.action === 'Failover' && !spec.dryRun;
    // A promotion continues into the ordinary failover flow in this same pass.
    if (promotion) {
      await handlePromotion(d, testCluster);
      return true;
    }
    return !(await handleRevert(d, testCluster, lastCluster));
  }
  return true;
}
