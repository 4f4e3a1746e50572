// Builds a complete simulated Ramen environment from a world declaration: the servers and network of
// World, S3 endpoints with buckets and credentials, the storage systems the declared storage implies,
// OCM's hub controllers and a klusterlet per cluster, the storage, workload, VolSync and Velero models,
// the Ramen operators, and (for `ramen: configured`) the objects `ramendev config` would leave behind.

import type { KubeObject } from '../../engine/api/meta.js';
import { kindsFor } from '../../engine/api/schema/registry.js';
import { createDrClusterOperator } from '../../engine/dr/operator.js';
import { createAppDeployer } from '../ocm/app-deployer.js';
import type { AppDeployer } from '../ocm/app-deployer.js';
import { hubBackupRestore } from '../ocm/hub-backup.js';
import { createKlusterlet } from '../ocm/klusterlet.js';
import { createOcmHubControllers } from '../ocm/ocm-hub.js';
import { bindClusterSet, registerManagedCluster } from '../ocm/ocm-setup.js';
import { SimObjectStoreFactory } from '../s3/sim-object-store-factory.js';
import { createStorageAgents } from '../storage/storage-agents.js';
import { StorageBackend } from '../storage/storage-backend.js';
import { createVeleroAgents } from '../velero/velero-agents.js';
import { createVolSyncAgents } from '../volsync/volsync-agents.js';
import { createAll, storageSystems } from './world-setup.js';
import { VolSyncFabric } from '../volsync/volsync-fabric.js';
import { SnapshotContents } from '../volsync/snapshot-contents.js';
import { appManifests } from '../workload/app.js';
import { imageKey } from '../storage/volume-data.js';
import { createWorkloadAgents } from '../workload/workload-agents.js';
import { WriteLedger } from '../workload/write-ledger.js';
import { FaultInjector } from '../faults/fault-injector.js';
import { installStatusTap } from '../trace/status-tap.js';
import {
  CEPHFS_STORAGE_CLASS,
  RBD_STORAGE_CLASS,
  S3_ACCESS_KEY,
  S3_BUCKET,
  S3_SECRET_KEY,
  appHubManifests,
  hubBootstrap,
  managedClusterBootstrap,
  s3EndpointUrl,
} from './bootstrap-manifests.js';
import type { TraceRetention } from '../trace/recorder.js';
import type { SimEnvironment } from './environment.js';
import { HUB, World } from './world.js';
import type { ClientWrapper } from './world.js';
import type { AppDecl, WorldDecl } from './world-decl.js';
import { hubOperatorActor } from './hub-operator-actor.js';

export interface BuildOptions {
  seed: number;
  decl: WorldDecl;
  latencyMs?: number;
  /** Test runs only: wraps every process's client (see World's `wrapClient`). Default: none. */
  wrapClient?: ClientWrapper;
  /** See WorldOptions. */
  traceRetention?: TraceRetention;
}

export interface BuiltEnvironment extends SimEnvironment {
  storage: StorageBackend;
  ledger: WriteLedger;
  deployer: AppDeployer;
}

export function appSpecOf(app: AppDecl) {
  return {
    name: app.name,
    namespace: app.namespace,
    pvcs: app.pvcs.map((p) => ({ name: p.name, size: p.size, storageClassName: app.dataPath === 'volsync' ? CEPHFS_STORAGE_CLASS : RBD_STORAGE_CLASS })),
    writeIntervalMs: app.writesPerMinute > 0 ? Math.max(1, Math.round(60_000 / app.writesPerMinute)) : 3_600_000,
  };
}

