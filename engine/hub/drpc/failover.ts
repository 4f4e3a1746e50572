// Failover (hub spec §6.3). The target must be reachable and host a VRG that is primary or reports
// Secondary at its generation; metro needs the old home fenced, regional the target's storage
// maintenance modes. The target is promoted while the old primary keeps its primary work (N1): the old
// home is demoted only by completion, after the decision has moved.

import { Progression } from '../../api/ramen/drpc.js';
import { DRCLUSTER_FENCED } from '../../api/ramen/drcluster.js';
import { isTrueAtGeneration } from '../conditions.js';
import { allActivationsReported, lastKnownPrimaryView, requiredActivations } from '../maintenance-requirements.js';
import { lastKnownPrimaryVrgFromS3 } from '../s3/last-primary-vrg.js';
import { ensureActionCompleted, vrgWorkExists } from './completion.js';
import { dryRunReadyToFailover } from './dry-run.js';
import { globalVgrLabel, isGlobalActionInConsensus } from './global-vgr.js';
import type { DrpcInstance } from './instance.js';
import {
  WaitError,
  phaseOf,
  setAvailableForPhase,
  setCondition,
  setDRState,
  setPeerReady,
  setProgression,
  setStatusInitiating,
  updatePreferredDecision,
} from './instance.js';
import { ensureVrgManifestWork, createVrgManifestWorkAsPrimary } from './manifestwork.js';
import { ensurePlacement, getClusterDecision, retainClusterDecisionAsFailover, updateUserPlacementRule } from './placement.js';
import { failoverHomeCluster, isVrgPrimary } from './progression.js';
import { readVrgView } from './views.js';
import { CONDITION_AVAILABLE } from '../../api/ramen/drpc.js';

/** The verbatim Ramen error, with the stray closing parenthesis it appends. */
export const ERR_WAIT_FOR_APP_RESOURCE_RESTORE = 'waiting for App resources to be restored)';

/** `checkReadiness`: primary state reported, DataReady and ClusterDataReady True at current generation. */
export function checkReadiness(d: DrpcInstance, cluster: string): boolean {
  const vrg = d.vrgs.get(cluster);
  if (!vrg) return false;
  const gen = vrg.metadata.generation;
  return isTrueAtGeneration(vrg.status?.conditions, 'DataReady', gen) && isTrueAtGeneration(vrg.status?.conditions, 'ClusterDataReady', gen) && vrg.status?.state === 'Primary';
}

export function vrgExistsAndPrimary(d: DrpcInstance, cluster: string): boolean {
  const vrg = d.vrgs.get(cluster);
  return vrg !== undefined && isVrgPrimary(vrg) && vrg.metadata.deletionTimestamp === undefined;
}

/** F1: a fresh read of the target's VRG. */
async function isValidFailoverTarget(d: DrpcInstance, cluster: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  let vrg;
  try {
    vrg = await readVrgView(d.deps.client, d.drpc, d.vrgNamespace, cluster);
  } catch (err) {
    return { ok: false, reason: `failed to get VRG from managed cluster ${cluster}: ${(err as Error).message}` };
  }
  if (isVrgPrimary(vrg)) return { ok: true };
  if (vrg.status?.state !== 'Secondary' || (vrg.status?.observedGeneration ?? 0) !== (vrg.metadata.generation ?? 0)) {
    return { ok: false, reason: `VRG on ${cluster} has not transitioned to secondary yet. Spec-State/Status-State ${vrg.spec.replicationState}/${vrg.status?.state ?? ''}` };
  }
  return { ok: true };
}

/** `checkClusterFenced`: the DRCluster's Fenced condition True at its current generation. */
export function checkClusterFenced(d: DrpcInstance, cluster: string): boolean {
  const drCluster = d.drClusters.find((c) => c.metadata.name === cluster);
  if (!drCluster) throw new Error(`failed to get the fencing status for the cluster ${cluster}`);
  return isTrueAtGeneration(drCluster.status?.conditions, DRCLUSTER_FENCED, drCluster.metadata.generation);
}

async function checkRegionalFailoverPrerequisites(d: DrpcInstance): Promise<boolean> {
  setProgression(d, Progression.WaitForStorageMaintenanceActivation);
  const target = d.drpc.spec.failoverCluster ?? '';
  const drCluster = d.drClusters.find((c) => c.metadata.name === target);
  if (!drCluster) return true;
  // Only the target's profile is read: the old primary may be unreachable, its S3 store too.
  const vrg =
    lastKnownPrimaryView(d.vrgs, target) ??
    (await lastKnownPrimaryVrgFromS3(d.deps, d.config, [drCluster.spec.s3ProfileName], d.drpc.metadata.name, d.vrgNamespace));
  const required = requiredActivations(vrg);
  if (required.size === 0) return true;
  return allActivationsReported(drCluster, required);
}

