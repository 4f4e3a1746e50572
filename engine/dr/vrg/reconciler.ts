// The VolumeReplicationGroup reconciler entry (dr-cluster spec §3.2): read the VRG and RamenConfig,
// initialize conditions, validate, classify PVCs, then dispatch to deletion, Primary or Secondary.

import { VRG_FINALIZER } from '../../api/ramen/dr-constants.js';
import { VRG_CONDITION as T, VRG_KIND, VRG_REASON as R } from '../../api/ramen/vrg.js';
import type { VolumeReplicationGroup, VrgStatus } from '../../api/ramen/vrg.js';
import { isNotFound } from '../../runtime/errors.js';
import type { Reconciler, Request, Result } from '../../runtime/reconcile.js';
import { readRamenConfig } from '../ramen-config-store.js';
import { isAdminNamespaceVrg } from './admin-namespace.js';
import { setInitialConditions, setStatusCondition } from './conditions.js';
import { processForDeletion } from './deletion.js';
import type { DrDeps } from './instance.js';
import { errorMessage, VrgInstance } from './instance.js';
import { addFinalizerTo } from './kube-updates.js';
import { processAsPrimary } from './primary.js';
import { updatePvcList } from './pvc-selector.js';
import { s3StoreAccessors } from './s3-stores.js';
import { processAsSecondary } from './secondary.js';
import { dataError, invalid } from './status.js';

export interface VrgReconcilerOptions {
  /** Whether Velero's CRDs were found at operator start (admin-namespace VRGs need them). */
  veleroWatched: () => boolean;
}

const RECIPE_KIND = { apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'Recipe' };

async function processVrg(v: VrgInstance): Promise<Result> {
  const state = v.vrg.spec.replicationState;
  if (state !== 'primary' && state !== 'secondary') {
    const err = new Error(`invalid or unknown replication state detected (deleted ${v.isDeleted}, desired replicationState ${state ?? ''})`);
    return invalid(v, err, 'VolumeReplicationGroup state is invalid', false);
  }
  if (!v.isAsync && !v.isSync) {
    return invalid(v, new Error(`neither of sync or async mode is enabled (deleted ${v.isDeleted})`), 'VolumeReplicationGroup mode is invalid', false);
  }
  if ((v.vrg.spec.protectedNamespaces ?? []).length > 0 && v.vrg.metadata.namespace !== v.ramenConfig.ramenOpsNamespace) {
    return invalid(v, new Error('VolumeReplicationGroup is not allowed to protect namespaces'), 'VolumeReplicationGroup is not in the admin namespace', false);
  }
  const recipeRef = v.vrg.spec.kubeObjectProtection?.recipeRef;
  if (recipeRef?.name) {
    // Recipes are not modeled; the lookup reproduces Ramen's failure when the Recipe is absent.
    try {
      await v.client.get(RECIPE_KIND, { namespace: recipeRef.namespace ?? v.vrg.metadata.namespace ?? '', name: recipeRef.name });
      return invalid(v, new Error('recipes are not modeled by drsim'), 'Failed to get recipe', false);
    } catch (err) {
      return invalid(v, err, 'Failed to get recipe', false);
    }
  }
  try {
    await updatePvcList(v);
  } catch (err) {
    return invalid(v, err, 'Failed to process list of PVCs to protect', true);
  }
  v.s3Accessors = await s3StoreAccessors(v);
  if (v.isDeleted) return processForDeletion(v);
  if (addFinalizerTo(v.vrg, VRG_FINALIZER)) {
    const status = v.vrg.status;
    try {
      const updated = await v.client.update(v.vrg);
      v.vrg = { ...updated, status } as VrgInstance['vrg'];
    } catch (err) {
      v.vrg.metadata.finalizers = (v.vrg.metadata.finalizers ?? []).filter((f) => f !== VRG_FINALIZER);
      return dataError(v, new Error(`failed to add finalizer to VolumeReplicationGroup resource (${v.namespacedName}), ${errorMessage(err)}`), 'Failed to add finalizer to VolumeReplicationGroup', true);
    }
  }
  updateAutoCleanup(v);
  return v.isPrimary ? processAsPrimary(v) : processAsSecondary(v);
}

// Ramen's updateVRGAutoCleanupCondition for applications without a VM recipe.
function updateAutoCleanup(v: VrgInstance): void {
  const discovered = (v.vrg.spec.protectedNamespaces ?? []).length > 0;
  const message = discovered
    ? "Automated cleanup is not supported for this application's protection configuration."
    : "Automated Cleanup not applicable: GitOps manages the application's resource lifecycle.";
  setStatusCondition(v.status.conditions, { type: T.AutoCleanup, status: 'False', reason: R.Unused, message, observedGeneration: v.generation }, v.now());
}

export function createVrgReconciler(deps: DrDeps, options: VrgReconcilerOptions): Reconciler {
  return {
    async reconcile(request: Request): Promise<Result> {
      let vrg: VolumeReplicationGroup;
      try {
        vrg = await deps.client.get<VolumeReplicationGroup>(VRG_KIND, { namespace: request.namespace ?? '', name: request.name });
      } catch (err) {
        if (isNotFound(err)) return {};
        throw new Error(`failed to reconcile VolumeReplicationGroup (${request.namespace ?? ''}/${request.name}), ${errorMessage(err)}`);
      }
      let config;
      try {
        config = await readRamenConfig(deps.client, deps.operatorNamespace);
      } catch (err) {
        throw new Error(`failed to get Ramen configmap: ${errorMessage(err)}`);
      }
      const withStatus = { ...vrg, status: (vrg.status ?? {}) as VrgStatus };
      const v = new VrgInstance(deps, withStatus, config);
      if (isAdminNamespaceVrg(v) && !options.veleroWatched()) {
        throw new Error(
          `VRG {${v.namespacedName}} with kube object protection doesn't work if velero/oadp is not installed. Please install velero/oadp and restart the operator`,
        );
      }
      // Legacy entries without a namespace belong to the VRG's namespace.
      for (const entry of v.status.protectedPVCs) if (!entry.namespace) entry.namespace = vrg.metadata.namespace ?? '';
      setInitialConditions(v.status.conditions, v.generation, v.now());
      const result = await processVrg(v);
      deps.trace.emit({ type: 'dr.vrg.reconciled', cluster: deps.clusterName, vrg: v.namespacedName, volRep: v.volRepPVCs.length, volSync: v.volSyncPVCs.length, requeue: result.requeue === true });
      return result;
    },
  };
}
