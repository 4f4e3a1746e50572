// drsim's world over the real servers of the `apiserver` backend: the same operators and agents
// sim/world/build-environment.ts wires into the simulator (OCM's hub controllers and klusterlets, the
// CSI/replication storage model, the workload, VolSync and Velero models, Ramen's hub and DR-cluster
// operators), each in its own Manager with the wall clock and real timers, talking to real
// kube-apiservers through the client-node ClusterClient and to MinIO through the S3 SDK.
//
// The storage and VolSync models still move "data" in memory over drsim's network model (there is no
// real storage here); everything that is API state lives in the real servers.

import type { KubeObject } from '../../engine/api/meta.js';
import { kindsFor } from '../../engine/api/schema/registry.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { Manager } from '../../engine/runtime/manager.js';
import type { ControllerSpec } from '../../engine/runtime/reconcile.js';
import { createDrClusterOperator } from '../../engine/dr/operator.js';
import { createHubOperator } from '../../engine/hub/operator.js';
import { createAppDeployer, type AppDeployer } from '../../sim/ocm/app-deployer.js';
import { createKlusterlet } from '../../sim/ocm/klusterlet.js';
import { createOcmHubControllers } from '../../sim/ocm/ocm-hub.js';
import { bindClusterSet, registerManagedCluster } from '../../sim/ocm/ocm-setup.js';
import { Network } from '../../sim/network/network.js';
import { createStorageAgents } from '../../sim/storage/storage-agents.js';
import { StorageBackend } from '../../sim/storage/storage-backend.js';
import { createVeleroAgents } from '../../sim/velero/velero-agents.js';
import { createVolSyncAgents } from '../../sim/volsync/volsync-agents.js';
import { SnapshotContents } from '../../sim/volsync/snapshot-contents.js';
import { VolSyncFabric } from '../../sim/volsync/volsync-fabric.js';
import { appManifests } from '../../sim/workload/app.js';
import { createWorkloadAgents } from '../../sim/workload/workload-agents.js';
import { WriteLedger } from '../../sim/workload/write-ledger.js';
import {
  appHubManifests,
  hubBootstrap,
  managedClusterBootstrap,
  s3EndpointUrl,
} from '../../sim/world/bootstrap-manifests.js';
import { appSpecOf } from '../../sim/world/build-environment.js';
import type { WorldDecl } from '../../sim/world/world-decl.js';
import { KubeClusterClient } from '../client-node/kube-client.js';
import type { Environment } from '../control-plane/environment.js';
import { S3ObjectStoreFactory } from '../s3/s3-object-store.js';
import { withMicroTimeLeases } from './lease-microtime.js';
import { TimerScheduler, WallClock } from './real-time.js';
import { WallTrace } from './wall-trace.js';
import { createAll, storageSystems } from '../../sim/world/world-setup.js';

export const HUB = 'hub';

export interface RealWorld {
  decl: WorldDecl;
  trace: WallTrace;
  clock: WallClock;
  scheduler: TimerScheduler;
  network: Network;
  storage: StorageBackend;
  ledger: WriteLedger;
  deployer: AppDeployer;
  managers: Map<string, Manager>;
  /** An admin client of a cluster, for observers and tests. */
  admin(cluster: string): KubeClusterClient;
  /**
   * The simulator's clusterDown fault on real servers: the cluster's API server stops (etcd and its
   * data stay), its network links are cut and every process on it stops.
   */
  clusterDown(cluster: string): Promise<void>;
  /** clusterUp: the API server restarts, links heal, the cluster's processes start again. */
  clusterUp(cluster: string): Promise<void>;
  stop(): void;
}


/**
 * The hub bootstrap with the S3 endpoint the simulator names (a cluster-internal MinIO service)
 * replaced by the real MinIO's loopback URL. The S3 Secret keeps the bootstrap's well-known keys:
 * MinIO is started with those same root credentials.
 */
function hubObjects(decl: WorldDecl, minioEndpoint: string): KubeObject[] {
  const simUrls = decl.clusters.map((c) => s3EndpointUrl(decl, c.name));
  return hubBootstrap(decl).map((o) => {
    if (o.kind !== 'ConfigMap') return o;
    const data = { ...(o.data as Record<string, string>) };
    for (const [k, v] of Object.entries(data)) data[k] = simUrls.reduce((text, url) => text.split(url).join(minioEndpoint), v);
    return { ...o, data };
  });
}

export interface StartRealWorldOptions {
  env: Environment;
  decl: WorldDecl;
  /** Append the trace to this NDJSON file as well. */
  traceFile?: string;
  /** Which process groups to run; default all. */
  processes?: { hubOperator?: boolean; drOperators?: boolean; storage?: boolean; workload?: boolean; volsync?: boolean; velero?: boolean };
}

