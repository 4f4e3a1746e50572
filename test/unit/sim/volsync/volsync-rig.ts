// A two-cluster world for the VolSync tests: virtual time, the network, one snapshot-only storage
// system per cluster (no mirroring: VolSync is the data path), each cluster with a real
// SimApiServer running the storage agents (PV binder, ...) and the VolSync agents, plus the PSK
// secret Ramen propagates and the ReplicationSource / ReplicationDestination / ServiceExport Ramen
// creates (dr-cluster spec §6.2).

import type { KubeObject } from '../../../../engine/api/meta.js';
import { ALL_KINDS } from '../../../../engine/api/schema/all-kinds.js';
import { apiVersionOf, type KindSchema } from '../../../../engine/api/schema/types.js';
import { ServiceExportSchema } from '../../../../engine/api/storage/service-export.js';
import { VolumeSnapshotKind, type VolumeSnapshot } from '../../../../engine/api/storage/volume-snapshot.js';
import {
  ReplicationDestinationKind,
  ReplicationSourceKind,
  VolSyncSchemas,
  type ReplicationDestination,
  type ReplicationDestinationSpec,
  type ReplicationSource,
  type ReplicationSourceSpec,
} from '../../../../engine/api/storage/volsync.js';
import { Manager } from '../../../../engine/runtime/manager.js';
import type { TraceFields, TraceSink } from '../../../../engine/runtime/trace-sink.js';
import type { SimClusterClient } from '../../../../sim/apiserver/client.js';
import { SimApiServer } from '../../../../sim/apiserver/server.js';
import { SimTime } from '../../../../sim/kernel/sim-time.js';
import { Network } from '../../../../sim/network/network.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../../sim/storage/core-shapes.js';
import { createStorageAgents } from '../../../../sim/storage/storage-agents.js';
import { StorageBackend } from '../../../../sim/storage/storage-backend.js';
import { storageFixtures } from '../../../../sim/storage/storage-fixtures.js';
import { imageKey, type ImageKey } from '../../../../sim/storage/volume-data.js';
import { SnapshotContents } from '../../../../sim/volsync/snapshot-contents.js';
import { createVolSyncAgents } from '../../../../sim/volsync/volsync-agents.js';
import type { VolSyncDeps } from '../../../../sim/volsync/volsync-deps.js';
import { VolSyncFabric } from '../../../../sim/volsync/volsync-fabric.js';
import { destinationServiceName } from '../../../../sim/volsync/volsync-names.js';

export class RecordingTrace implements TraceSink {
  readonly events: TraceFields[] = [];
  emit(event: TraceFields): void {
    this.events.push(structuredClone(event));
  }
  ofType(type: string): TraceFields[] {
    return this.events.filter((e) => e.type === type);
  }
}

export const NS = 'app';
export const DRIVER = 'cephfs.csi.ceph.com';
export const CLASS = 'cephfs';
export const PSK_SECRET = 'vrg-vs-secret';
export const PVC = 'data';

export function drKinds(): KindSchema[] {
  const seen = new Set<string>();
  const out: KindSchema[] = [];
  for (const k of [...ALL_KINDS.filter((s) => s.servedOn.includes('dr')), ...VolSyncSchemas, ServiceExportSchema]) {
    const key = `${apiVersionOf(k)}/${k.kind}`;
    if (!seen.has(key)) out.push(k);
    seen.add(key);
  }
  return out;
}

export interface VsCluster {
  name: string;
  storageId: string;
  server: SimApiServer;
  client: SimClusterClient;
  storageManager: Manager;
  volsyncManager: Manager;
}

export interface VsWorld {
  time: SimTime;
  trace: RecordingTrace;
  network: Network;
  storage: StorageBackend;
  fabric: VolSyncFabric;
  snapshots: SnapshotContents;
  c1: VsCluster;
  c2: VsCluster;
  advance(ms: number): Promise<void>;
  until(check: () => boolean, limitMs?: number, stepMs?: number): Promise<void>;
}

export interface VsWorldOptions {
  /** Kinds (`apiVersion/Kind`) the clusters must not serve, to model a cluster without them. */
  withoutKinds?: string[];
  submariner?: boolean;
  /** Kinds served besides the DR-cluster ones, for example an open batch/v1 Job. */
  extraKinds?: KindSchema[];
  psk?: { c1: string; c2: string };
}

