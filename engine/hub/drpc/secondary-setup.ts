// Secondary replication setup (hub spec §6.6): write a fresh secondary VRG into the peer's work (for
// VolRep apps too), carrying the source's peer classes and, for VolSync PVCs, one rdSpec per protected
// PVC. This create-or-update overwrites whatever the peer's work held — including a primary — which is
// why only its callers' gates protect it (§5.1, S12 "not covered").

import { Progression } from '../../api/ramen/drpc.js';
import { IS_SUBMARINER_ENABLED_ANNOTATION, volSyncClusterSecretName } from '../../api/ramen/hub-constants.js';
import type { VolSyncReplicationSourceSpec, VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { isNotFound } from '../../runtime/errors.js';
import type { DrpcInstance } from './instance.js';
import { WaitError, policyClusters, setProgression } from './instance.js';
import { createOrUpdateVrgManifestWork, findVrgManifestWork, getVrgFromManifestWork, replaceVrgInWork } from './manifestwork.js';
import { extractFirstManifest } from '../ocm/manifest-work-util.js';
import { ensureNamespaceManifestWork } from './namespace-mw.js';
import { ensureRecipeManifestWork } from './recipe-mw.js';
import { ensureVolSyncSecretPropagation } from './volsync-secret.js';
import { newVrg, normalizeVrg } from './vrg-builder.js';

export const ERR_WAIT_FOR_VOLSYNC_MW_CREATION = 'waiting for VolSync ManifestWork to be created';
export const ERR_WAIT_FOR_SOURCE_CLUSTER = 'waiting for primary to provide Protected PVCs';

async function refreshVrgSecondarySpec(d: DrpcInstance, src: string, dst: string): Promise<VolumeReplicationGroup> {
  setProgression(d, Progression.SettingUpVolSyncDest);
  const srcView = d.vrgs.get(src);
  if (!srcView) throw new Error(`failed to find source VolSync VRG in cluster ${src}. VRGs ${[...d.vrgs.keys()].join(',')}`);
  let srcVrg: VolumeReplicationGroup;
  try {
    srcVrg = await getVrgFromManifestWork(d, src);
  } catch {
    throw new Error(`failed to find source VRG ManifestWork in cluster ${src}`);
  }
  const dstVrg = newVrg(d, dst, 'secondary', undefined);
  if (d.drType === 'async') {
    if ((srcView.status?.protectedPVCs ?? []).length !== 0) {
      const rdSpec = [];
      for (const pvc of srcView.status?.protectedPVCs ?? []) {
        if (!pvc.protectedByVolSync) continue;
        const copy = structuredClone(pvc);
        delete copy.lastSyncBytes;
        delete copy.lastSyncTime;
        delete copy.lastSyncDuration;
        delete copy.conditions;
        rdSpec.push({ protectedPVC: copy });
      }
      dstVrg.spec.volSync ??= {};
      if (rdSpec.length > 0) dstVrg.spec.volSync.rdSpec = rdSpec;
      const mover = d.drpc.spec.volSyncSpec?.moverConfig ?? [];
      if (d.drpc.spec.volSyncSpec && mover.length > 0) dstVrg.spec.volSync.moverConfig = structuredClone(mover);
    }
    dstVrg.spec.async ??= { schedulingInterval: d.policy.spec.schedulingInterval };
    if (srcVrg.spec.async?.peerClasses) dstVrg.spec.async.peerClasses = structuredClone(srcVrg.spec.async.peerClasses);
    else delete dstVrg.spec.async.peerClasses;
  } else {
    dstVrg.spec.sync ??= {};
    if (srcVrg.spec.sync?.peerClasses) dstVrg.spec.sync.peerClasses = structuredClone(srcVrg.spec.sync.peerClasses);
    else delete dstVrg.spec.sync.peerClasses;
  }
  return normalizeVrg(dstVrg);
}

/** Create-or-update the secondary VRG work on the first peer of `src`; returns what happened. */
async function createOrUpdateSecondaryManifestWork(d: DrpcInstance, src: string): Promise<'Created' | 'Updated' | 'None'> {
  for (const dst of policyClusters(d)) {
    if (dst === src) continue;
    try {
      await ensureNamespaceManifestWork(d, dst);
    } catch {
      throw new Error(`creating ManifestWork couldn't ensure namespace '${d.drpc.metadata.namespace}' on cluster ${dst} exists`);
    }
    try {
      await ensureRecipeManifestWork(d, src, dst);
    } catch {
      throw new Error(`creating ManifestWork couldn't ensure recipe on cluster ${dst} exists`);
    }
    const vrg = await refreshVrgSecondarySpec(d, src, dst);
    try {
      return await createOrUpdateVrgManifestWork(d, dst, vrg, 'secondary-setup');
    } catch (err) {
      throw new Error(`failed to create or update VRG MW in namespace ${dst} (${(err as Error).message})`);
    }
  }
  return 'None';
}

function isVolSyncReplicationRequired(d: DrpcInstance, home: string): boolean {
  if (d.volSyncDisabled) return false;
  const vrg = d.vrgs.get(home);
  if (!vrg) throw new Error(`failed to find VRG on homeCluster ${home}`);
  const pvcs = vrg.status?.protectedPVCs ?? [];
  if (pvcs.length === 0) throw new WaitError(ERR_WAIT_FOR_SOURCE_CLUSTER);
  return pvcs.some((p) => p.protectedByVolSync);
}

/** Only with `is-submariner-enabled: "false"`: copy the peer's rdInfo into the source's rsSpec. */
async function ensureVolSyncReplicationSource(d: DrpcInstance, src: string): Promise<void> {
  if (d.vrgs.size !== 2) throw new Error(`wrong number of VRGS ${d.vrgs.size}`);
  const srcView = d.vrgs.get(src);
  if (!srcView) throw new Error(`failed to find the source VSRG in cluster ${src}`);
  for (const [dst, dstView] of d.vrgs) {
    if (dst === src) continue;
    const rdInfo = dstView.status?.rdInfo ?? [];
    if (rdInfo.length === 0) throw new WaitError('waiting for VolSync RDInfo');
    const rsSpec: VolSyncReplicationSourceSpec[] = [...(srcView.spec.volSync?.rsSpec ?? [])];
    for (const info of rdInfo) {
      const entry: VolSyncReplicationSourceSpec = { rsyncTLS: { tlsSecretRef: { name: volSyncClusterSecretName(d.drpc.metadata.name) } } };
      if (info.protectedPVC) entry.protectedPVC = info.protectedPVC;
      if (info.rsyncTLS?.address !== undefined) entry.rsyncTLS!.address = info.rsyncTLS.address;
      const i = rsSpec.findIndex((r) => r.protectedPVC?.name === info.protectedPVC?.name && r.protectedPVC?.namespace === info.protectedPVC?.namespace);
      if (i >= 0) rsSpec[i] = entry;
      else rsSpec.push(entry);
    }
    let mw;
    try {
      mw = await findVrgManifestWork(d, src);
    } catch (err) {
      if (isNotFound(err)) return;
      throw new Error(`failed to update dst VSRG on cluster ${src} - ${(err as Error).message}`);
    }
    const vrg = extractFirstManifest<VolumeReplicationGroup>(mw);
    vrg.spec.volSync ??= {};
    vrg.spec.volSync.rsSpec = rsSpec;
    await replaceVrgInWork(d, mw, normalizeVrg(vrg), 'volsync-source');
    return;
  }
}

/** `EnsureSecondaryReplicationSetup(S)`; throws while waiting. */
export async function ensureSecondaryReplicationSetup(d: DrpcInstance, src: string): Promise<void> {
  setProgression(d, Progression.EnsuringVolSyncSetup);
  const op = await createOrUpdateSecondaryManifestWork(d, src);
  if (op === 'Created') throw new WaitError(ERR_WAIT_FOR_VOLSYNC_MW_CREATION);
  if (!d.vrgs.has(src)) throw new Error(`failed to find source VRG in cluster ${src}`);
  if (isVolSyncReplicationRequired(d, src)) {
    await ensureVolSyncSecretPropagation(d.deps.client, d.drpc, d.drClusters.map((c) => c.metadata.name), d.vrgNamespace);
  }
  if (d.drpc.metadata.annotations?.[IS_SUBMARINER_ENABLED_ANNOTATION] === 'false') await ensureVolSyncReplicationSource(d, src);
}

/** `ResetVolSyncRDOnPrimary`: clear rdSpec left in the new primary's work. */
export async function resetVolSyncRdOnPrimary(d: DrpcInstance, cluster: string): Promise<void> {
  if (d.volSyncDisabled) return;
  let mw;
  try {
    mw = await findVrgManifestWork(d, cluster);
  } catch (err) {
    if (isNotFound(err)) return;
    throw new Error(`failed to update VRG state for MW, in namespace ${cluster} (${(err as Error).message})`);
  }
  const vrg = extractFirstManifest<VolumeReplicationGroup>(mw);
  if (vrg.spec.replicationState !== 'primary') throw new Error(`vrg ${vrg.metadata.name} is not set as primary on this cluster, ${cluster}`);
  if ((vrg.spec.volSync?.rdSpec ?? []).length === 0) return;
  delete vrg.spec.volSync!.rdSpec;
  await replaceVrgInWork(d, mw, normalizeVrg(vrg), 'reset-rd');
}
