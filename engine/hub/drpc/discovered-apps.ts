// Discovered applications (`protectedNamespaces`, hub spec §7): OCM does not own the workload, so
// where a managed app shows placement or cleanup progress a discovered app shows the garbage-collection
// progression, which tells the user to remove the app from the old cluster.

import { Progression } from '../../api/ramen/drpc.js';
import { LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION } from '../../api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { findCondition } from '../conditions.js';
import type { DrpcInstance } from './instance.js';
import { policyClusters, setProgression } from './instance.js';

/** The built-in VM recipe's name (Ramen's recipecore.VMRecipeName). */
export const VM_RECIPE_NAME = 'vm-recipe';

export function isVmRecipeInUse(d: DrpcInstance): boolean {
  return d.drpc.spec.kubeObjectProtection?.recipeRef?.name === VM_RECIPE_NAME;
}

function isSourceVrgForAction(d: DrpcInstance, cluster: string): boolean {
  const spec = d.drpc.spec;
  if ((spec.preferredCluster === cluster && spec.action === 'Relocate') || (spec.failoverCluster === cluster && spec.action === 'Failover')) return true;
  if (!spec.action) {
    const last = d.drpc.metadata.annotations?.[LAST_APP_DEPLOYMENT_CLUSTER_ANNOTATION];
    if (last !== undefined) return last !== cluster;
  }
  return false;
}

/** The view of the cluster being cleaned, or the other cluster's when that one is the action's target. */
function cleanupSecondaryVrg(d: DrpcInstance, cluster: string): VolumeReplicationGroup | undefined {
  if (d.vrgs.size === 0) return undefined;
  let vrg = d.vrgs.get(cluster);
  if (isSourceVrgForAction(d, cluster)) {
    for (const other of policyClusters(d)) {
      if (other === cluster) continue;
      const alt = d.vrgs.get(other);
      if (alt) {
        vrg = alt;
        break;
      }
    }
  }
  return vrg;
}

export function setDiscoveredAppGcProgression(d: DrpcInstance, cluster: string): void {
  if (!isVmRecipeInUse(d)) {
    setProgression(d, Progression.WaitOnUserToCleanUp);
    return;
  }
  const vrg = cleanupSecondaryVrg(d, cluster);
  const autoCleanup = findCondition(vrg?.status?.conditions, 'AutoCleanup');
  if (vrg && (vrg.spec.prepareForFinalSync || vrg.status?.finalSyncComplete || vrg.status?.prepareForFinalSyncComplete)) setProgression(d, Progression.PreparingFinalSync);
  else if (autoCleanup?.reason === 'Progressing') setProgression(d, Progression.CleanupReadiness);
  else if (autoCleanup?.reason === 'Completed') setProgression(d, Progression.CleaningUp);
  else setProgression(d, Progression.WaitOnUserToCleanUp);
}
