// The DRPC's ManifestWorks: the VRG work `<drpc>-<ns>-vrg-mw` in each cluster's namespace and the
// namespace work that precedes it (hub spec §5.1). The create path has a safety latch (an existing work
// in another state is an error, never a silent flip); state changes go through `updateVrgState`, which
// writes only when the state differs.

import type { ManifestWork } from '../../api/ocm/manifest-work.js';
import { DRPC_NAME_ANNOTATION, DRPC_NAMESPACE_ANNOTATION, vrgManifestWorkName } from '../../api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { ApiError, isNotFound } from '../../runtime/errors.js';
import type { OperationResult } from '../ocm/manifest-work-util.js';
import { createOrUpdateManifestWork, extractFirstManifest, findManifestWork, newManifestWork, replaceFirstManifest } from '../ocm/manifest-work-util.js';
import type { DrpcInstance } from './instance.js';
import { ensureNamespaceManifestWork } from './namespace-mw.js';
import type { ReplicationState } from './vrg-builder.js';
import { newVrg, normalizeVrg, setVrgAction, updateVrgOptionalFields } from './vrg-builder.js';
import type { VrgWorkPurpose } from './vrg-work-trace.js';
import { traceVrgWorkWrite } from './vrg-work-trace.js';

export function vrgMwName(d: DrpcInstance): string {
  return vrgManifestWorkName(d.drpc.metadata.name, d.vrgNamespace);
}

export function drpcWorkAnnotations(d: DrpcInstance): Record<string, string> {
  return { [DRPC_NAME_ANNOTATION]: d.drpc.metadata.name, [DRPC_NAMESPACE_ANNOTATION]: d.drpc.metadata.namespace ?? '' };
}

export function findVrgManifestWork(d: DrpcInstance, cluster: string): Promise<ManifestWork> {
  return findManifestWork(d.deps.client, vrgMwName(d), cluster);
}

/** The VRG inside the cluster's work; NotFound (an ApiError) when the work does not exist. */
export async function getVrgFromManifestWork(d: DrpcInstance, cluster: string): Promise<VolumeReplicationGroup> {
  return extractFirstManifest<VolumeReplicationGroup>(await findVrgManifestWork(d, cluster));
}

export async function getVrgFromManifestWorkOrUndefined(d: DrpcInstance, cluster: string): Promise<VolumeReplicationGroup | undefined> {
  try {
    return await getVrgFromManifestWork(d, cluster);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function createOrUpdateVrgManifestWork(d: DrpcInstance, cluster: string, vrg: VolumeReplicationGroup, purpose: VrgWorkPurpose): Promise<OperationResult> {
  const mw = newManifestWork(vrgMwName(d), cluster, [vrg], { annotations: drpcWorkAnnotations(d) });
  const result = await createOrUpdateManifestWork(d.deps.client, mw);
  if (result !== 'None') traceVrgWorkWrite(d.deps.trace, d.drpc, cluster, mw.metadata.name, purpose);
  return result;
}

/** Replaces the VRG in the cluster's (already read) work and names the write's purpose. */
export async function replaceVrgInWork(d: DrpcInstance, mw: ManifestWork, vrg: VolumeReplicationGroup, purpose: VrgWorkPurpose): Promise<void> {
  await replaceFirstManifest(d.deps.client, mw, vrg);
  traceVrgWorkWrite(d.deps.trace, d.drpc, mw.metadata.namespace ?? '', mw.metadata.name, purpose);
}

/** The create path tolerates a work already in the requested state; callers treat this as success. */
export class VrgWorkExistsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VrgWorkExistsError';
  }
}

/** `createVRGManifestWork`: namespace work first, then the latch, then a fresh VRG work. */
export async function createVrgManifestWork(d: DrpcInstance, homeCluster: string, state: ReplicationState): Promise<void> {
  try {
    await ensureNamespaceManifestWork(d, homeCluster);
  } catch {
    throw new Error(`createVRGManifestWork couldn't ensure namespace '${d.vrgNamespace}' on cluster ${homeCluster} exists`);
  }
  let existing: VolumeReplicationGroup | undefined;
  try {
    existing = await getVrgFromManifestWork(d, homeCluster);
  } catch (err) {
    if (!isNotFound(err)) throw new Error(`error (${(err as Error).message}) determining ManifestWork for VolumeReplicationGroup resource exists on cluster ${homeCluster}`);
  }
  if (existing) {
    if (existing.spec.replicationState !== state) {
      throw new Error(`ManifestWork for VolumeReplicationGroup resource exists with mismatching state (${existing.spec.replicationState}) on cluster ${homeCluster}`);
    }
    throw new VrgWorkExistsError(`VolumeReplicationGroup ManifestWork for cluster ${homeCluster} in state ${existing.spec.replicationState} exists`);
  }
  try {
    await createOrUpdateVrgManifestWork(d, homeCluster, newVrg(d, homeCluster, state, undefined), 'create');
  } catch (err) {
    throw new Error(`failed to create or update VolumeReplicationGroup manifest in namespace ${homeCluster} (${(err as Error).message})`);
  }
}

