// Peer-class discovery (hub spec §14.5): for each storage class present on both clusters, shared
// storage (same storageid) yields a sync peer; different storage with matching replication classes (or
// snapshot classes for VolSync) yields an async peer, only when the policy has a schedule. The pairing is
// pure and unit-tested; reading the classes goes through labelled views of each cluster.

import type { KubeObject } from '../../api/meta.js';
import type { DRPolicy, PeerClass } from '../../api/ramen/drpolicy.js';
import { DRPOLICY_CLUSTER_ANNOTATION, GLOBAL_LABEL, GROUP_REPLICATION_ID_LABEL, OFFLOADED_LABEL, REPLICATION_ID_LABEL, STORAGE_ID_LABEL } from '../../api/ramen/hub-constants.js';
import type { ClusterClient } from '../../runtime/client.js';
import { readClassesOfConfig, readDrClusterConfig } from '../ocm/class-views.js';
import { clusterIdOfCluster } from '../ocm/managed-cluster-id.js';

/** The classes one cluster reports, as plain objects with the fields pairing reads. */
export interface ClassLists {
  clusterID: string;
  sClasses: KubeObject[];
  vsClasses: KubeObject[];
  vrClasses: KubeObject[];
  vgrClasses: KubeObject[];
  vgsClasses: KubeObject[];
}

export interface PeerInfo {
  replicationID: string;
  groupReplicationID: string;
  storageIDs: string[];
  storageClassName: string;
  clusterIDs: string[];
  grouping: boolean;
  offloaded: boolean;
  global: boolean;
}

const SCHEDULE_KEY = 'schedulingInterval';

const labelOf = (o: KubeObject, key: string): string => o.metadata.labels?.[key] ?? '';
const hasLabel = (o: KubeObject, key: string): boolean => o.metadata.labels !== undefined && key in o.metadata.labels;
const provisionerOf = (sc: KubeObject): string => (sc as { provisioner?: string }).provisioner ?? '';
const driverOf = (c: KubeObject): string => (c as { driver?: string }).driver ?? '';
const specOf = (c: KubeObject): { provisioner?: string; parameters?: Record<string, string> } => (c.spec ?? {}) as { provisioner?: string; parameters?: Record<string, string> };

function provisionerMatchesSc(scName: string, cl: ClassLists, driver: string): boolean {
  const sc = cl.sClasses.find((s) => s.metadata.name === scName);
  return sc !== undefined && provisionerOf(sc) === driver;
}

function hasSnapshotClassMatching(scName: string, cl: ClassLists, classes: KubeObject[], sID: string): boolean {
  return classes.some((c) => {
    const sid = labelOf(c, STORAGE_ID_LABEL);
    return sid !== '' && sid === sID && provisionerMatchesSc(scName, cl, driverOf(c));
  });
}

function replicationIdOf(scName: string, cl: ClassLists, c: KubeObject, inSID: string, schedule: string): string {
  const sid = labelOf(c, STORAGE_ID_LABEL);
  if (sid === '' || sid !== inSID) return '';
  if (specOf(c).parameters?.[SCHEDULE_KEY] !== schedule) return '';
  if (!provisionerMatchesSc(scName, cl, specOf(c).provisioner ?? '')) return '';
  return labelOf(c, REPLICATION_ID_LABEL);
}

function groupReplicationIdOf(scName: string, cl: ClassLists, c: KubeObject, inSID: string, schedule: string, scGrID: string): string {
  const sid = labelOf(c, STORAGE_ID_LABEL);
  if (sid === '' || sid !== inSID) return '';
  if (specOf(c).parameters?.[SCHEDULE_KEY] !== schedule) return '';
  if (!provisionerMatchesSc(scName, cl, specOf(c).provisioner ?? '')) return '';
  const grID = labelOf(c, GROUP_REPLICATION_ID_LABEL);
  if (scGrID !== '' && scGrID !== grID) return '';
  return grID;
}

function pairedId(a: ClassLists, b: ClassLists, classesOf: (cl: ClassLists) => KubeObject[], idOf: (cl: ClassLists, c: KubeObject) => string): string {
  for (const ca of classesOf(a)) {
    const ida = idOf(a, ca);
    if (ida === '') continue;
    for (const cb of classesOf(b)) {
      const idb = idOf(b, cb);
      if (idb !== '' && idb === ida) return ida;
    }
  }
  return '';
}

