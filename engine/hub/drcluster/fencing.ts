// Fencing a DR cluster through a NetworkFence applied on its peer (hub spec §15.4): a cluster is always
// fenced *from* its peer. The four requests map to phases: Fenced → Fencing → Fenced; Unfenced →
// Unfencing → Unfenced then clean-up of the fence works; ManuallyFenced / ManuallyUnfenced only set
// conditions. The DRPC never changes `clusterFence`.

import type { KubeObject } from '../../api/meta.js';
import type { DRCluster, DRClusterPhase } from '../../api/ramen/drcluster.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import {
  CREATED_BY_RAMEN_LABEL,
  DRCLUSTER_NAME_ANNOTATION,
  NF_MW_LABEL,
  NF_MW_LABEL_VALUE,
  STORAGE_CLUSTER_ID_ANNOTATION,
  STORAGE_DRIVER_ANNOTATION,
  STORAGE_ID_LABEL,
  STORAGE_SECRET_NAMESPACE_ANNOTATION,
  STORAGE_SECRET_NAME_ANNOTATION,
  clusterScopedViewName,
  networkFenceManifestWorkName,
  networkFenceName,
} from '../../api/ramen/hub-constants.js';
import type { ClusterClient } from '../../runtime/client.js';
import { rfc3339 } from '../../runtime/ports.js';
import { HubKinds } from '../kinds.js';
import { readClassesOfConfig, readDrClusterConfig } from '../ocm/class-views.js';
import { createOrUpdateManifestWork, deleteManifestWork, newManifestWork } from '../ocm/manifest-work-util.js';
import { isRemoteNotFound, readThroughView } from '../ocm/view-reader.js';
import { setClean, setCleaning, setFenceError, setFenced, setFencing, setUnfenceError, setUnfenced, setUnfencing } from './conditions.js';

export interface FenceContext {
  client: ClusterClient;
  nowMs: () => number;
  drCluster: DRCluster;
}

/** `getPeerFromPolicy`: another listed, live DRCluster sharing sync peer classes or the region. */
async function peerFromPolicy(client: ClusterClient, policy: DRPolicy, drCluster: DRCluster): Promise<DRCluster | undefined> {
  for (const name of policy.spec.drClusters) {
    if (name === drCluster.metadata.name) continue;
    let peer: DRCluster;
    try {
      peer = await client.get<DRCluster>(HubKinds.drCluster, { name });
    } catch {
      continue;
    }
    if (peer.metadata.deletionTimestamp) continue;
    if ((policy.status?.sync?.peerClasses ?? []).length > 0) return peer;
    if ((drCluster.spec.region ?? '') === (peer.spec.region ?? '')) return peer;
  }
  return undefined;
}

/** `getPeerCluster`: the first policy (in list order) naming this cluster that yields a peer. */
export async function getPeerCluster(client: ClusterClient, drCluster: DRCluster): Promise<DRCluster> {
  const policies = (await client.list<DRPolicy>(HubKinds.drPolicy)).items;
  for (const policy of policies) {
    if (!policy.spec.drClusters.includes(drCluster.metadata.name)) continue;
    const peer = await peerFromPolicy(client, policy, drCluster);
    if (peer) return peer;
  }
  throw new Error(`failed to find the peer cluster for cluster ${drCluster.metadata.name}`);
}

/** NetworkFenceClasses whose provisioner and storageid annotation match a StorageClass; none → one class-less fence (""). */
async function networkFenceClassesOf(client: ClusterClient, peer: DRCluster): Promise<string[]> {
  const cluster = peer.metadata.name;
  const drcc = await readDrClusterConfig(client, cluster, { [DRCLUSTER_NAME_ANNOTATION]: cluster });
  const nfcs = await readClassesOfConfig(client, cluster, 'nfc', drcc.status?.networkFenceClasses, {});
  const scs = await readClassesOfConfig(client, cluster, 'sc', drcc.status?.storageClasses, {});
  const out: string[] = [];
  for (const nfc of nfcs) {
    const ids = nfc.metadata.annotations?.[STORAGE_ID_LABEL];
    if (ids === undefined) continue;
    for (const sc of scs) {
      const sid = sc.metadata.labels?.[STORAGE_ID_LABEL] ?? '';
      if ((sc as KubeObject & { provisioner?: string }).provisioner === (nfc.spec as { provisioner?: string } | undefined)?.provisioner && ids.split(',').includes(sid)) out.push(nfc.metadata.name);
    }
  }
  return out.length === 0 ? [''] : out;
}

