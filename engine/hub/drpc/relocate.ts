// Relocate (hub spec §6.4): loss-free, so it needs every cluster reachable (R0), a single primary (R1),
// the old home ready to switch over (R5) and the previous action cleaned up (R6). Then: prepare final
// sync → clear the decision → run final sync → demote everywhere → Secondary everywhere → DataProtected
// on the old home → promote → ready → decision → cleanup.

import { Progression, isDiscoveredApp } from '../../api/ramen/drpc.js';
import { CONDITION_AVAILABLE, CONDITION_PEER_READY } from '../../api/ramen/drpc.js';
import { findCondition, isTrueAtGeneration } from '../conditions.js';
import { ensureActionCompleted, ensureDataProtectedOnCluster, ensureVrgIsSecondaryEverywhere } from './completion.js';
import { setDiscoveredAppGcProgression } from './discovered-apps.js';
import { checkClusterFenced, checkReadiness, switchToCluster, vrgExistsAndPrimary } from './failover.js';
import { globalVgrLabel, isGlobalActionInConsensus } from './global-vgr.js';
import type { DrpcInstance } from './instance.js';
import {
  WaitError,
  phaseOf,
  policyClusters,
  setAvailableForPhase,
  setCondition,
  setDRState,
  setPeerReady,
  setProgression,
  setStatusInitiating,
  updatePreferredDecision,
} from './instance.js';
import { ensureVrgManifestWork, updateVrgState, updateVrgToPrepareForFinalSync, updateVrgToRunFinalSync } from './manifestwork.js';
import { clearUserPlacementRuleStatus, getClusterDecision } from './placement.js';
import { relocateCurrentPrimary } from './progression.js';
import { isNotFound } from '../../runtime/errors.js';

/** R5: the metro target must not be fenced; the old home must have DataReady and ClusterDataProtected. */
function readyToSwitchOver(d: DrpcInstance, home: string, preferred: string): boolean {
  if (d.drType === 'sync') {
    try {
      if (checkClusterFenced(d, preferred)) return false;
    } catch {
      return false;
    }
  }
  const vrg = d.vrgs.get(home);
  if (!vrg) return false;
  return isTrueAtGeneration(vrg.status?.conditions, 'DataReady', vrg.metadata.generation) && isTrueAtGeneration(vrg.status?.conditions, 'ClusterDataProtected', vrg.metadata.generation);
}

function validatePeerReady(d: DrpcInstance): boolean {
  const c = findCondition(d.drpc.status?.conditions, CONDITION_PEER_READY);
  return c === undefined || c.status === 'True';
}

/** R7: true once the final sync completed on the old home. */
async function quiesceAndRunFinalSync(d: DrpcInstance, home: string): Promise<boolean> {
  const vrg = d.vrgs.get(home);
  if (!vrg) throw new Error(`VRG not found on Cluster ${home}`);
  if (!vrg.status?.prepareForFinalSyncComplete) {
    await updateVrgToPrepareForFinalSync(d, home);
    setProgression(d, Progression.PreparingFinalSync);
    return false;
  }
  if ((await getClusterDecision(d.deps.client, d.placement)) !== '') {
    setDRState(d, 'Relocating');
    setAvailableForPhase(d, 'Starting quiescing for relocation');
    if (isDiscoveredApp(d.drpc)) setDiscoveredAppGcProgression(d, home);
    else setProgression(d, Progression.ClearingPlacement);
    await clearUserPlacementRuleStatus(d);
  }
  if (!vrg.status?.finalSyncComplete) {
    await updateVrgToRunFinalSync(d, home);
    if (isDiscoveredApp(d.drpc)) setDiscoveredAppGcProgression(d, home);
    else setProgression(d, Progression.RunningFinalSync);
    return false;
  }
  setProgression(d, Progression.FinalSyncComplete);
  return true;
}

/** Rewrites every existing VRG work of the policy as secondary (the target included); false on any failure. */
async function moveVrgToSecondaryEverywhere(d: DrpcInstance): Promise<boolean> {
  let failed = 0;
  for (const cluster of policyClusters(d)) {
    try {
      await updateVrgState(d, cluster, 'secondary');
    } catch (err) {
      if (isNotFound(err)) continue;
      failed++;
    }
  }
  return failed === 0;
}

async function setupRelocation(d: DrpcInstance, preferred: string): Promise<void> {
  if (!(await ensureVrgIsSecondaryEverywhere(d, preferred))) {
    if (isDiscoveredApp(d.drpc)) setDiscoveredAppGcProgression(d, preferred);
    else setProgression(d, Progression.EnsuringVolumesAreSecondary);
    if (!(await moveVrgToSecondaryEverywhere(d))) throw new Error('failed to move VRG to secondary everywhere');
    if (!(await ensureVrgIsSecondaryEverywhere(d, ''))) throw new WaitError('waiting for VRGs to move to secondaries everywhere');
  }
  for (const cluster of policyClusters(d)) {
    if (cluster === preferred) continue;
    if (!(await ensureDataProtectedOnCluster(d, cluster))) throw new WaitError('waiting for data protection');
  }
}

/** R8: demote, protect, promote. */
async function relocate(d: DrpcInstance, preferred: string): Promise<boolean> {
  setDRState(d, 'Relocating');
  setAvailableForPhase(d, 'Starting relocation');
  setPeerReady(d, 'False', 'NotStarted', `Relocation in progress to cluster "${preferred}"`);
  try {
    await setupRelocation(d, preferred);
    await switchToCluster(d, preferred, preferred);
  } catch (err) {
    setAvailableForPhase(d, (err as Error).message);
    throw err;
  }
  updatePreferredDecision(d);
  setDRState(d, 'Relocated');
  setAvailableForPhase(d, 'Completed');
  return false;
}

/** `RunRelocate`; returns true when the action is complete. */
export async function runRelocate(d: DrpcInstance): Promise<boolean> {
  // R0: a relocate with any cluster unreachable does nothing at all.
  if (d.queriedCount !== d.policy.spec.drClusters.length) return false;
  const preferred = d.drpc.spec.preferredCluster ?? '';
  const selected = relocateCurrentPrimary(preferred, d.vrgs);
  if ('error' in selected) {
    setAvailableForPhase(d, selected.error);
    throw new Error(selected.error);
  }
  const home = selected.home;
  if (home !== '' && vrgExistsAndPrimary(d, preferred)) {
    setDRState(d, 'Relocating');
    updatePreferredDecision(d);
    try {
      await ensureVrgManifestWork(d, preferred);
    } catch (err) {
      setProgression(d, Progression.WaitForReadiness);
      throw err;
    }
    if (!checkReadiness(d, preferred)) {
      setProgression(d, Progression.WaitForReadiness);
      return false;
    }
    setDRState(d, 'Relocated');
    setCondition(d, CONDITION_AVAILABLE, 'True', phaseOf(d), 'Completed');
    setProgression(d, Progression.CleaningUp);
    await ensureActionCompleted(d, preferred);
    return true;
  }
  setStatusInitiating(d);
  if (globalVgrLabel(d) && !(await isGlobalActionInConsensus(d))) return false;
  if (home !== '' && home !== preferred && !readyToSwitchOver(d, home, preferred)) {
    const msg = `current cluster (${home}) has not completed protection actions`;
    setAvailableForPhase(d, msg);
    throw new Error(msg);
  }
  if (phaseOf(d) !== 'Relocating' && !validatePeerReady(d)) throw new Error('clean up secondaries is pending, peer is not ready');
  if (home !== '' && home !== preferred) {
    if (!(await quiesceAndRunFinalSync(d, home))) return false;
  }
  return relocate(d, preferred);
}