export async function makeVolSyncWorld(options: VsWorldOptions = {}): Promise<VsWorld> {
  const time = new SimTime();
  const trace = new RecordingTrace();
  const network = new Network(time, trace, { defaultLatencyMs: 5 });
  const storage = new StorageBackend(
    { clock: time, scheduler: time, network, trace },
    {
      systems: [
        { storageId: 'fs1', provisioner: DRIVER, clusters: ['c1'], storageClassName: CLASS },
        { storageId: 'fs2', provisioner: DRIVER, clusters: ['c2'], storageClassName: CLASS },
      ],
    },
  );
  const fabric = new VolSyncFabric();
  const snapshots = new SnapshotContents();
  const kinds = [...drKinds(), ...(options.extraKinds ?? [])].filter((k) => !(options.withoutKinds ?? []).includes(`${apiVersionOf(k)}/${k.kind}`));
  const clusters: VsCluster[] = [];
  for (const [name, storageId] of [
    ['c1', 'fs1'],
    ['c2', 'fs2'],
  ] as const) {
    const server = new SimApiServer({ name, clock: time, scheduler: time, trace, kinds });
    const client = server.client({ actor: 'test' });
    const storageManager = new Manager({ name: `${name}-storage`, clock: time, scheduler: time, trace });
    for (const spec of createStorageAgents({ cluster: name, client: server.client({ actor: 'storage' }), clock: time, trace, storage, maintenanceMode: false })) storageManager.add(spec);
    const deps: VolSyncDeps = { client: server.client({ actor: 'volsync' }), cluster: name, clock: time, scheduler: time, trace, network, storage, fabric, snapshots, submariner: options.submariner ?? true };
    const volsyncManager = new Manager({ name: `${name}-volsync`, clock: time, scheduler: time, trace });
    for (const spec of createVolSyncAgents(deps)) volsyncManager.add(spec);
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    for (const obj of storageFixtures(storage, name, { schedulingIntervals: [] })) await client.create(obj);
    const psk = options.psk?.[name] ?? 'shared-secret-key';
    await client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: PSK_SECRET, namespace: NS }, type: 'Opaque', data: { 'psk.txt': Buffer.from(psk).toString('base64') } });
    storageManager.start();
    volsyncManager.start();
    clusters.push({ name, storageId, server, client, storageManager, volsyncManager });
  }
  const advance = async (ms: number): Promise<void> => void (await time.run({ untilMs: time.nowMs() + ms }));
  return {
    time,
    trace,
    network,
    storage,
    fabric,
    snapshots,
    c1: clusters[0]!,
    c2: clusters[1]!,
    advance,
    async until(check, limitMs = 1_800_000, stepMs = 1_000) {
      const deadline = time.nowMs() + limitMs;
      while (!check()) {
        if (time.nowMs() >= deadline) throw new Error(`condition not met within ${limitMs} ms of virtual time`);
        await advance(stepMs);
      }
    },
  };
}

/** The application PVC on the source cluster, bound by the PV binder. */
export async function sourceClaim(w: VsWorld, c: VsCluster, name = PVC): Promise<ImageKey> {
  await c.client.create<PersistentVolumeClaim>({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: NS },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: CLASS },
  });
  await w.until(() => claimOf(c, name)?.status?.phase === 'Bound', 60_000, 100);
  return imageOf(c, name)!;
}

export function claimOf(c: VsCluster, name: string): PersistentVolumeClaim | undefined {
  return c.server.peek('v1', 'PersistentVolumeClaim', name, NS) as PersistentVolumeClaim | undefined;
}

export function imageOf(c: VsCluster, claim: string): ImageKey | undefined {
  const pvc = claimOf(c, claim);
  if (!pvc?.spec.volumeName) return undefined;
  const pv = c.server.peek('v1', 'PersistentVolume', pvc.spec.volumeName) as PersistentVolume | undefined;
  return pv?.spec.csi ? imageKey(c.storageId, pv.spec.csi.volumeHandle) : undefined;
}

/** Acknowledged application writes, appended straight to the image (the app path is not under test). */
export class Writer {
  private next = 1;
  constructor(
    private readonly w: VsWorld,
    private readonly image: ImageKey,
    private readonly cluster = 'c1',
  ) {}
  write(count = 1): number {
    for (let i = 0; i < count; i++) {
      this.w.storage.data.append(this.image, { app: `${NS}/app`, pvc: `${NS}/${PVC}`, writeId: this.next++, cluster: this.cluster, image: this.image, atMs: this.w.time.nowMs() });
    }
    return this.next - 1;
  }
}

