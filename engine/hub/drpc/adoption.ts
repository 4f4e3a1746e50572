// VRG adoption by DRPC UID (hub spec §5.5): a VRG whose `drpc-uid` annotation names another DRPC (hub
// recovery, or a DRPC re-created with the same name) is taken over, either by stamping the UID into the
// existing work or by re-creating the work from the viewed VRG. Adoption is complete only when every
// view already shows this DRPC's UID.

import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import {
  DESTINATION_CLUSTER_ANNOTATION,
  DRPC_NAME_ANNOTATION,
  DRPC_NAMESPACE_ANNOTATION,
  DRPC_UID_ANNOTATION,
  ENABLE_DIFF_ANNOTATION,
  IS_CG_ENABLED_ANNOTATION,
  IS_SUBMARINER_ENABLED_ANNOTATION,
  RAMEN_API_VERSION,
  USE_VOLSYNC_ANNOTATION,
  namespaceManifestWorkName,
  vrgManifestWorkName,
} from '../../api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { isNotFound } from '../../runtime/errors.js';
import type { HubDeps } from '../deps.js';
import { createOrUpdateManifestWork, extractFirstManifest, findManifestWork, newManifestWork } from '../ocm/manifest-work-util.js';
import { traceVrgWorkWrite } from './vrg-work-trace.js';

const ADOPTED_ANNOTATIONS = [DESTINATION_CLUSTER_ANNOTATION, IS_CG_ENABLED_ANNOTATION, IS_SUBMARINER_ENABLED_ANNOTATION, USE_VOLSYNC_ANNOTATION, ENABLE_DIFF_ANNOTATION, DRPC_UID_ANNOTATION];

/** `constructVRGFromView`: the view's spec plus only the annotations the hub itself sets. */
export function constructVrgFromView(view: VolumeReplicationGroup): VolumeReplicationGroup {
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(view.metadata.annotations ?? {})) if (ADOPTED_ANNOTATIONS.includes(k)) annotations[k] = v;
  const vrg: VolumeReplicationGroup = {
    apiVersion: RAMEN_API_VERSION,
    kind: 'VolumeReplicationGroup',
    metadata: { name: view.metadata.name, namespace: view.metadata.namespace ?? '' },
    spec: structuredClone(view.spec),
  };
  if (Object.keys(annotations).length > 0) vrg.metadata.annotations = annotations;
  return vrg;
}

function workAnnotations(drpc: DRPlacementControl): Record<string, string> {
  return { [DRPC_NAME_ANNOTATION]: drpc.metadata.name, [DRPC_NAMESPACE_ANNOTATION]: drpc.metadata.namespace ?? '' };
}

async function adoptVrg(deps: HubDeps, drpc: DRPlacementControl, vrgNamespace: string, cluster: string, view: VolumeReplicationGroup): Promise<boolean> {
  const { client } = deps;
  const mwName = vrgManifestWorkName(drpc.metadata.name, vrgNamespace);
  const uid = drpc.metadata.uid ?? '';
  let mw;
  try {
    mw = await findManifestWork(client, mwName, cluster);
  } catch (err) {
    if (!isNotFound(err)) return false;
    // Orphan: recreate the namespace work, then the VRG work from the view.
    try {
      const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: vrgNamespace, annotations: workAnnotations(drpc) } };
      await createOrUpdateManifestWork(
        client,
        newManifestWork(namespaceManifestWorkName(drpc.metadata.name, vrgNamespace), cluster, [ns], { annotations: workAnnotations(drpc), deleteOption: { propagationPolicy: 'Orphan' } }),
      );
      const vrg = constructVrgFromView(view);
      vrg.metadata.annotations = { ...(vrg.metadata.annotations ?? {}), [DRPC_UID_ANNOTATION]: uid };
      if ((await createOrUpdateManifestWork(client, newManifestWork(mwName, cluster, [vrg], { annotations: workAnnotations(drpc) }))) !== 'None') {
        traceVrgWorkWrite(deps.trace, drpc, cluster, mwName, 'adoption');
      }
    } catch {
      // Ramen logs adoption failures and retries on the next pass.
    }
    return false;
  }
  if (mw.metadata.deletionTimestamp) return true;
  let vrg: VolumeReplicationGroup;
  try {
    vrg = extractFirstManifest<VolumeReplicationGroup>(mw);
  } catch {
    return false;
  }
  if (vrg.metadata.annotations?.[DRPC_UID_ANNOTATION] === uid) return false;
  vrg.metadata.annotations = { ...(vrg.metadata.annotations ?? {}), [DRPC_UID_ANNOTATION]: uid };
  try {
    if ((await createOrUpdateManifestWork(client, newManifestWork(mwName, cluster, [vrg], { annotations: workAnnotations(drpc) }))) !== 'None') {
      traceVrgWorkWrite(deps.trace, drpc, cluster, mwName, 'adoption');
    }
  } catch {
    // Logged and retried by Ramen.
  }
  return false;
}

/** `ensureVRGsManagedByDRPC`: true when every (non-deleting) view already carries this DRPC's UID. */
export async function ensureVrgsManagedByDrpc(deps: HubDeps, drpc: DRPlacementControl, vrgNamespace: string, vrgs: ReadonlyMap<string, VolumeReplicationGroup>): Promise<boolean> {
  let ensured = true;
  for (const [cluster, view] of vrgs) {
    if (view.metadata.deletionTimestamp) continue;
    if (view.metadata.annotations?.[DRPC_UID_ANNOTATION] === (drpc.metadata.uid ?? '')) continue;
    const adopted = await adoptVrg(deps, drpc, vrgNamespace, cluster, view);
    ensured = ensured && adopted;
  }
  return ensured;
}
