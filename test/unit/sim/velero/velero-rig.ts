// A small world for the Velero tests: virtual time, a network, one S3 endpoint with a bucket, and
// DR clusters each with a real SimApiServer and the Velero agents in a Manager, plus the BSL and
// credentials Ramen would create (dr-cluster spec §9.3).

import type { KubeObject } from '../../../../engine/api/meta.js';
import { ALL_KINDS } from '../../../../engine/api/schema/all-kinds.js';
import { apiVersionOf, type KindSchema } from '../../../../engine/api/schema/types.js';
import { BackupKind, BackupStorageLocationKind, RestoreKind, VeleroSchemas, type Backup, type BackupSpec, type BackupStorageLocation, type Restore, type RestoreSpec } from '../../../../engine/api/storage/velero.js';
import { Manager } from '../../../../engine/runtime/manager.js';
import type { ObjectStoreFactory } from '../../../../engine/runtime/object-store.js';
import type { TraceFields, TraceSink } from '../../../../engine/runtime/trace-sink.js';
import type { SimClusterClient } from '../../../../sim/apiserver/client.js';
import { SimApiServer } from '../../../../sim/apiserver/server.js';
import { SimTime } from '../../../../sim/kernel/sim-time.js';
import { Network } from '../../../../sim/network/network.js';
import { S3Endpoint } from '../../../../sim/s3/s3-server.js';
import { SimObjectStore } from '../../../../sim/s3/sim-object-store.js';
import { createVeleroAgents } from '../../../../sim/velero/velero-agents.js';

export class RecordingTrace implements TraceSink {
  readonly events: TraceFields[] = [];
  emit(event: TraceFields): void {
    this.events.push(structuredClone(event));
  }
  ofType(type: string): TraceFields[] {
    return this.events.filter((e) => e.type === type);
  }
}

export const S3_URL = 'http://minio.s3:9000';
export const BUCKET = 'ramen';
export const CREDS = { accessKeyId: 'minio', secretAccessKey: 'minio123' };
export const VELERO_NS = 'velero';
export const SECRET = 'vs3secret';
export const SECRET_KEY = 'ramengenerated';
export const APP_NS = 'app';

/** Every DR-cluster kind plus Velero's, once each whatever all-kinds.ts already holds. */
export function drKinds(): KindSchema[] {
  const seen = new Set<string>();
  const out: KindSchema[] = [];
  for (const k of [...ALL_KINDS.filter((s) => s.servedOn.includes('dr')), ...VeleroSchemas]) {
    const key = `${apiVersionOf(k)}/${k.kind}`;
    if (!seen.has(key)) out.push(k);
    seen.add(key);
  }
  return out;
}

export interface VeleroCluster {
  name: string;
  server: SimApiServer;
  client: SimClusterClient;
  manager: Manager;
}

export interface VeleroWorld {
  time: SimTime;
  trace: RecordingTrace;
  network: Network;
  endpoint: S3Endpoint;
  factory: ObjectStoreFactory;
  clusters: Record<string, VeleroCluster>;
  advance(ms: number): Promise<void>;
  until(check: () => boolean, limitMs?: number): Promise<void>;
  /** Replaces a cluster's Velero with a fresh one: in-flight work and memory are lost. */
  restartVelero(cluster: string): void;
}

export function makeFactory(endpoints: S3Endpoint[], network: Network, trace: TraceSink): ObjectStoreFactory {
  return {
    open(profile, credentials, caller) {
      const ep = endpoints.find((e) => e.url === profile.s3CompatibleEndpoint);
      if (!ep) throw new Error(`no S3 endpoint at ${profile.s3CompatibleEndpoint}`);
      return new SimObjectStore(ep, profile.s3Bucket, credentials, network, caller, trace);
    },
  };
}