function generateNetworkFence(target: DRCluster, nfClass: string): KubeObject {
  const cidrs = target.spec.cidrs ?? [];
  if (cidrs.length === 0) throw new Error('failed to generate network fence resource: CIDRs has no values');
  const spec: Record<string, unknown> = { fenceState: target.spec.clusterFence, cidrs: [...cidrs] };
  if (nfClass) spec.networkFenceClassName = nfClass;
  else {
    const a = target.metadata.annotations ?? {};
    const missing = (what: string): never => {
      throw new Error(`failed to generate network fence resource: failed to create network fence resource with storage detai: failed to find ${what} in annotations`);
    };
    const driver = a[STORAGE_DRIVER_ANNOTATION] ?? missing('storage driver');
    const secretName = a[STORAGE_SECRET_NAME_ANNOTATION] ?? missing('storage secret name');
    const secretNamespace = a[STORAGE_SECRET_NAMESPACE_ANNOTATION] ?? missing('storage secret namespace');
    const clusterID = a[STORAGE_CLUSTER_ID_ANNOTATION] ?? missing('storage cluster id');
    spec.driver = driver;
    spec.secret = { name: secretName, namespace: secretNamespace };
    spec.parameters = { clusterID };
  }
  return { apiVersion: 'csiaddons.openshift.io/v1alpha1', kind: 'NetworkFence', metadata: { name: networkFenceName(target.metadata.name, nfClass || undefined), labels: { [CREATED_BY_RAMEN_LABEL]: 'true' } }, spec };
}

async function createNfManifestWork(ctx: FenceContext, peer: DRCluster, nfClass: string): Promise<void> {
  const target = ctx.drCluster;
  const nf = generateNetworkFence(target, nfClass);
  const name = networkFenceManifestWorkName(target.metadata.name, peer.metadata.name, nfClass || undefined);
  await createOrUpdateManifestWork(
    ctx.client,
    newManifestWork(name, peer.metadata.name, [nf], { labels: { [NF_MW_LABEL]: NF_MW_LABEL_VALUE }, annotations: { [DRCLUSTER_NAME_ANNOTATION]: target.metadata.name } }),
  );
}

function readNf(ctx: FenceContext, peer: DRCluster, nfClass: string): Promise<KubeObject> {
  const name = networkFenceName(ctx.drCluster.metadata.name, nfClass || undefined);
  return readThroughView(ctx.client, {
    cluster: peer.metadata.name,
    viewName: clusterScopedViewName(name, 'nf'),
    scope: { apiGroup: 'csiaddons.openshift.io', kind: 'NetworkFence', version: 'v1alpha1', name },
    annotations: { [DRCLUSTER_NAME_ANNOTATION]: ctx.drCluster.metadata.name },
  });
}

function phaseOf(ctx: FenceContext): DRClusterPhase | undefined {
  return ctx.drCluster.status?.phase;
}

function setPhase(ctx: FenceContext, phase: DRClusterPhase): void {
  ctx.drCluster.status ??= {};
  ctx.drCluster.status.phase = phase;
}

function conds(ctx: FenceContext): { c: NonNullable<NonNullable<DRCluster['status']>['conditions']>; g: number; now: string } {
  ctx.drCluster.status ??= {};
  ctx.drCluster.status.conditions ??= [];
  return { c: ctx.drCluster.status.conditions, g: ctx.drCluster.metadata.generation ?? 0, now: rfc3339(ctx.nowMs()) };
}

/** Deletes the fence works this cluster placed on `cluster` (for every matching class). */
async function removeFencingWorks(ctx: FenceContext, cluster: DRCluster): Promise<void> {
  const classes = await networkFenceClassesOf(ctx.client, cluster);
  for (const nfClass of classes) {
    await deleteManifestWork(ctx.client, networkFenceManifestWorkName(ctx.drCluster.metadata.name, cluster.metadata.name, nfClass || undefined), cluster.metadata.name);
  }
}

/** `cleanClusters`: true when a requeue is needed. */
export async function cleanClusters(ctx: FenceContext, clusters: DRCluster[]): Promise<boolean> {
  let requeue = false;
  let cleaned = 0;
  for (const c of clusters) {
    try {
      await removeFencingWorks(ctx, c);
      cleaned++;
    } catch {
      requeue = true;
    }
  }
  const { c, g, now } = conds(ctx);
  if (cleaned === clusters.length) setClean(c, g, 'fencing resource cleaned from cluster', now);
  else setCleaning(c, g, 'NetworkFence resource clean started', now);
  return requeue;
}

/** The peer that carries this cluster's NetworkFence, and the NetworkFence classes to fence through. */
async function fencePeerAndClasses(ctx: FenceContext): Promise<{ peer: Awaited<ReturnType<typeof getPeerCluster>>; classes: string[] }> {
  const peer = await getPeerCluster(ctx.client, ctx.drCluster);
  try {
    return { peer, classes: await networkFenceClassesOf(ctx.client, peer) };
  } catch (err) {
    throw new Error(`failed to get NetworkFenceClasses: ${(err as Error).message}`);
  }
}

/** One NetworkFence ManifestWork per class; the first failure is reported through `onError`. */
async function createNfManifestWorks(ctx: FenceContext, peer: Awaited<ReturnType<typeof getPeerCluster>>, classes: string[], onError: (err: Error) => Error): Promise<void> {
  for (const nfClass of classes) {
    try {
      await createNfManifestWork(ctx, peer, nfClass);
    } catch (err) {
      throw onError(err as Error);
    }
  }
}