/** `ensureVRGManifestWork`: refresh optional fields of a primary work that has a view; never the state. */
export async function ensureVrgManifestWork(d: DrpcInstance, homeCluster: string): Promise<void> {
  let mw: ManifestWork;
  try {
    mw = await findVrgManifestWork(d, homeCluster);
  } catch (err) {
    if (isNotFound(err)) throw new Error(`failed to find ManifestWork for VolumeReplicationGroup from cluster ${homeCluster}`);
    throw new Error(`error (${(err as Error).message}) in finding ManifestWork for VolumeReplicationGroup from cluster ${homeCluster}`);
  }
  const vrg = extractFirstManifest<VolumeReplicationGroup>(mw);
  if (vrg.spec.replicationState !== 'primary') {
    throw new Error(`invalid update for VolumeReplicationGroup in ${vrg.spec.replicationState} spec.replicationState on cluster ${homeCluster}`);
  }
  const view = d.vrgs.get(homeCluster);
  if (!view) throw new Error(`missing VolumeReplicationGroup view for cluster ${homeCluster}, while attempting to update an instance`);
  updateVrgOptionalFields(d, vrg, view, homeCluster);
  await replaceVrgInWork(d, mw, vrg, 'refresh-optional');
}

async function rewriteVrgInWork(d: DrpcInstance, cluster: string, vrg: VolumeReplicationGroup, purpose: VrgWorkPurpose): Promise<void> {
  const mw = await findVrgManifestWork(d, cluster);
  await replaceVrgInWork(d, mw, normalizeVrg(vrg), purpose);
}

/** `updateVRGState`: returns true when it wrote; a work already in `state` is left alone. */
export async function updateVrgState(d: DrpcInstance, cluster: string, state: ReplicationState): Promise<boolean> {
  let vrg: VolumeReplicationGroup;
  try {
    vrg = await getVrgFromManifestWork(d, cluster);
  } catch (err) {
    if (isNotFound(err)) throw new ApiError('NotFound', `failed to update VRG state. ClusterName ${cluster} (${(err as Error).message})`);
    throw new Error(`failed to update VRG state. ClusterName ${cluster} (${(err as Error).message})`);
  }
  if (vrg.spec.replicationState === state) return false;
  vrg.spec.replicationState = state;
  if (state === 'secondary') {
    vrg.spec.prepareForFinalSync = false;
    vrg.spec.runFinalSync = false;
  }
  setVrgAction(d, vrg);
  updateVrgOptionalFields(d, vrg, d.vrgs.get(cluster), cluster);
  await rewriteVrgInWork(d, cluster, vrg, 'update-state');
  d.deps.trace.emit({ type: 'hub.vrg.state', drpc: `${d.drpc.metadata.namespace}/${d.drpc.metadata.name}`, cluster, state });
  return true;
}

export async function updateVrgToPrepareForFinalSync(d: DrpcInstance, cluster: string): Promise<void> {
  let vrg: VolumeReplicationGroup;
  try {
    vrg = await getVrgFromManifestWork(d, cluster);
  } catch (err) {
    throw new Error(`failed to update VRG state. ClusterName ${cluster} (${(err as Error).message})`);
  }
  if (vrg.spec.prepareForFinalSync) return;
  vrg.spec.prepareForFinalSync = true;
  vrg.spec.runFinalSync = false;
  updateVrgOptionalFields(d, vrg, d.vrgs.get(cluster), cluster);
  await rewriteVrgInWork(d, cluster, vrg, 'final-sync');
}

export async function updateVrgToRunFinalSync(d: DrpcInstance, cluster: string): Promise<void> {
  let vrg: VolumeReplicationGroup;
  try {
    vrg = await getVrgFromManifestWork(d, cluster);
  } catch (err) {
    throw new Error(`failed to update VRG state. ClusterName ${cluster} (${(err as Error).message})`);
  }
  if (vrg.spec.runFinalSync) return;
  vrg.spec.runFinalSync = true;
  vrg.spec.prepareForFinalSync = false;
  updateVrgOptionalFields(d, vrg, d.vrgs.get(cluster), cluster);
  await rewriteVrgInWork(d, cluster, vrg, 'final-sync');
}

/** `createVRGManifestWorkAsPrimary`: flip an existing work to primary, or create one; true when it wrote. */
export async function createVrgManifestWorkAsPrimary(d: DrpcInstance, target: string): Promise<boolean> {
  const existing = await getVrgFromManifestWorkOrUndefined(d, target);
  if (existing) {
    if (existing.spec.replicationState === 'primary') return false;
    await updateVrgState(d, target, 'primary');
    return true;
  }
  await createVrgManifestWork(d, target, 'primary');
  return true;
}
