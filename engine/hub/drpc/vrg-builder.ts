// The VRG the hub writes into a ManifestWork (hub spec §2.6). The hub regenerates its fields on every
// write: annotations are replaced, s3Profiles come from the policy's DRClusters, the async or sync spec
// from the policy, and the action is sticky. Peer classes already in a VRG are only extended or refreshed,
// never switched to another replication scheme.

import type { DRCluster } from '../../api/ramen/drcluster.js';
import type { PeerClass } from '../../api/ramen/drpolicy.js';
import {
  CREATED_BY_RAMEN_LABEL,
  DESTINATION_CLUSTER_ANNOTATION,
  DRPC_UID_ANNOTATION,
  DRYRUN_ANNOTATION,
  GLOBAL_VGR_LABEL,
  IS_CG_ENABLED_ANNOTATION,
  RAMEN_API_VERSION,
  VRG_COPIED_ANNOTATIONS,
} from '../../api/ramen/hub-constants.js';
import type { VolumeReplicationGroup, VrgAsyncSpec, VrgSyncSpec } from '../../api/ramen/vrg.js';
import type { DrpcInstance } from './instance.js';

export type ReplicationState = 'primary' | 'secondary';

/** Sorted unique S3 profiles of the non-deleted DRClusters (`AvailableS3Profiles`). */
export function availableS3Profiles(drClusters: readonly DRCluster[]): string[] {
  const names = new Set<string>();
  for (const c of drClusters) if (!c.metadata.deletionTimestamp) names.add(c.spec.s3ProfileName);
  return [...names].sort();
}

/** Go omits false booleans and empty strings tagged omitempty; the hub's VRGs are kept in that form. */
export function normalizeVrg(vrg: VolumeReplicationGroup): VolumeReplicationGroup {
  const spec = vrg.spec;
  if (!spec.prepareForFinalSync) delete spec.prepareForFinalSync;
  if (!spec.runFinalSync) delete spec.runFinalSync;
  if (!spec.dryRun) delete spec.dryRun;
  if (!spec.action) delete spec.action;
  spec.volSync ??= {};
  if (!spec.volSync.disabled) delete spec.volSync.disabled;
  if (spec.volSync.rdSpec?.length === 0) delete spec.volSync.rdSpec;
  if (spec.volSync.rsSpec?.length === 0) delete spec.volSync.rsSpec;
  return vrg;
}

export function newVrgSpecAsync(d: DrpcInstance): VrgAsyncSpec {
  const p = d.policy;
  const spec: VrgAsyncSpec = { schedulingInterval: p.spec.schedulingInterval };
  if (p.spec.replicationClassSelector) spec.replicationClassSelector = structuredClone(p.spec.replicationClassSelector);
  if (p.spec.volumeSnapshotClassSelector) spec.volumeSnapshotClassSelector = structuredClone(p.spec.volumeSnapshotClassSelector);
  if (p.spec.volumeGroupSnapshotClassSelector) spec.volumeGroupSnapshotClassSelector = structuredClone(p.spec.volumeGroupSnapshotClassSelector);
  const peers = p.status?.async?.peerClasses ?? [];
  if (peers.length > 0) spec.peerClasses = structuredClone(peers);
  return spec;
}

export function newVrgSpecSync(d: DrpcInstance): VrgSyncSpec {
  const peers = d.policy.status?.sync?.peerClasses ?? [];
  return peers.length > 0 ? { peerClasses: structuredClone(peers) } : {};
}

function sameClusterIds(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && y.every((v) => x.includes(v)) && x.every((v) => y.includes(v));
}

function hasPeerClass(list: readonly PeerClass[], scName: string, clusterIDs: readonly string[] | undefined): boolean {
  return list.some((p) => p.storageClassName === scName && sameClusterIds(p.clusterIDs, clusterIDs));
}

/** `updatePeerClass`: refresh an entry only if the replication scheme it describes is unchanged. */
function updatePeerClass(to: PeerClass[], from: PeerClass, scName: string, cgAnnotation: boolean): void {
  for (let i = 0; i < to.length; i++) {
    const cur = to[i]!;
    if (cur.storageClassName !== scName || !sameClusterIds(cur.clusterIDs, from.clusterIDs)) continue;
    if (Boolean(cur.offloaded) !== Boolean(from.offloaded) || Boolean(cur.global) !== Boolean(from.global)) return;
    const bothWithout = !cur.replicationID && !from.replicationID;
    const bothWith = !!cur.replicationID && !!from.replicationID;
    if ((bothWithout || bothWith) && Boolean(cur.grouping) === Boolean(from.grouping)) {
      to[i] = structuredClone(from);
      if (cgAnnotation) to[i]!.grouping = true;
    }
    return;
  }
}

/** `updatePeers`: extend the VRG's peer classes for storage classes its protected PVCs use. */
export function updatePeers(vrgFromView: VolumeReplicationGroup, vrgPeers: PeerClass[], policyPeers: readonly PeerClass[], cgAnnotation: boolean): PeerClass[] {
  // The existence check looks at the VRG's original list, as Go's slice header does while appends grow a copy.
  const original = [...vrgPeers];
  const peers = vrgPeers;
  for (const pvc of vrgFromView.status?.protectedPVCs ?? []) {
    const sc = pvc.storageClassName;
    if (!sc) continue;
    for (const pp of policyPeers) {
      if (pp.storageClassName !== sc) continue;
      if (hasPeerClass(original, sc, pp.clusterIDs)) {
        updatePeerClass(peers, pp, sc, cgAnnotation);
        break;
      }
      if (hasPeerClass(peers, sc, pp.clusterIDs)) break;
      peers.push(structuredClone(pp));
    }
  }
  return peers;
}

