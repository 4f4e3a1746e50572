// A small storage world for the storage and workload tests: two managed clusters on virtual time,
// each with a real SimApiServer, its storage and workload agents in Managers, the storage fixtures
// and an app namespace; the storage topology is regional (two systems mirroring to each other) or
// metro (one system shared by both clusters).

import type { Condition, KubeObject } from '../../../../engine/api/meta.js';
import type { VolumeReplication } from '../../../../engine/api/storage/volume-replication.js';
import { VolumeReplicationKind } from '../../../../engine/api/storage/volume-replication.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../../sim/storage/core-shapes.js';
import { ALL_KINDS } from '../../../../engine/api/schema/all-kinds.js';
import { isAlreadyExists } from '../../../../engine/runtime/errors.js';
import { Manager } from '../../../../engine/runtime/manager.js';
import type { TraceFields, TraceSink } from '../../../../engine/runtime/trace-sink.js';
import { SimApiServer } from '../../../../sim/apiserver/server.js';
import type { SimClusterClient } from '../../../../sim/apiserver/client.js';
import { SimTime } from '../../../../sim/kernel/sim-time.js';
import { Network } from '../../../../sim/network/network.js';
import { createStorageAgents } from '../../../../sim/storage/storage-agents.js';
import { StorageBackend } from '../../../../sim/storage/storage-backend.js';
import type { StorageSystemSpec } from '../../../../sim/storage/storage-backend.js';
import { storageFixtures } from '../../../../sim/storage/storage-fixtures.js';
import { appManifests } from '../../../../sim/workload/app.js';
import type { AppSpec } from '../../../../sim/workload/app.js';
import { createWorkloadAgents } from '../../../../sim/workload/workload-agents.js';
import { WriteLedger } from '../../../../sim/workload/write-ledger.js';

export class RecordingTrace implements TraceSink {
  readonly events: TraceFields[] = [];
  emit(event: TraceFields): void {
    this.events.push(structuredClone(event));
  }
  ofType(type: string): TraceFields[] {
    return this.events.filter((e) => e.type === type);
  }
}

export interface ClusterRig {
  name: string;
  server: SimApiServer;
  client: SimClusterClient;
  storageManager: Manager;
  workloadManager: Manager;
}

export interface StorageWorld {
  time: SimTime;
  trace: RecordingTrace;
  network: Network;
  storage: StorageBackend;
  ledger: WriteLedger;
  c1: ClusterRig;
  c2: ClusterRig;
  /** Runs virtual time forward by `ms`. */
  advance(ms: number): Promise<void>;
  /** Runs until `check` holds, failing after `limitMs` of virtual time. */
  until(check: () => boolean | Promise<boolean>, limitMs?: number, stepMs?: number): Promise<void>;
}

export const DRIVER = 'rbd.csi.ceph.com';
export const CLASS = 'rbd';
export const NS = 'app';

export interface WorldOptions {
  topology: 'regional' | 'metro';
  schedulingInterval?: string;
  maintenanceActivationDelayMs?: number;
}

export async function makeStorageWorld(options: WorldOptions): Promise<StorageWorld> {
  const time = new SimTime();
  const trace = new RecordingTrace();
  const network = new Network(time, trace);
  const systems: StorageSystemSpec[] =
    options.topology === 'regional'
      ? [
          { storageId: 's1', provisioner: DRIVER, clusters: ['c1'], mirrorPeer: 's2', storageClassName: CLASS },
          { storageId: 's2', provisioner: DRIVER, clusters: ['c2'], mirrorPeer: 's1', storageClassName: CLASS },
        ]
      : [{ storageId: 'stretched', provisioner: DRIVER, clusters: ['c1', 'c2'], storageClassName: CLASS }];
  const storage = new StorageBackend({ clock: time, scheduler: time, network, trace }, { systems, clusterCidrs: { c1: ['10.1.0.0/16'], c2: ['10.2.0.0/16'] } });
  const ledger = new WriteLedger();
  const kinds = ALL_KINDS.filter((k) => k.servedOn.includes('dr'));
  const rigs: ClusterRig[] = [];
  for (const name of ['c1', 'c2']) {
    const server = new SimApiServer({ name, clock: time, scheduler: time, trace, kinds });
    const client = server.client({ actor: 'storage' });
    const storageManager = new Manager({ name: `${name}-storage`, clock: time, scheduler: time, trace });
    for (const spec of createStorageAgents({ cluster: name, client, clock: time, trace, storage, ...(options.maintenanceActivationDelayMs === undefined ? {} : { maintenanceActivationDelayMs: options.maintenanceActivationDelayMs }) })) {
      storageManager.add(spec);
    }
    const workloadManager = new Manager({ name: `${name}-workload`, clock: time, scheduler: time, trace });
    for (const spec of createWorkloadAgents({ cluster: name, client, clock: time, trace, storage, ledger })) workloadManager.add(spec);
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    for (const obj of storageFixtures(storage, name, { schedulingIntervals: [options.schedulingInterval ?? '5m'] })) await client.create(obj);
    storageManager.start();
    workloadManager.start();
    rigs.push({ name, server, client, storageManager, workloadManager });
  }
  const advance = async (ms: number): Promise<void> => void (await time.run({ untilMs: time.nowMs() + ms }));
  return {
    time,
    trace,
    network,
    storage,
    ledger,
    c1: rigs[0]!,
    c2: rigs[1]!,
    advance,
    async until(check, limitMs = 600_000, stepMs = 1_000) {
      const deadline = time.nowMs() + limitMs;
      while (!(await check())) {
        if (time.nowMs() >= deadline) throw new Error(`condition not met within ${limitMs} ms of virtual time`);
        await advance(stepMs);
      }
    },
  };
}