export async function buildEnvironment(options: BuildOptions): Promise<BuiltEnvironment> {
  const world = new World({
    seed: options.seed,
    decl: options.decl,
    ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
    ...(options.wrapClient === undefined ? {} : { wrapClient: options.wrapClient }),
    ...(options.traceRetention === undefined ? {} : { traceRetention: options.traceRetention }),
  });
  const decl = options.decl;
  installStatusTap(world.trace, world);

  for (const c of decl.clusters) {
    const ep = world.addS3Endpoint(s3EndpointUrl(decl, c.name));
    ep.createBucket(S3_BUCKET);
    ep.addCredentials({ accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY });
  }
  const objectStores = new SimObjectStoreFactory(world.s3, world.network, world.trace);

  const cidrs: Record<string, string[]> = {};
  decl.clusters.forEach((c, i) => (cidrs[c.name] = [`192.168.${10 + i}.0/24`]));
  const storage = new StorageBackend({ clock: world.time, scheduler: world.time, network: world.network, trace: world.trace }, { systems: storageSystems(decl), clusterCidrs: cidrs });
  const ledger = new WriteLedger();
  const fabric = new VolSyncFabric();
  const snapshots = new SnapshotContents();

  // The hub: OCM's controllers (with the app deployer standing in for GitOps) and Ramen's hub operator.
  const hubOcm = world.addActor(HUB, 'ocm-hub', 'agent', createOcmHubControllers({ hub: world.client(HUB, 'ocm-hub'), clock: world.hubClock, trace: world.trace }));
  const deployer = createAppDeployer({ hub: world.client(HUB, 'app-deployer'), trace: world.trace });
  deployer.install(hubOcm.manager);
  hubOperatorActor(world, objectStores);

  for (const c of decl.clusters) {
    const node = c.name;
    const clock = world.clockOf(node);
    const k = createKlusterlet({ clusterName: node, hubClient: world.client(HUB, `klusterlet-${node}`), clusterClient: world.client(node, 'klusterlet'), network: world.network, clock, scheduler: world.time, trace: world.trace });
    world.addActor(node, 'klusterlet', 'agent', k.controllers);
    world.addActor(node, 'csi-storage', 'agent', createStorageAgents({ cluster: node, client: world.client(node, 'storage'), clock, trace: world.trace, storage }));
    world.addActor(node, 'workload', 'agent', createWorkloadAgents({ cluster: node, client: world.client(node, 'workload'), clock, trace: world.trace, storage, ledger }));
    world.addActor(node, 'volsync', 'agent', createVolSyncAgents({ client: world.client(node, 'volsync'), cluster: node, clock, scheduler: world.time, trace: world.trace, network: world.network, storage, fabric, snapshots }));
    world.addActor(node, 'velero', 'agent', createVeleroAgents({ client: world.client(node, 'velero'), node, clock, scheduler: world.time, trace: world.trace, kinds: kindsFor('dr'), objectStores }));
    const op = createDrClusterOperator({ clusterName: node, client: world.client(node, 'ramen-dr-cluster-operator'), clock, trace: world.trace, objectStores });
    world.addActor(node, 'ramen-dr-cluster-operator', 'operator', op.controllers, op.startHook);
  }

  // Base objects every cluster has (namespaces and classes), then OCM registration.
  const hubAdmin = world.client(HUB, 'admin');
  for (const c of decl.clusters) {
    await createAll(world.client(c.name, 'admin'), managedClusterBootstrap(decl, c.name));
    await registerManagedCluster(hubAdmin, c.name, { labels: { name: c.name, region: c.region }, clusterSet: 'default' });
  }
  if (decl.ramen === 'configured') await createAll(hubAdmin, hubBootstrap(decl));

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

  // Operators and agents start once the cluster has its namespaces and classes, as after an install.
  world.startActors();

  const faults = new FaultInjector(world, {
    destroyClusterData: (c) => storage.destroyCluster(c),
    stallReplication: (c, stalled) => storage.stallReplicationFrom(c, stalled),
    rebootstrapCluster: async (c) => {
      storage.rebuildCluster(c);
      await createAll(world.client(c, 'admin'), managedClusterBootstrap(decl, c));
    },
    restoreHubFromBackup: () => {
      const restored = hubBackupRestore(world.hub.dump());
      world.hub.wipe();
      world.hub.restore(restored);
    },
  });

  const env: BuiltEnvironment = {
    world,
    faults,
    storage,
    ledger,
    deployer,
    appRunningOn: (name) => {
      const app = decl.apps.find((a) => a.name === name);
      if (!app) return [];
      return world.clusterNames().filter((c) => {
        const pod = world.peek<KubeObject<unknown, { phase?: string }>>(c, 'v1', 'Pod', `${app.name}-writer`, app.namespace);
        return pod?.status?.phase === 'Running' && world.network.isUp(c);
      });
    },
    lostWrites: (name) => lostWritesOf(env, name),
  };
  return env;
}

/** Acknowledged writes of the app that the volumes it would now read (on its home cluster) lack. */
/** What it reads: the real-time backend passes its own observer, storage model and ledger. */
export type LostWritesSource = Pick<BuiltEnvironment, 'appRunningOn' | 'storage' | 'ledger'> & { world: Pick<BuiltEnvironment['world'], 'peek' | 'decl'> };

export function lostWritesOf(env: LostWritesSource, name: string): number {
  const app = env.world.decl.apps.find((a) => a.name === name);
  if (!app) return 0;
  const home = env.appRunningOn(name)[0];
  if (!home) return 0;
  let lost = 0;
  for (const p of app.pvcs) {
    const pvc = env.world.peek<KubeObject<{ volumeName?: string; storageClassName?: string }>>(home, 'v1', 'PersistentVolumeClaim', p.name, app.namespace);
    const pv = pvc?.spec?.volumeName ? env.world.peek<KubeObject<{ csi?: { driver?: string; volumeHandle?: string } }>>(home, 'v1', 'PersistentVolume', pvc.spec.volumeName) : undefined;
    const handle = pv?.spec?.csi?.volumeHandle;
    const system = pv?.spec?.csi?.driver ? env.storage.systemFor(home, pv.spec.csi.driver) : undefined;
    if (!handle || !system) continue;
    lost += env.ledger.missingCount(env.storage.data, imageKey(system.storageId, handle), `${app.namespace}/${p.name}`);
  }
  return lost;
}