/** Ramen's RD for a PVC (dr-cluster spec §6.2.2). */
export function destination(spec: Partial<NonNullable<ReplicationDestinationSpec['rsyncTLS']>> = {}, rest: Partial<ReplicationDestinationSpec> = {}): ReplicationDestination {
  return {
    apiVersion: ReplicationDestinationKind.apiVersion,
    kind: ReplicationDestinationKind.kind,
    metadata: { name: PVC, namespace: NS, labels: { 'ramendr.openshift.io/created-by-ramen': 'true' } },
    spec: {
      rsyncTLS: { serviceType: 'ClusterIP', keySecret: PSK_SECRET, copyMethod: 'Snapshot', capacity: '1Gi', storageClassName: CLASS, accessModes: ['ReadWriteOnce'], volumeSnapshotClassName: 'fs2-vsc', ...spec },
      ...rest,
    },
  };
}

export const CLUSTERSET_ADDRESS = `${destinationServiceName(PVC)}.${NS}.svc.clusterset.local`;

/** Ramen's RS for a PVC (dr-cluster spec §6.2.1). */
export function source(trigger: ReplicationSourceSpec['trigger'], spec: Partial<NonNullable<ReplicationSourceSpec['rsyncTLS']>> = {}): ReplicationSource {
  return {
    apiVersion: ReplicationSourceKind.apiVersion,
    kind: ReplicationSourceKind.kind,
    metadata: { name: PVC, namespace: NS, labels: { 'ramendr.openshift.io/created-by-ramen': 'true' } },
    spec: {
      sourcePVC: PVC,
      ...(trigger ? { trigger } : {}),
      rsyncTLS: { keySecret: PSK_SECRET, address: CLUSTERSET_ADDRESS, copyMethod: 'Snapshot', volumeSnapshotClassName: 'fs1-vsc', storageClassName: CLASS, accessModes: ['ReadWriteOnce'], ...spec },
    },
  };
}

/** Ramen's ServiceExport for an RD's Service, owned by the RD. */
export function serviceExport(rd: ReplicationDestination): KubeObject {
  return {
    apiVersion: 'multicluster.x-k8s.io/v1alpha1',
    kind: 'ServiceExport',
    metadata: {
      name: destinationServiceName(rd.metadata.name),
      namespace: NS,
      labels: { 'ramendr.openshift.io/created-by-ramen': 'true', 'velero.io/exclude-from-backup': 'true' },
      ownerReferences: [{ apiVersion: rd.apiVersion, kind: rd.kind, name: rd.metadata.name, uid: rd.metadata.uid ?? '', controller: true }],
    },
  };
}

export function rsOf(c: VsCluster): ReplicationSource | undefined {
  return c.server.peek(ReplicationSourceKind.apiVersion, ReplicationSourceKind.kind, PVC, NS) as ReplicationSource | undefined;
}

export function rdOf(c: VsCluster): ReplicationDestination | undefined {
  return c.server.peek(ReplicationDestinationKind.apiVersion, ReplicationDestinationKind.kind, PVC, NS) as ReplicationDestination | undefined;
}

export function snapshotOf(c: VsCluster, name: string): VolumeSnapshot | undefined {
  return c.server.peek(VolumeSnapshotKind.apiVersion, VolumeSnapshotKind.kind, name, NS) as VolumeSnapshot | undefined;
}

/** Creates the RD with its ServiceExport on c2 and waits until it listens. */
export async function readyDestination(w: VsWorld, rdObj: ReplicationDestination = destination()): Promise<ReplicationDestination> {
  const rd = await w.c2.client.create(rdObj);
  await w.c2.client.create(serviceExport(rd));
  await w.until(() => w.fabric.listenerOf('c2', NS, destinationServiceName(PVC)) !== undefined && rdOf(w.c2)?.status?.rsyncTLS?.address !== undefined, 120_000, 100);
  return rd;
}

/** The write ids a list of writes holds. */
export function ids(writes: readonly { writeId: number }[]): number[] {
  return writes.map((x) => x.writeId);
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
