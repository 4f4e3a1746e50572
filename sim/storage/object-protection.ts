// Kubernetes' storage-object-in-use protection, as kube-controller-manager runs it: every PVC
// carries `kubernetes.io/pvc-protection` until it is deleted and no Pod in its namespace mounts it;
// every PV carries `kubernetes.io/pv-protection` until it is deleted and no longer Bound. Ramen's
// VRG watches for the PVC finalizer's removal, so its timing matters.

import type { KubeObject } from '../../engine/api/meta.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import type { ControllerSpec, Request, Result } from '../../engine/runtime/reconcile.js';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from './core-shapes.js';
import { claimNamesOf, POD_KIND, PV_KIND, PVC_KIND } from './core-shapes.js';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

function withFinalizer<T extends KubeObject>(obj: T, finalizer: string, present: boolean): T {
  const list = obj.metadata.finalizers ?? [];
  const finalizers = present ? [...list, finalizer] : list.filter((f) => f !== finalizer);
  return { ...obj, metadata: { ...obj.metadata, finalizers } };
}

/** Whether any Pod that is not finished mounts the claim. */
export async function claimInUse(client: ClusterClient, namespace: string, claim: string): Promise<boolean> {
  const pods = (await client.list<Pod>(POD_KIND, { namespace })).items;
  return pods.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && claimNamesOf(p).includes(claim));
}

export function pvcProtectionController(client: ClusterClient): ControllerSpec {
  return {
    name: 'pvc-protection',
    reconciler: {
      async reconcile(request: Request): Promise<Result> {
        const pvc = await ignoreNotFound(client.get<PersistentVolumeClaim>(PVC_KIND, request));
        if (!pvc) return {};
        const has = (pvc.metadata.finalizers ?? []).includes(PVC_PROTECTION_FINALIZER);
        if (!pvc.metadata.deletionTimestamp) {
          if (!has) await client.update(withFinalizer(pvc, PVC_PROTECTION_FINALIZER, true));
          return {};
        }
        if (has && !(await claimInUse(client, pvc.metadata.namespace ?? '', pvc.metadata.name))) {
          await client.update(withFinalizer(pvc, PVC_PROTECTION_FINALIZER, false));
        }
        return {};
      },
    },
    watches: [
      { client, kind: PVC_KIND },
      // A Pod going away may release the claims it mounted.
      { client, kind: POD_KIND, map: (obj) => claimNamesOf(obj as Pod).map((name) => ({ namespace: obj.metadata.namespace ?? '', name })) },
    ],
  };
}

export function pvProtectionController(client: ClusterClient): ControllerSpec {
  return {
    name: 'pv-protection',
    reconciler: {
      async reconcile(request: Request): Promise<Result> {
        const pv = await ignoreNotFound(client.get<PersistentVolume>(PV_KIND, { name: request.name }));
        if (!pv) return {};
        const has = (pv.metadata.finalizers ?? []).includes(PV_PROTECTION_FINALIZER);
        if (!pv.metadata.deletionTimestamp) {
          if (!has) await client.update(withFinalizer(pv, PV_PROTECTION_FINALIZER, true));
        } else if (has && pv.status?.phase !== 'Bound') {
          await client.update(withFinalizer(pv, PV_PROTECTION_FINALIZER, false));
        }
        return {};
      },
    },
    watches: [{ client, kind: PV_KIND }],
  };
}