function isGlobalPair(a: ClassLists, b: ClassLists, grID: string): boolean {
  const hasGlobal = (cl: ClassLists): boolean => {
    const c = cl.vgrClasses.find((x) => labelOf(x, GROUP_REPLICATION_ID_LABEL) === grID);
    return c !== undefined && c.metadata.labels?.[GLOBAL_LABEL] === 'true';
  };
  return hasGlobal(a) && hasGlobal(b);
}

function asyncPeers(scName: string, clusterID: string, sID: string, offloaded: boolean, cls: ClassLists[], schedule: string): PeerInfo[] {
  const peers: PeerInfo[] = [];
  const first = cls[0]!;
  for (const cl of cls.slice(1)) {
    for (const sc of cl.sClasses) {
      if (sc.metadata.name !== scName) continue;
      const sIDcl = labelOf(sc, STORAGE_ID_LABEL);
      if (sID === sIDcl) break;
      if (offloaded !== hasLabel(sc, OFFLOADED_LABEL)) continue;
      const scGrID = labelOf(first.sClasses.find((s) => s.metadata.name === scName) ?? { apiVersion: '', kind: '', metadata: { name: '' } }, GROUP_REPLICATION_ID_LABEL);
      let grID = pairedId(
        first,
        cl,
        (x) => x.vgrClasses,
        (x, c) => groupReplicationIdOf(scName, x, c, x === first ? sID : sIDcl, schedule, scGrID),
      );
      if (offloaded && grID === '') continue;
      let grouping = false;
      let global = false;
      let rID = '';
      if (offloaded) {
        grouping = true;
        global = isGlobalPair(first, cl, grID);
      } else {
        rID = pairedId(
          first,
          cl,
          (x) => x.vrClasses,
          (x, c) => replicationIdOf(scName, x, c, x === first ? sID : sIDcl, schedule),
        );
        grouping = rID !== '' && grID !== '';
        if (rID === '') {
          grID = '';
          if (hasSnapshotClassMatching(scName, first, first.vgsClasses, sID) && hasSnapshotClassMatching(scName, cl, cl.vgsClasses, sIDcl)) grouping = true;
          else if (!(hasSnapshotClassMatching(scName, first, first.vsClasses, sID) && hasSnapshotClassMatching(scName, cl, cl.vsClasses, sIDcl))) continue;
        }
      }
      peers.push({ storageClassName: scName, storageIDs: [sID, sIDcl], clusterIDs: [clusterID, cl.clusterID], replicationID: rID, groupReplicationID: grID, grouping, offloaded, global });
      break;
    }
  }
  return peers;
}

function syncPeers(scName: string, clusterID: string, sID: string, cls: ClassLists[]): PeerInfo[] {
  const peers: PeerInfo[] = [];
  for (const cl of cls) {
    for (const sc of cl.sClasses) {
      if (sc.metadata.name !== scName) continue;
      if (sID !== labelOf(sc, STORAGE_ID_LABEL)) break;
      peers.push({ storageClassName: scName, storageIDs: [sID], clusterIDs: [clusterID, cl.clusterID], replicationID: '', groupReplicationID: '', grouping: false, offloaded: false, global: false });
      break;
    }
  }
  return peers;
}

/** `findAllPeers`: sync and async peers over every storage class of every cluster but the last. */
export function findAllPeers(cls: ClassLists[], schedule: string): { sync: PeerInfo[]; async: PeerInfo[] } {
  const sync: PeerInfo[] = [];
  const async: PeerInfo[] = [];
  if (cls.length <= 1) return { sync, async };
  for (let i = 0; i < cls.length - 1; i++) {
    const cl = cls[i]!;
    for (const sc of cl.sClasses) {
      if (!hasLabel(sc, STORAGE_ID_LABEL)) continue;
      const sID = labelOf(sc, STORAGE_ID_LABEL);
      sync.push(...syncPeers(sc.metadata.name, cl.clusterID, sID, cls.slice(i + 1)));
      if (schedule !== '') async.push(...asyncPeers(sc.metadata.name, cl.clusterID, sID, hasLabel(sc, OFFLOADED_LABEL), cls.slice(i), schedule));
    }
  }
  return { sync, async };
}