/** F9, re-evaluated on every pass until the target's view shows primary. */
async function checkFailoverPrerequisites(d: DrpcInstance, home: string): Promise<boolean> {
  let met = false;
  let error: Error | undefined;
  if (d.drType === 'sync') {
    setProgression(d, Progression.WaitForFencing);
    try {
      if (checkClusterFenced(d, home)) met = true;
      else error = new Error(`current home cluster ${home} is not fenced`);
    } catch (err) {
      error = err as Error;
    }
  } else {
    met = await checkRegionalFailoverPrerequisites(d);
  }
  if (met && !error) return true;
  setAvailableForPhase(d, error ? error.message : 'Waiting for spec.failoverCluster to meet failover prerequisites');
  if (error) throw error;
  return false;
}

/** `switchToCluster`: promote, and once the target reports ready, move the decision there. */
export async function switchToCluster(d: DrpcInstance, target: string, targetNamespace: string): Promise<void> {
  const wrote = await createVrgManifestWorkAsPrimary(d, target);
  if (wrote || !checkReadiness(d, target)) {
    setProgression(d, Progression.WaitingForResourceRestore);
    throw new WaitError(ERR_WAIT_FOR_APP_RESOURCE_RESTORE);
  }
  await updateUserPlacementRule(d, target, targetNamespace);
  setProgression(d, Progression.UpdatedPlacement);
}

async function switchToFailoverCluster(d: DrpcInstance): Promise<boolean> {
  const target = d.drpc.spec.failoverCluster ?? '';
  setDRState(d, 'FailingOver');
  setAvailableForPhase(d, 'Starting failover');
  setPeerReady(d, 'False', 'NotStarted', `Started failover to cluster "${target}"`);
  setProgression(d, Progression.CheckingFailoverPrerequisites);
  const home = failoverHomeCluster({
    currentDecision: await getClusterDecision(d.deps.client, d.placement),
    preferredDecision: d.drpc.status?.preferredDecision?.clusterName ?? '',
    policyClusters: d.drClusters.map((c) => c.metadata.name),
    target,
  });
  if (!home) {
    setAvailableForPhase(d, 'Invalid Failover request. Current home cluster does not exists');
    throw new Error(`failover requested on invalid state ${JSON.stringify({ phase: phaseOf(d) })}`);
  }
  if (!(await checkFailoverPrerequisites(d, home))) return false;
  setProgression(d, Progression.FailingOverToCluster);
  try {
    await retainClusterDecisionAsFailover(d.deps.client, d.placement, home);
    await switchToCluster(d, target, '');
  } catch (err) {
    setAvailableForPhase(d, (err as Error).message);
    throw err;
  }
  updatePreferredDecision(d);
  setDRState(d, 'FailedOver');
  setAvailableForPhase(d, 'Completed');
  return false;
}

/** `RunFailover`; returns true when the action is complete. */
export async function runFailover(d: DrpcInstance): Promise<boolean> {
  const target = d.drpc.spec.failoverCluster ?? '';
  if (!target) {
    const msg = 'missing value for spec.FailoverCluster';
    setAvailableForPhase(d, msg);
    throw new Error(msg);
  }
  const valid = await isValidFailoverTarget(d, target);
  if (!valid.ok) {
    const msg = `unable to start failover, spec.FailoverCluster (${target}) is not a valid Secondary target: ${valid.reason}`;
    setAvailableForPhase(d, msg);
    throw new Error(msg);
  }
  if (vrgExistsAndPrimary(d, target)) {
    updatePreferredDecision(d);
    setDRState(d, 'FailedOver');
    try {
      await ensureVrgManifestWork(d, target);
    } catch (err) {
      setProgression(d, Progression.WaitForReadiness);
      throw err;
    }
    if (!checkReadiness(d, target)) {
      setProgression(d, Progression.WaitForReadiness);
      return false;
    }
    setCondition(d, CONDITION_AVAILABLE, 'True', phaseOf(d), 'Completed');
    if (d.drpc.spec.dryRun && d.drpc.spec.action === 'Failover') {
      setProgression(d, Progression.TestingFailover);
      await ensurePlacement(d, target);
      return false;
    }
    setProgression(d, Progression.CleaningUp);
    await ensureActionCompleted(d, target);
    return true;
  }
  // F3: the switch happened but the view has not caught up yet.
  if ((await vrgWorkExists(d, target)) && (await getClusterDecision(d.deps.client, d.placement)) === target) return false;
  if (d.drpc.spec.dryRun && !dryRunReadyToFailover(d)) return false;
  setStatusInitiating(d);
  if (globalVgrLabel(d) && !(await isGlobalActionInConsensus(d))) return false;
  return switchToFailoverCluster(d);
}