export async function startRealWorld(o: StartRealWorldOptions): Promise<RealWorld> {
  const { env, decl } = o;
  if (decl.s3 !== 'shared') throw new Error('the apiserver backend runs one MinIO: declare s3: shared');
  if (!env.minio) throw new Error('the apiserver backend needs MinIO');
  const want = { hubOperator: true, drOperators: true, storage: true, workload: true, volsync: true, velero: true, ...(o.processes ?? {}) };
  const trace = new WallTrace(o.traceFile);
  const clock = new WallClock();
  const scheduler = new TimerScheduler((label, err) => trace.emit({ type: 'agent.error', label, message: err instanceof Error ? err.message : String(err) }));
  const network = new Network(scheduler, trace, { defaultLatencyMs: 1 });
  const clients: KubeClusterClient[] = [];
  const kubeClientOf = (cluster: string): KubeClusterClient => {
    const c = env.clusters.get(cluster);
    if (!c) throw new Error(`no cluster ${cluster} in the environment (have ${[...env.clusters.keys()].join(', ')})`);
    const client = c.client();
    clients.push(client);
    return client;
  };
  const clientOf = (cluster: string): ClusterClient => withMicroTimeLeases(kubeClientOf(cluster));
  const objectStores = new S3ObjectStoreFactory({ maxAttempts: 1 });
  const cidrs: Record<string, string[]> = {};
  decl.clusters.forEach((c, i) => (cidrs[c.name] = [`192.168.${10 + i}.0/24`]));
  const storage = new StorageBackend({ clock, scheduler, network, trace }, { systems: storageSystems(decl), clusterCidrs: cidrs });
  const ledger = new WriteLedger();
  const fabric = new VolSyncFabric();
  const snapshots = new SnapshotContents();
  const managers = new Map<string, Manager>();
  const addManager = (name: string, controllers: ControllerSpec[], startHook?: () => Promise<void>): Manager => {
    const m = new Manager({ name, clock, scheduler, trace });
    for (const c of controllers) m.add(c);
    if (startHook) m.addStartHook(startHook);
    managers.set(name, m);
    return m;
  };

  const hubOcm = addManager('hub/ocm-hub', createOcmHubControllers({ hub: clientOf(HUB), clock, trace }));
  const deployer = createAppDeployer({ hub: clientOf(HUB), trace });
  deployer.install(hubOcm);
  if (want.hubOperator) {
    const op = createHubOperator({ client: clientOf(HUB), clock, trace, objectStores });
    addManager('hub/ramen-hub-operator', op.controllers, op.startHook);
  }
  for (const c of decl.clusters) {
    const node = c.name;
    const k = createKlusterlet({ clusterName: node, hubClient: clientOf(HUB), clusterClient: clientOf(node), network, clock, scheduler, trace });
    addManager(`${node}/klusterlet`, k.controllers);
    if (want.storage) addManager(`${node}/csi-storage`, createStorageAgents({ cluster: node, client: clientOf(node), clock, trace, storage }));
    if (want.workload) addManager(`${node}/workload`, createWorkloadAgents({ cluster: node, client: clientOf(node), clock, trace, storage, ledger }));
    if (want.volsync) addManager(`${node}/volsync`, createVolSyncAgents({ client: clientOf(node), cluster: node, clock, scheduler, trace, network, storage, fabric, snapshots }));
    if (want.velero) addManager(`${node}/velero`, createVeleroAgents({ client: clientOf(node), node, clock, scheduler, trace, kinds: kindsFor('dr'), objectStores }));
    if (want.drOperators) {
      const op = createDrClusterOperator({ clusterName: node, client: clientOf(node), clock, trace, objectStores });
      addManager(`${node}/ramen-dr-cluster-operator`, op.controllers, op.startHook);
    }
  }

  const hubAdmin = clientOf(HUB);
  for (const c of decl.clusters) {
    await createAll(clientOf(c.name), managedClusterBootstrap(decl, c.name));
    await registerManagedCluster(hubAdmin, c.name, { labels: { name: c.name, region: c.region }, clusterSet: 'default' });
  }
  if (decl.ramen === 'configured') await createAll(hubAdmin, hubObjects(decl, env.minio.state.endpoint));
  for (const app of decl.apps) {
    await createAll(hubAdmin, appHubManifests(decl, app));
    await bindClusterSet(hubAdmin, app.namespace, 'default');
    deployer.register({
      name: app.name,
      namespace: app.namespace,
      placement: { kind: 'Placement', namespace: app.namespace, name: `${app.name}-placement` },
      manifests: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: app.namespace } }, ...appManifests(appSpecOf(app))],
    });
  }
  for (const m of managers.values()) m.start();

  return {
    decl,
    trace,
    clock,
    scheduler,
    network,
    storage,
    ledger,
    deployer,
    managers,
    admin: (cluster) => kubeClientOf(cluster),
    clusterDown: async (cluster) => {
      network.setUp(cluster, false);
      for (const [name, m] of managers) if (name.startsWith(`${cluster}/`)) m.stop();
      await env.clusters.get(cluster)!.stopApiServer();
    },
    clusterUp: async (cluster) => {
      await env.clusters.get(cluster)!.restartApiServer();
      network.setUp(cluster, true);
      for (const [name, m] of managers) if (name.startsWith(`${cluster}/`)) m.start();
    },
    stop: () => {
      for (const m of managers.values()) m.stop();
      scheduler.stop();
      for (const c of clients) c.close();
    },
  };
}
