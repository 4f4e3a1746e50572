// Initial deployment (hub spec §6.2). The primary VRG work is created on the preferred cluster and the
// decision written right away, without waiting for the VRG (N2); a later pass then creates the secondary
// VRG work on the peer and marks the deployment Completed.

import { CONDITION_PEER_READY, DRPCReason, Progression, isDiscoveredApp } from '../../api/ramen/drpc.js';
import { ensureActionCompleted } from './completion.js';
import type { DrpcInstance } from './instance.js';
import {
  phaseOf,
  setActionDuration,
  setAvailableForPhase,
  setCondition,
  setDRState,
  setProgression,
  setStatusInitiating,
  updatePreferredDecision,
} from './instance.js';
import { VrgWorkExistsError, createVrgManifestWork, ensureVrgManifestWork } from './manifestwork.js';
import { getClusterDecision, updateUserPlacementRule } from './placement.js';
import { chooseDeployStep } from './progression.js';
import { ensureSecondaryReplicationSetup } from './secondary-setup.js';

function setConditionOnInitialDeploymentCompletion(d: DrpcInstance): void {
  setAvailableForPhase(d, 'Initial deployment completed');
  setCondition(d, CONDITION_PEER_READY, 'True', DRPCReason.Success, 'Ready');
}

async function startDeploying(d: DrpcInstance, home: string): Promise<void> {
  setDRState(d, 'Deploying');
  setProgression(d, Progression.CreatingMW);
  try {
    await createVrgManifestWork(d, home, 'primary');
  } catch (err) {
    if (!(err instanceof VrgWorkExistsError)) throw err;
  }
  setProgression(d, Progression.UpdatingPlRule);
  await updateUserPlacementRule(d, home, home);
  d.drpc.status!.preferredDecision = { clusterName: home, clusterNamespace: home };
  setDRState(d, 'Deployed');
}

/** `RunInitialDeployment`; returns true when Completed. */
export async function runInitialDeployment(d: DrpcInstance): Promise<boolean> {
  const home = d.drpc.spec.preferredCluster ?? '';
  const step = chooseDeployStep({ preferredCluster: home, vrgs: d.vrgs, currentDecision: home ? await getClusterDecision(d.deps.client, d.placement) : '' });
  switch (step.step) {
    case 'D0': {
      const msg = `PreferredCluster not set. Placement (${d.placement.obj.metadata.namespace}/${d.placement.obj.metadata.name})`;
      setAvailableForPhase(d, msg);
      throw new Error(msg);
    }
    case 'D2':
      // Ramen completes for the preferred cluster, not where the VRG is primary (quirk Q12).
      updatePreferredDecision(d);
      setProgression(d, Progression.CleaningUp);
      await ensureActionCompleted(d, home);
      return true;
    case 'D3':
      setStatusInitiating(d);
      try {
        await startDeploying(d, home);
      } catch (err) {
        setAvailableForPhase(d, (err as Error).message);
        throw err;
      }
      setConditionOnInitialDeploymentCompletion(d);
      return false;
    case 'D4':
      await ensureVrgManifestWork(d, step.deployedOn);
      await ensureSecondaryReplicationSetup(d, home);
      if (isDiscoveredApp(d.drpc)) await updateUserPlacementRule(d, home, home);
      updatePreferredDecision(d);
      setDRState(d, 'Deployed');
      setConditionOnInitialDeploymentCompletion(d);
      setProgression(d, Progression.Completed);
      setActionDuration(d);
      return true;
  }
  return phaseOf(d) === 'Deployed';
}
