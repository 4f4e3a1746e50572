// A two-cluster DR world for the DR-cluster operator tests: per cluster a real SimApiServer with the
// storage and workload agents and the DR-cluster operator in Managers, a regional storage pair
// mirroring between the clusters, and one S3 endpoint reached through the network model. Everything
// runs on one virtual clock.

import type { KubeObject } from '../../../../engine/api/meta.js';
import { RAMEN_CONFIG_MAP_KEY, RAMEN_CONFIG_MAP_NAME } from '../../../../engine/api/ramen/dr-constants.js';
import { drClusterConfigSchema } from '../../../../engine/api/ramen/drclusterconfig.js';
import { pvrglSchema } from '../../../../engine/api/ramen/pvrgl.js';
import { VRG_KIND } from '../../../../engine/api/ramen/vrg.js';
import type { VolumeReplicationGroup, VrgSpec } from '../../../../engine/api/ramen/vrg.js';
import { ALL_KINDS } from '../../../../engine/api/schema/all-kinds.js';
import type { KindSchema } from '../../../../engine/api/schema/types.js';
import type { ObjectStoreFactory } from '../../../../engine/runtime/object-store.js';
import { Manager } from '../../../../engine/runtime/manager.js';
import type { TraceFields, TraceSink } from '../../../../engine/runtime/trace-sink.js';
import { createDrClusterOperator } from '../../../../engine/dr/operator.js';
import { SimApiServer } from '../../../../sim/apiserver/server.js';
import type { SimClusterClient } from '../../../../sim/apiserver/client.js';
import { SimTime } from '../../../../sim/kernel/sim-time.js';
import { Network } from '../../../../sim/network/network.js';
import { S3Endpoint } from '../../../../sim/s3/s3-server.js';
import { SimObjectStore } from '../../../../sim/s3/sim-object-store.js';
import { createStorageAgents } from '../../../../sim/storage/storage-agents.js';
import { StorageBackend } from '../../../../sim/storage/storage-backend.js';
import { storageFixtures } from '../../../../sim/storage/storage-fixtures.js';
import { appManifests } from '../../../../sim/workload/app.js';
import type { AppSpec } from '../../../../sim/workload/app.js';
import { APP_LABEL } from '../../../../sim/workload/app.js';
import { createWorkloadAgents } from '../../../../sim/workload/workload-agents.js';
import { SnapshotContents } from '../../../../sim/volsync/snapshot-contents.js';
import { createVolSyncAgents } from '../../../../sim/volsync/volsync-agents.js';
import { VolSyncFabric } from '../../../../sim/volsync/volsync-fabric.js';
import { createVeleroAgents } from '../../../../sim/velero/velero-agents.js';
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

export const DRIVER = 'rbd.csi.ceph.com';
export const CLASS = 'rbd';
export const NS = 'app';
export const OPERATOR_NS = 'ramen-system';
export const S3_URL = 'http://minio.sim:9000';
export const BUCKET = 'bucket';
export const PROFILE = 'minio-s3';
export const SECRET = 'ramen-s3-secret';
export const CREDS = { accessKeyId: 'minio', secretAccessKey: 'minio123' };

const maintenanceModeKind: KindSchema = {
  group: 'ramendr.openshift.io',
  version: 'v1alpha1',
  kind: 'MaintenanceMode',
  plural: 'maintenancemodes',
  scope: 'Cluster',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
};

function drKinds(): KindSchema[] {
  const kinds = ALL_KINDS.filter((k) => k.servedOn.includes('dr'));
  const has = (kind: string): boolean => kinds.some((k) => k.kind === kind);
  for (const extra of [maintenanceModeKind, drClusterConfigSchema, pvrglSchema]) if (!has(extra.kind)) kinds.push(extra);
  return kinds;
}

export function ramenConfigYaml(profiles: { name: string; url?: string; bucket?: string; secret?: string }[] = [{ name: PROFILE }]): string {
  const lines = ['ramenControllerType: dr-cluster', 's3StoreProfiles:'];
  for (const p of profiles) {
    lines.push(`- s3ProfileName: ${p.name}`, `  s3Bucket: ${p.bucket ?? BUCKET}`, `  s3CompatibleEndpoint: ${p.url ?? S3_URL}`, '  s3Region: us-east-1', '  s3SecretRef:', `    name: ${p.secret ?? SECRET}`);
  }
  return lines.join('\n') + '\n';
}

export interface ClusterRig {
  name: string;
  server: SimApiServer;
  client: SimClusterClient;
  operator: Manager;
  agents: Manager[];
}