function updateDrTypeSpec(d: DrpcInstance, vrg: VolumeReplicationGroup, vrgFromView: VolumeReplicationGroup | undefined): void {
  if (d.drType === 'sync') {
    const gen = newVrgSpecSync(d);
    if (!vrgFromView) {
      vrg.spec.sync = gen;
      return;
    }
    if (!gen.peerClasses || gen.peerClasses.length === 0) {
      if (vrg.spec.sync?.peerClasses?.length) gen.peerClasses = vrg.spec.sync.peerClasses;
      vrg.spec.sync = gen;
      return;
    }
    if (!vrg.spec.sync) {
      vrg.spec.sync = gen;
      return;
    }
    gen.peerClasses = updatePeers(vrgFromView, [...(vrg.spec.sync.peerClasses ?? [])], d.policy.status?.sync?.peerClasses ?? [], false);
    // Go's nil slice is omitted from the JSON.
    if (gen.peerClasses.length === 0) delete gen.peerClasses;
    vrg.spec.sync = gen;
    return;
  }
  const gen = newVrgSpecAsync(d);
  if (!vrgFromView) {
    vrg.spec.async = gen;
    return;
  }
  if (!gen.peerClasses || gen.peerClasses.length === 0) {
    if (vrg.spec.async?.peerClasses?.length) gen.peerClasses = vrg.spec.async.peerClasses;
    vrg.spec.async = gen;
    return;
  }
  if (!vrg.spec.async) {
    vrg.spec.async = gen;
    return;
  }
  const cg = d.drpc.metadata.annotations?.[IS_CG_ENABLED_ANNOTATION] === 'true';
  gen.peerClasses = updatePeers(vrgFromView, [...(vrg.spec.async.peerClasses ?? [])], d.policy.status?.async?.peerClasses ?? [], cg);
  if (gen.peerClasses.length === 0) delete gen.peerClasses;
  vrg.spec.async = gen;
}

/** `setVRGAction`: sticky action; dryRun kept in sync while the VRG's action is Failover or dryRun is set. */
export function setVrgAction(d: DrpcInstance, vrg: VolumeReplicationGroup): void {
  const action = d.drpc.spec.action ?? '';
  const dryRun = d.drpc.spec.dryRun === true;
  if (vrg.spec.action === 'Failover' || vrg.spec.dryRun) vrg.spec.dryRun = dryRun;
  if (action === '') return;
  vrg.spec.action = action;
  if (action === 'Failover') vrg.spec.dryRun = dryRun;
}

/** `updateVRGOptionalFields`: everything but name, namespace, selector, state, final-sync flags, rdSpec. */
export function updateVrgOptionalFields(d: DrpcInstance, vrg: VolumeReplicationGroup, vrgFromView: VolumeReplicationGroup | undefined, homeCluster: string): void {
  const drpcAnn = d.drpc.metadata.annotations ?? {};
  const annotations: Record<string, string> = {
    [DESTINATION_CLUSTER_ANNOTATION]: homeCluster,
    [DRPC_UID_ANNOTATION]: d.drpc.metadata.uid ?? '',
  };
  for (const key of VRG_COPIED_ANNOTATIONS) annotations[key] = drpcAnn[key] ?? '';
  if (homeCluster === d.drpc.spec.failoverCluster && d.drpc.spec.dryRun && d.drpc.spec.action === 'Failover') annotations[DRYRUN_ANNOTATION] = 'true';
  vrg.metadata.annotations = annotations;
  const globalLabel = d.drpc.metadata.labels?.[GLOBAL_VGR_LABEL];
  if (globalLabel) vrg.metadata.labels = { ...(vrg.metadata.labels ?? {}), [GLOBAL_VGR_LABEL]: globalLabel };

  if (d.drpc.spec.protectedNamespaces) vrg.spec.protectedNamespaces = [...d.drpc.spec.protectedNamespaces];
  else delete vrg.spec.protectedNamespaces;
  vrg.spec.s3Profiles = availableS3Profiles(d.drClusters);
  if (d.drpc.spec.kubeObjectProtection) vrg.spec.kubeObjectProtection = structuredClone(d.drpc.spec.kubeObjectProtection);
  else delete vrg.spec.kubeObjectProtection;
  vrg.spec.volSync ??= {};
  vrg.spec.volSync.disabled = d.volSyncDisabled;
  setVrgAction(d, vrg);
  updateDrTypeSpec(d, vrg, vrgFromView);
  const moverConfig = d.drpc.spec.volSyncSpec?.moverConfig ?? [];
  if (d.drpc.spec.volSyncSpec && d.drType === 'async' && moverConfig.length > 0) vrg.spec.volSync.moverConfig = structuredClone(moverConfig);
  normalizeVrg(vrg);
}

/** `newVRG`: a fresh VRG for `dstCluster` in the given state. */
export function newVrg(d: DrpcInstance, dstCluster: string, state: ReplicationState, vrgFromView: VolumeReplicationGroup | undefined): VolumeReplicationGroup {
  const vrg: VolumeReplicationGroup = {
    apiVersion: RAMEN_API_VERSION,
    kind: 'VolumeReplicationGroup',
    metadata: { name: d.drpc.metadata.name, namespace: d.vrgNamespace, labels: { [CREATED_BY_RAMEN_LABEL]: 'true' } },
    spec: { pvcSelector: structuredClone(d.drpc.spec.pvcSelector), replicationState: state, s3Profiles: [] },
  };
  updateVrgOptionalFields(d, vrg, vrgFromView, dstCluster);
  return vrg;
}