async function clusterFence(ctx: FenceContext): Promise<boolean> {
  const { peer, classes } = await fencePeerAndClasses(ctx);
  const phase = phaseOf(ctx);
  if (phase !== 'Fencing' && phase !== 'Fenced') {
    await createNfManifestWorks(ctx, peer, classes, (err) => {
      const { c, g, now } = conds(ctx);
      setFenceError(c, g, `NetworkFence ManifestWork creation failed: ${err.message}`, now);
      return new Error(`failed to create the NetworkFence MW on cluster ${peer.metadata.name} to fence ${ctx.drCluster.metadata.name}: ${err.message}`);
    });
    const { c, g, now } = conds(ctx);
    setFencing(c, g, 'ManifestWork for NetworkFence fence operation created', now);
    setPhase(ctx, 'Fencing');
    return true;
  }
  for (const nfClass of classes) {
    let nf: KubeObject;
    try {
      nf = await readNf(ctx, peer, nfClass);
    } catch (err) {
      throw new Error(`failed to get NetworkFence using MCV (error: ${(err as Error).message})`);
    }
    if ((nf.spec as { fenceState?: string } | undefined)?.fenceState !== ctx.drCluster.spec.clusterFence) throw new Error(`fence state in the NetworkFence resource is not changed to ${ctx.drCluster.spec.clusterFence} yet`);
    if ((nf.status as { result?: string } | undefined)?.result !== 'Succeeded') {
      const { c, g, now } = conds(ctx);
      setFenceError(c, g, 'fencing operation not successful', now);
      throw new Error('fencing operation result not successful');
    }
  }
  const { c, g, now } = conds(ctx);
  setFenced(c, g, 'Cluster successfully fenced', now);
  if (phaseOf(ctx) === 'Fencing') setPhase(ctx, 'Fenced');
  return false;
}

async function clusterUnfence(ctx: FenceContext): Promise<boolean> {
  const { peer, classes } = await fencePeerAndClasses(ctx);
  const phase = phaseOf(ctx);
  if (phase !== 'Unfencing' && phase !== 'Unfenced') {
    await createNfManifestWorks(ctx, peer, classes, (err) => {
      const { c, g, now } = conds(ctx);
      setUnfenceError(c, g, `NetworkFence ManifestWork for unfence failed: ${err.message}`, now);
      return new Error(`failed to generate NetworkFence MW on cluster ${peer.metadata.name} to unfence ${ctx.drCluster.metadata.name}: ${err.message}`);
    });
    const { c, g, now } = conds(ctx);
    setUnfencing(c, g, 'ManifestWork for NetworkFence unfence operation created', now);
    setPhase(ctx, 'Unfencing');
    return true;
  }
  for (const nfClass of classes) {
    let nf: KubeObject;
    try {
      nf = await readNf(ctx, peer, nfClass);
    } catch (err) {
      // Ramen means to also require the work gone, but looks it up under a name that never matches.
      if (isRemoteNotFound(err)) continue;
      throw new Error(`failed to get NetworkFence using MCV (error: ${(err as Error).message}`);
    }
    if ((nf.spec as { fenceState?: string } | undefined)?.fenceState !== ctx.drCluster.spec.clusterFence) throw new Error(`fence state in the NetworkFence resource is not changed to ${ctx.drCluster.spec.clusterFence} yet`);
    if ((nf.status as { result?: string } | undefined)?.result !== 'Succeeded') {
      const { c, g, now } = conds(ctx);
      setUnfenceError(c, g, 'unfencing operation not successful', now);
      throw new Error('un operation result not successful');
    }
  }
  const { c, g, now } = conds(ctx);
  setUnfenced(c, g, 'Cluster successfully unfenced', now);
  if (phaseOf(ctx) === 'Unfencing') setPhase(ctx, 'Unfenced');
  return cleanClusters(ctx, [ctx.drCluster, peer]);
}

/** `clusterFenceHandle`: returns whether a requeue is wanted; errors also mean requeue. */
export async function clusterFenceHandle(ctx: FenceContext): Promise<boolean> {
  const { c, g, now } = conds(ctx);
  switch (ctx.drCluster.spec.clusterFence) {
    case 'Unfenced':
      return clusterUnfence(ctx);
    case 'ManuallyFenced':
      setFenced(c, g, 'Cluster Manually fenced', now);
      setPhase(ctx, 'Fenced');
      return false;
    case 'ManuallyUnfenced':
      setClean(c, g, 'Cluster Manually Unfenced and clean', now);
      setPhase(ctx, 'Unfenced');
      return false;
    case 'Fenced':
      return clusterFence(ctx);
    default:
      setClean(c, g, 'Cluster Clean', now);
      setPhase(ctx, 'Available');
      return false;
  }
}

/** Deletion with Fenced/Unfenced: needs a peer, which can never be found once no policy lists the cluster. */
export async function handleFencingDeletion(ctx: FenceContext): Promise<boolean> {
  let peer: DRCluster;
  try {
    peer = await getPeerCluster(ctx.client, ctx.drCluster);
  } catch (err) {
    throw new Error(`failed to get the peer cluster for the cluster ${ctx.drCluster.metadata.name}: ${(err as Error).message}`);
  }
  return cleanClusters(ctx, [ctx.drCluster, peer]);
}