export interface RigOptions {
  /** The operator ConfigMap's YAML; `null` creates no ConfigMap (the operator then creates one). */
  configYaml?: string | null;
  /** Create the S3 secret in the operator namespace. Default true. */
  s3Secret?: boolean;
  /**
   * Snapshot-only storage (no mirroring, hence no VolumeReplicationClass) with the VolSync operator and
   * the VRG's pre-shared key secret on both clusters, so PVCs are protected by VolSync. Default false.
   */
  volsync?: boolean;
  /** One storage system stretched over both clusters (metro). Default false (regional). */
  metro?: boolean;
  /** Velero on both clusters with the credential secret Ramen's BSLs name (`v<s3 secret>`). Default false. */
  velero?: boolean;
}

export interface DrRig {
  time: SimTime;
  trace: RecordingTrace;
  network: Network;
  storage: StorageBackend;
  s3: S3Endpoint;
  dr1: ClusterRig;
  dr2: ClusterRig;
  advance(ms: number): Promise<void>;
  until(check: () => boolean, limitMs?: number, stepMs?: number): Promise<void>;
  vrg(rig: ClusterRig, name?: string): VolumeReplicationGroup | undefined;
  s3Keys(prefix?: string): string[];
}

export async function makeDrRig(options: RigOptions = {}): Promise<DrRig> {
  const time = new SimTime();
  const trace = new RecordingTrace();
  const network = new Network(time, trace);
  const storage = new StorageBackend(
    { clock: time, scheduler: time, network, trace },
    {
      systems: options.metro
        ? [{ storageId: 'stretched', provisioner: DRIVER, clusters: ['dr1', 'dr2'], storageClassName: CLASS }]
        : options.volsync
        ? [
            { storageId: 's1', provisioner: DRIVER, clusters: ['dr1'], storageClassName: CLASS },
            { storageId: 's2', provisioner: DRIVER, clusters: ['dr2'], storageClassName: CLASS },
          ]
        : [
            { storageId: 's1', provisioner: DRIVER, clusters: ['dr1'], mirrorPeer: 's2', storageClassName: CLASS },
            { storageId: 's2', provisioner: DRIVER, clusters: ['dr2'], mirrorPeer: 's1', storageClassName: CLASS },
          ],
      clusterCidrs: { dr1: ['10.1.0.0/16'], dr2: ['10.2.0.0/16'] },
    },
  );
  const ledger = new WriteLedger();
  const s3 = new S3Endpoint(S3_URL);
  s3.createBucket(BUCKET);
  s3.addCredentials(CREDS);
  const endpoints = new Map<string, S3Endpoint>([[S3_URL, s3]]);
  const objectStores: ObjectStoreFactory = {
    open(profile, credentials, caller) {
      // An endpoint nobody runs refuses connections, as a wrong URL does.
      let ep = endpoints.get(profile.s3CompatibleEndpoint);
      if (!ep) {
        ep = new S3Endpoint(profile.s3CompatibleEndpoint);
        ep.up = false;
        endpoints.set(profile.s3CompatibleEndpoint, ep);
      }
      return new SimObjectStore(ep, profile.s3Bucket, credentials, network, caller, trace);
    },
  };
  const kinds = drKinds();
  const fabric = new VolSyncFabric();
  const snapshots = new SnapshotContents();
  const rigs: ClusterRig[] = [];
  for (const name of ['dr1', 'dr2']) {
    const server = new SimApiServer({ name, clock: time, scheduler: time, trace, kinds });
    const client = server.client({ actor: 'setup' });
    for (const ns of [NS, OPERATOR_NS]) await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (const obj of storageFixtures(storage, name, { schedulingIntervals: ['5m'] })) await client.create(obj);
    if (options.s3Secret !== false) {
      await client.create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: SECRET, namespace: OPERATOR_NS },
        data: { AWS_ACCESS_KEY_ID: Buffer.from(CREDS.accessKeyId).toString('base64'), AWS_SECRET_ACCESS_KEY: Buffer.from(CREDS.secretAccessKey).toString('base64') },
      } as KubeObject);
    }
    const yaml = options.configYaml === undefined ? ramenConfigYaml() : options.configYaml;
    if (yaml !== null) {
      await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: RAMEN_CONFIG_MAP_NAME, namespace: OPERATOR_NS }, data: { [RAMEN_CONFIG_MAP_KEY]: yaml } } as KubeObject);
    }
    const agents: Manager[] = [];
    const storageManager = new Manager({ name: `${name}/storage`, clock: time, scheduler: time, trace });
    for (const spec of createStorageAgents({ cluster: name, client: server.client({ actor: 'storage' }), clock: time, trace, storage })) storageManager.add(spec);
    const workloadManager = new Manager({ name: `${name}/workload`, clock: time, scheduler: time, trace });
    for (const spec of createWorkloadAgents({ cluster: name, client: server.client({ actor: 'kubelet' }), clock: time, trace, storage, ledger })) workloadManager.add(spec);
    agents.push(storageManager, workloadManager);
    if (options.velero) {
      await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'velero' } });
      const file = `[default]\naws_access_key_id = ${CREDS.accessKeyId}\naws_secret_access_key = ${CREDS.secretAccessKey}\n`;
      await client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `v${SECRET}`, namespace: 'velero' }, data: { ramengenerated: Buffer.from(file).toString('base64') } } as KubeObject);
      const veleroManager = new Manager({ name: `${name}/velero`, clock: time, scheduler: time, trace });
      for (const spec of createVeleroAgents({ client: server.client({ actor: 'velero' }), node: name, clock: time, scheduler: time, trace, kinds, objectStores })) veleroManager.add(spec);
      agents.push(veleroManager);
    }
    if (options.volsync) {
      const volsyncManager = new Manager({ name: `${name}/volsync`, clock: time, scheduler: time, trace });
      for (const spec of createVolSyncAgents({ client: server.client({ actor: 'volsync' }), cluster: name, clock: time, scheduler: time, trace, network, storage, fabric, snapshots })) volsyncManager.add(spec);
      agents.push(volsyncManager);
      await client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app-vrg-vs-secret', namespace: NS }, data: { 'psk.txt': Buffer.from('shared-secret-key').toString('base64') } } as KubeObject);
    }
    const op = createDrClusterOperator({ clusterName: name, client: server.client({ actor: 'ramen-dr-cluster' }), clock: time, trace, objectStores, operatorNamespace: OPERATOR_NS });
    const operator = new Manager({ name: `${name}/ramen-dr-cluster`, clock: time, scheduler: time, trace });
    for (const c of op.controllers) operator.add(c);
    operator.addStartHook(op.startHook);
    for (const m of agents) m.start();
    operator.start();
    rigs.push({ name, server, client, operator, agents });
  }
  const advance = async (ms: number): Promise<void> => void (await time.run({ untilMs: time.nowMs() + ms }));
  return {
    time,
    trace,
    network,
    storage,
    s3,
    dr1: rigs[0]!,
    dr2: rigs[1]!,
    advance,
    async until(check, limitMs = 600_000, stepMs = 1_000) {
      const deadline = time.nowMs() + limitMs;
      while (!check()) {
        if (time.nowMs() >= deadline) throw new Error(`condition not met within ${limitMs} ms of virtual time`);
        await advance(stepMs);
      }
    },
    vrg: (rig, name = 'app-vrg') => rig.server.peek(VRG_KIND.apiVersion, VRG_KIND.kind, name, NS) as VolumeReplicationGroup | undefined,
    s3Keys: (prefix = '') => s3.keys(BUCKET, prefix),
  };
}