export async function makeVeleroWorld(clusterNames: string[] = ['c1', 'c2']): Promise<VeleroWorld> {
  const time = new SimTime();
  const trace = new RecordingTrace();
  const network = new Network(time, trace);
  const endpoint = new S3Endpoint(S3_URL);
  endpoint.createBucket(BUCKET);
  endpoint.addCredentials(CREDS);
  const factory = makeFactory([endpoint], network, trace);
  const kinds = drKinds();
  const clusters: Record<string, VeleroCluster> = {};
  for (const name of clusterNames) {
    const server = new SimApiServer({ name, clock: time, scheduler: time, trace, kinds });
    const client = server.client({ actor: 'test' });
    const manager = new Manager({ name: `${name}-velero`, clock: time, scheduler: time, trace });
    for (const spec of createVeleroAgents({ client: server.client({ actor: 'velero' }), node: name, clock: time, scheduler: time, trace, kinds, objectStores: factory })) manager.add(spec);
    for (const ns of [VELERO_NS, APP_NS]) await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    await client.create(credentialSecret(CREDS));
    manager.start();
    clusters[name] = { name, server, client, manager };
  }
  const advance = async (ms: number): Promise<void> => void (await time.run({ untilMs: time.nowMs() + ms }));
  return {
    time,
    trace,
    network,
    endpoint,
    factory,
    clusters,
    advance,
    async until(check, limitMs = 600_000) {
      const deadline = time.nowMs() + limitMs;
      while (!check()) {
        if (time.nowMs() >= deadline) throw new Error(`condition not met within ${limitMs} ms of virtual time`);
        await advance(500);
      }
    },
    restartVelero(cluster) {
      const c = clusters[cluster]!;
      c.manager.stop();
      const manager = new Manager({ name: `${cluster}-velero`, clock: time, scheduler: time, trace });
      for (const spec of createVeleroAgents({ client: c.server.client({ actor: 'velero' }), node: cluster, clock: time, scheduler: time, trace, kinds, objectStores: factory })) manager.add(spec);
      manager.start();
      c.manager = manager;
    },
  };
}

/** The Velero credentials Secret in Ramen's format (`v<s3Secret>`, key `ramengenerated`). */
export function credentialSecret(creds: { accessKeyId: string; secretAccessKey: string }, name = SECRET): KubeObject {
  const file = `[default]\n  aws_access_key_id = ${creds.accessKeyId}\n  aws_secret_access_key = ${creds.secretAccessKey}\n`;
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: VELERO_NS }, type: 'Opaque', data: { [SECRET_KEY]: Buffer.from(file).toString('base64') } };
}

/** A BSL as Ramen creates it for one capture slot (dr-cluster spec §9.3). */
export function bsl(name: string, prefix: string, overrides: Partial<BackupStorageLocation['spec']> = {}): BackupStorageLocation {
  return {
    apiVersion: BackupStorageLocationKind.apiVersion,
    kind: BackupStorageLocationKind.kind,
    metadata: { name, namespace: VELERO_NS, labels: { 'ramendr.openshift.io/created-by-ramen': 'true' } },
    spec: {
      provider: 'aws',
      objectStorage: { bucket: BUCKET, prefix },
      config: { region: 'us-east-1', s3ForcePathStyle: 'true', s3Url: S3_URL, checksumAlgorithm: '' },
      credential: { name: SECRET, key: SECRET_KEY },
      backupSyncPeriod: '0s',
      ...overrides,
    },
  };
}

export function backup(name: string, spec: Partial<BackupSpec> = {}): Backup {
  return {
    apiVersion: BackupKind.apiVersion,
    kind: BackupKind.kind,
    metadata: { name, namespace: VELERO_NS },
    spec: { includedNamespaces: [APP_NS], storageLocation: name, snapshotVolumes: false, ttl: '0s', ...spec },
  };
}

export function restore(name: string, backupName: string, spec: Partial<RestoreSpec> = {}): Restore {
  return { apiVersion: RestoreKind.apiVersion, kind: RestoreKind.kind, metadata: { name, namespace: VELERO_NS }, spec: { backupName, ...spec } };
}

export function peekBsl(c: VeleroCluster, name: string): BackupStorageLocation | undefined {
  return c.server.peek(BackupStorageLocationKind.apiVersion, BackupStorageLocationKind.kind, name, VELERO_NS) as BackupStorageLocation | undefined;
}

export function peekBackup(c: VeleroCluster, name: string): Backup | undefined {
  return c.server.peek(BackupKind.apiVersion, BackupKind.kind, name, VELERO_NS) as Backup | undefined;
}

export function peekRestore(c: VeleroCluster, name: string): Restore | undefined {
  return c.server.peek(RestoreKind.apiVersion, RestoreKind.kind, name, VELERO_NS) as Restore | undefined;
}

export function configMap(name: string, labels: Record<string, string> = {}, data: Record<string, string> = { k: name }): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: APP_NS, labels }, data };
}