export function app(name: string, pvcs: string[], writeIntervalMs = 1_000): AppSpec {
  return { name, namespace: NS, pvcs: pvcs.map((p) => ({ name: p, storageClassName: CLASS })), writeIntervalMs };
}

/** Applies an app's manifests to a cluster, as an app deployer would. */
export async function deploy(rig: ClusterRig, spec: AppSpec): Promise<void> {
  for (const obj of appManifests(spec)) {
    // Applying leaves objects that already exist (a PVC Ramen restored) as they are.
    await rig.client.create(obj).catch((err: unknown) => {
      if (!isAlreadyExists(err)) throw err;
    });
  }
}

/** Removes the app's Pod (the workload stops) but keeps its PVCs. */
export async function stopPod(rig: ClusterRig, spec: AppSpec): Promise<void> {
  await rig.client.delete({ apiVersion: 'v1', kind: 'Pod' }, { namespace: NS, name: `${spec.name}-writer` });
}

export function peek<T extends KubeObject>(rig: ClusterRig, apiVersion: string, kind: string, name: string, namespace?: string): T | undefined {
  return rig.server.peek(apiVersion, kind, name, namespace) as T | undefined;
}

/** The VolumeReplication Ramen creates for a PVC (dr-cluster spec §5.3). */
export function volumeReplication(pvc: string, replicationState: 'primary' | 'secondary' | 'resync', vrcName: string, autoResync = false): VolumeReplication {
  return {
    apiVersion: 'replication.storage.openshift.io/v1alpha1',
    kind: 'VolumeReplication',
    metadata: { name: pvc, namespace: NS },
    spec: { volumeReplicationClass: vrcName, replicationState, dataSource: { apiGroup: '', kind: 'PersistentVolumeClaim', name: pvc }, autoResync },
  };
}

export async function setReplicationState(rig: ClusterRig, pvc: string, replicationState: 'primary' | 'secondary' | 'resync', autoResync = false): Promise<void> {
  const vr = await rig.client.get<VolumeReplication>(VolumeReplicationKind, { namespace: NS, name: pvc });
  await rig.client.update({ ...vr, spec: { ...vr.spec, replicationState, autoResync } });
}

export function vrOf(rig: ClusterRig, pvc: string): VolumeReplication | undefined {
  return peek<VolumeReplication>(rig, 'replication.storage.openshift.io/v1alpha1', 'VolumeReplication', pvc, NS);
}

export function condition(vr: VolumeReplication | undefined, type: string): Condition | undefined {
  return vr?.status?.conditions?.find((c) => c.type === type);
}

/** Copies a bound PV and its PVC to another cluster as Ramen's restore does: claimRef without uid, PVC naming the PV. */
export async function restorePvAndPvc(from: ClusterRig, to: ClusterRig, pvcName: string): Promise<void> {
  const pvc = peek<PersistentVolumeClaim>(from, 'v1', 'PersistentVolumeClaim', pvcName, NS)!;
  const pv = peek<PersistentVolume>(from, 'v1', 'PersistentVolume', pvc.spec.volumeName!)!;
  await to.client.create<PersistentVolume>({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: pv.metadata.name, annotations: { 'volumereplicationgroups.ramendr.openshift.io/ramen-restore': 'True' } },
    spec: { ...pv.spec, persistentVolumeReclaimPolicy: 'Retain', claimRef: { kind: 'PersistentVolumeClaim', namespace: NS, name: pvcName } },
  });
  await to.client.create<PersistentVolumeClaim>({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: pvcName, namespace: NS, labels: { ...(pvc.metadata.labels ?? {}) } },
    spec: { ...pvc.spec },
  });
}

/** The image key serving a PVC on a cluster. */
export function imageOf(rig: ClusterRig, storageId: string, pvcName: string): string {
  const pvc = peek<PersistentVolumeClaim>(rig, 'v1', 'PersistentVolumeClaim', pvcName, NS)!;
  const pv = peek<PersistentVolume>(rig, 'v1', 'PersistentVolume', pvc.spec.volumeName!)!;
  return `${storageId}/${pv.spec.csi!.volumeHandle}`;
}