export const APP: AppSpec = { name: 'app', namespace: NS, pvcs: [{ name: 'data-0', storageClassName: CLASS }, { name: 'data-1', storageClassName: CLASS }], writeIntervalMs: 5_000 };

export async function deployApp(rig: ClusterRig, spec: AppSpec = APP): Promise<void> {
  for (const obj of appManifests(spec)) await rig.client.create(obj);
}

export async function deployPvcsOnly(rig: ClusterRig, spec: AppSpec = APP): Promise<void> {
  for (const obj of appManifests(spec)) if (obj.kind === 'PersistentVolumeClaim') await rig.client.create(obj);
}

export function vrgManifest(state: string, extra: Partial<VrgSpec> = {}, name = 'app-vrg'): VolumeReplicationGroup {
  return {
    apiVersion: VRG_KIND.apiVersion,
    kind: VRG_KIND.kind,
    metadata: { name, namespace: NS },
    spec: {
      pvcSelector: { matchLabels: { [APP_LABEL]: APP.name } },
      replicationState: state,
      s3Profiles: [PROFILE],
      async: { schedulingInterval: '5m' },
      ...extra,
    },
  };
}

export function conditionOf(vrg: VolumeReplicationGroup | undefined, type: string): { status: string; reason: string; message: string; observedGeneration?: number } | undefined {
  return vrg?.status?.conditions?.find((c) => c.type === type);
}
