// Completing an action and cleaning up the peers (hub spec §6.5): refresh the new home's work, move the
// decision there, then demote every other cluster and wait until its VRG reports Secondary at its current
// generation, dropping its RetainedForFailover decision on the way. A view is never trusted in the pass
// that rewrote that cluster's work.

import { CONDITION_PEER_READY, DRPCReason, Progression, isDiscoveredApp } from '../../api/ramen/drpc.js';
import { isNotFound } from '../../runtime/errors.js';
import { findCondition, isTrueAtGeneration } from '../conditions.js';
import { isRemoteNotFound } from '../ocm/view-reader.js';
import { setDiscoveredAppGcProgression } from './discovered-apps.js';
import type { DrpcInstance } from './instance.js';
import { WaitError, conditionsOf, generationOf, policyClusters, setActionDuration, setPeerReady, setProgression } from './instance.js';
import { ensureVrgManifestWork, findVrgManifestWork, updateVrgState } from './manifestwork.js';
import { ensurePlacement, removeClusterDecisionForFailover } from './placement.js';
import { ensureSecondaryReplicationSetup, resetVolSyncRdOnPrimary } from './secondary-setup.js';
import { readVrgView } from './views.js';

/** A fresh read: true when the VRG reports Secondary at its generation, or does not exist. */
export async function ensureVrgIsSecondaryOnCluster(d: DrpcInstance, cluster: string): Promise<boolean> {
  d.mcvRequestInProgress = false;
  try {
    const vrg = await readVrgView(d.deps.client, d.drpc, d.vrgNamespace, cluster);
    return vrg.status?.state === 'Secondary' && (vrg.status?.observedGeneration ?? 0) === (vrg.metadata.generation ?? 0);
  } catch (err) {
    if (isRemoteNotFound(err)) return true;
    d.mcvRequestInProgress = true;
    return false;
  }
}

export async function ensureVrgIsSecondaryEverywhere(d: DrpcInstance, clusterToSkip: string): Promise<boolean> {
  for (const cluster of policyClusters(d)) {
    if (cluster === clusterToSkip) continue;
    if (!(await ensureVrgIsSecondaryOnCluster(d, cluster))) return false;
  }
  return true;
}

/** A fresh read: DataProtected True at the VRG's generation; a missing VRG is not protected. */
export async function ensureDataProtectedOnCluster(d: DrpcInstance, cluster: string): Promise<boolean> {
  d.mcvRequestInProgress = false;
  try {
    const vrg = await readVrgView(d.deps.client, d.drpc, d.vrgNamespace, cluster);
    return isTrueAtGeneration(vrg.status?.conditions, 'DataProtected', vrg.metadata.generation);
  } catch (err) {
    if (!isRemoteNotFound(err)) d.mcvRequestInProgress = true;
    return false;
  }
}

/** One peer of the new home: demote, then wait for the view to show the demotion applied. */
async function cleanupSecondary(d: DrpcInstance, cluster: string, clusterToSkip: string): Promise<boolean> {
  let justUpdated: boolean;
  try {
    justUpdated = await updateVrgState(d, cluster, 'secondary');
  } catch (err) {
    // A peer without any VRG work (typical after hub recovery) gets its secondary recreated.
    if (isNotFound(err)) await ensureSecondaryReplicationSetup(d, clusterToSkip);
    return false;
  }
  const view = d.vrgs.get(cluster);
  if (justUpdated || !view) return false;
  if (view.spec.replicationState !== 'secondary' || (view.status?.observedGeneration ?? 0) !== (view.metadata.generation ?? 0)) return false;
  await removeClusterDecisionForFailover(d.deps.client, d.placement, cluster);
  if (isDiscoveredApp(d.drpc)) setDiscoveredAppGcProgression(d, clusterToSkip);
  return ensureVrgIsSecondaryOnCluster(d, cluster);
}

/** `EnsureCleanup`: skipped once PeerReady is True/Success at the DRPC's current generation. */
export async function ensureCleanup(d: DrpcInstance, clusterToSkip: string): Promise<void> {
  let peerReady = findCondition(conditionsOf(d), CONDITION_PEER_READY);
  if (!peerReady) {
    setPeerReady(d, 'False', DRPCReason.Progressing, 'Starting cleanup check');
    peerReady = findCondition(conditionsOf(d), CONDITION_PEER_READY)!;
  }
  if (peerReady.reason === DRPCReason.Success && peerReady.status === 'True' && (peerReady.observedGeneration ?? 0) === generationOf(d)) return;
  for (const cluster of policyClusters(d)) {
    if (cluster === clusterToSkip) continue;
    if (!(await cleanupSecondary(d, cluster, clusterToSkip))) throw new WaitError('still waiting for peer to be ready');
  }
  setPeerReady(d, 'True', DRPCReason.Success, 'Ready');
}

async function ensureCleanupAndSecondaryReplicationSetup(d: DrpcInstance, srcCluster: string): Promise<void> {
  await resetVolSyncRdOnPrimary(d, srcCluster);
  const view = d.vrgs.get(srcCluster);
  if (!view || (view.spec.volSync?.rdSpec ?? []).length !== 0) {
    throw new WaitError(`waiting for RDSpec count on cluster ${srcCluster} to go to zero. VRG OK? ${view !== undefined}`);
  }
  await ensureCleanup(d, srcCluster);
  await ensureSecondaryReplicationSetup(d, srcCluster);
}

/** `ensureActionCompleted(S)`: returns when Completed; throws while anything is still pending. */
export async function ensureActionCompleted(d: DrpcInstance, srcCluster: string): Promise<void> {
  await ensureVrgManifestWork(d, srcCluster);
  await ensurePlacement(d, srcCluster);
  await ensureCleanupAndSecondaryReplicationSetup(d, srcCluster);
  setProgression(d, Progression.Completed);
  setActionDuration(d);
}

/** Whether the cluster has a VRG work at all (the F3 "switch happened" probe). */
export async function vrgWorkExists(d: DrpcInstance, cluster: string): Promise<boolean> {
  try {
    await findVrgManifestWork(d, cluster);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