function sameIds(a: readonly string[] | undefined, b: readonly string[]): boolean {
  const x = a ?? [];
  return x.length === b.length && b.every((v) => x.includes(v)) && x.every((v) => b.includes(v));
}

function matches(pc: PeerClass, peer: PeerInfo): boolean {
  const m = pc.groupreplicationID && peer.groupReplicationID ? pc.groupreplicationID === peer.groupReplicationID && pc.storageClassName === peer.storageClassName : pc.storageClassName === peer.storageClassName;
  return m && sameIds(pc.clusterIDs, peer.clusterIDs);
}

export function peerClassOf(peer: PeerInfo): PeerClass {
  const pc: PeerClass = { clusterIDs: [...peer.clusterIDs], storageClassName: peer.storageClassName, storageID: [...peer.storageIDs] };
  if (peer.replicationID) pc.replicationID = peer.replicationID;
  if (peer.groupReplicationID) pc.groupreplicationID = peer.groupReplicationID;
  if (peer.grouping) pc.grouping = true;
  if (peer.offloaded) pc.offloaded = true;
  if (peer.global) pc.global = true;
  return pc;
}

/** Keep (refreshed) status entries that still match a discovered peer, then append new ones. */
export function pruneAndUpdateStatusPeers(status: readonly PeerClass[], peers: readonly PeerInfo[]): PeerClass[] {
  const out: PeerClass[] = [];
  for (const pc of status) {
    const peer = peers.find((p) => matches(pc, p));
    if (peer) out.push(peerClassOf(peer));
  }
  for (const peer of peers) if (!status.some((pc) => matches(pc, peer))) out.push(peerClassOf(peer));
  return out;
}

async function clusterClasses(client: ClusterClient, cluster: string): Promise<ClassLists | undefined> {
  const clusterID = await clusterIdOfCluster(client, cluster);
  const annotations = { [DRPOLICY_CLUSTER_ANNOTATION]: cluster };
  const drcc = await readDrClusterConfig(client, cluster, annotations);
  const s = drcc.status ?? {};
  const sClasses = await readClassesOfConfig(client, cluster, 'sc', s.storageClasses, annotations);
  if (sClasses.length === 0) return undefined;
  return {
    clusterID,
    sClasses,
    vsClasses: await readClassesOfConfig(client, cluster, 'vsc', s.volumeSnapshotClasses, annotations),
    vrClasses: await readClassesOfConfig(client, cluster, 'vrc', s.volumeReplicationClasses, annotations),
    vgsClasses: await readClassesOfConfig(client, cluster, 'vgsc', s.volumeGroupSnapshotClasses, annotations),
    vgrClasses: await readClassesOfConfig(client, cluster, 'vgrc', s.volumeGroupReplicationClasses, annotations),
  };
}

/** `updatePeerClasses`: discover and merge into the in-memory status; any read error aborts. */
export async function discoverPeerClasses(client: ClusterClient, policy: DRPolicy): Promise<void> {
  if (policy.spec.drClusters.length <= 1) throw new Error(`cannot form peerClasses, insufficient clusters (${policy.spec.drClusters.length}) in policy`);
  const cls: ClassLists[] = [];
  for (const cluster of policy.spec.drClusters) {
    const c = await clusterClasses(client, cluster);
    if (c) cls.push(c);
  }
  const peers = findAllPeers(cls, policy.spec.schedulingInterval);
  policy.status ??= {};
  policy.status.async = { ...(policy.status.async ?? {}), peerClasses: pruneAndUpdateStatusPeers(policy.status.async?.peerClasses ?? [], peers.async) };
  policy.status.sync = { ...(policy.status.sync ?? {}), peerClasses: pruneAndUpdateStatusPeers(policy.status.sync?.peerClasses ?? [], peers.sync) };
  if (policy.status.async.peerClasses!.length === 0) delete policy.status.async.peerClasses;
  if (policy.status.sync.peerClasses!.length === 0) delete policy.status.sync.peerClasses;
}
