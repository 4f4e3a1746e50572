// A small OCM world for the sim/ocm tests: a hub and managed clusters as real SimApiServers with
// schema admission, the network between them, the hub's OCM controllers and app deployer in one
// manager, and a klusterlet manager per cluster. Not a test file itself.

import type { KubeObject } from '../../../../engine/api/meta.js';
import { CORE_KIND_SCHEMAS } from '../../../../engine/api/core/core-kinds.js';
import { MANAGED_CLUSTER_AVAILABLE, ManagedClusterKind, type ManagedCluster } from '../../../../engine/api/ocm/managed-cluster.js';
import { OCM_BUILTIN_KIND_SCHEMAS, OCM_KIND_SCHEMAS } from '../../../../engine/api/ocm/ocm-kinds.js';
import { admit } from '../../../../engine/api/schema/admission.js';
import type { KindSchema } from '../../../../engine/api/schema/types.js';
import type { ClusterClient } from '../../../../engine/runtime/client.js';
import { Manager } from '../../../../engine/runtime/manager.js';
import type { TraceFields, TraceSink } from '../../../../engine/runtime/trace-sink.js';
import { SimApiServer } from '../../../../sim/apiserver/server.js';
import { SimTime } from '../../../../sim/kernel/sim-time.js';
import { Network } from '../../../../sim/network/network.js';
import { createAppDeployer, type AppDeployer } from '../../../../sim/ocm/app-deployer.js';
import { createKlusterlet } from '../../../../sim/ocm/klusterlet.js';
import { createOcmHubControllers } from '../../../../sim/ocm/ocm-hub.js';
import { registerManagedCluster } from '../../../../sim/ocm/ocm-setup.js';

/** A namespaced kind no server serves, for "unknown kind" cases. */
export const UNSERVED = { apiVersion: 'example.com/v1', kind: 'Widget' } as const;

export const ALL_TEST_KINDS: KindSchema[] = [...CORE_KIND_SCHEMAS, ...OCM_KIND_SCHEMAS, ...OCM_BUILTIN_KIND_SCHEMAS];

export class RecordingTrace implements TraceSink {
  readonly events: TraceFields[] = [];
  emit(event: TraceFields): void {
    this.events.push(event);
  }
  ofType(type: string): TraceFields[] {
    return this.events.filter((e) => e.type === type);
  }
}

export interface RigOptions {
  clusters?: string[];
  workResyncMs?: number;
  evictionGracePeriodMs?: number;
  /** Register the clusters and wait for them to join. Default true. */
  join?: boolean;
}

export class OcmRig {
  readonly time = new SimTime();
  readonly trace = new RecordingTrace();
  readonly network = new Network(this.time, this.trace);
  readonly hub: SimApiServer;
  readonly hubClient: ClusterClient;
  readonly hubManager: Manager;
  readonly deployer: AppDeployer;
  readonly servers = new Map<string, SimApiServer>();
  readonly klusterlets = new Map<string, Manager>();

  constructor(readonly clusterNames: string[], options: RigOptions) {
    const admission = (schema: KindSchema, obj: KubeObject, old: KubeObject | undefined, opts: { operation: 'create' | 'update' | 'status'; fieldValidation: 'Strict' | 'Warn' | 'Ignore' }) =>
      admit(schema, obj, old, opts);
    this.hub = new SimApiServer({ name: 'hub', clock: this.time, scheduler: this.time, trace: this.trace, kinds: ALL_TEST_KINDS, admission });
    this.hubClient = this.hub.client({ actor: 'test' });
    this.hubManager = new Manager({ name: 'hub/ocm', clock: this.time, scheduler: this.time, trace: this.trace });
    for (const spec of createOcmHubControllers({ hub: this.hub.client({ actor: 'ocm-hub' }), clock: this.time, trace: this.trace })) this.hubManager.add(spec);
    this.deployer = createAppDeployer({ hub: this.hub.client({ actor: 'app-deployer' }), trace: this.trace });
    this.deployer.install(this.hubManager);
    for (const name of clusterNames) {
      const server = new SimApiServer({ name, clock: this.time, scheduler: this.time, trace: this.trace, kinds: ALL_TEST_KINDS, admission });
      this.servers.set(name, server);
      const klusterlet = createKlusterlet({
        clusterName: name,
        hubClient: this.hub.client({ actor: `klusterlet-${name}` }),
        clusterClient: server.client({ actor: 'klusterlet' }),
        network: this.network,
        clock: this.time,
        scheduler: this.time,
        trace: this.trace,
        ...(options.workResyncMs === undefined ? {} : { workResyncMs: options.workResyncMs }),
        ...(options.evictionGracePeriodMs === undefined ? {} : { evictionGracePeriodMs: options.evictionGracePeriodMs }),
      });
      const manager = new Manager({ name: `${name}/klusterlet`, clock: this.time, scheduler: this.time, trace: this.trace });
      for (const spec of klusterlet.controllers) manager.add(spec);
      this.klusterlets.set(name, manager);
    }
  }

  client(cluster: string): ClusterClient {
    return this.servers.get(cluster)!.client({ actor: 'test' });
  }

  server(cluster: string): SimApiServer {
    return this.servers.get(cluster)!;
  }

  start(): void {
    this.hubManager.start();
    for (const m of this.klusterlets.values()) m.start();
  }

  async runFor(ms: number): Promise<void> {
    await this.time.run({ untilMs: this.time.nowMs() + ms });
  }

  /** Runs until `predicate` holds (checked after every event) or `timeoutMs` pass; returns whether it held. */
  async until(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
    const outcome = await this.time.run({ until: predicate, untilMs: this.time.nowMs() + timeoutMs });
    return outcome === 'predicate' || predicate();
  }

  /** A synchronous look at one stored object (no network). */
  peek<T extends KubeObject = KubeObject>(node: string, kind: { apiVersion: string; kind: string }, name: string, namespace?: string): T | undefined {
    const server = node === 'hub' ? this.hub : this.servers.get(node)!;
    return server.dump().find((o) => o.apiVersion === kind.apiVersion && o.kind === kind.kind && o.metadata.name === name && o.metadata.namespace === namespace) as T | undefined;
  }

  availability(cluster: string): string | undefined {
    const mc = this.peek<ManagedCluster>('hub', ManagedClusterKind, cluster);
    return mc?.status?.conditions?.find((c) => c.type === MANAGED_CLUSTER_AVAILABLE)?.status;
  }

  nsObject(name: string): KubeObject {
    return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
  }
}

/** Builds the rig, registers the clusters and waits until every one is Available. */
export async function ocmRig(options: RigOptions = {}): Promise<OcmRig> {
  const rig = new OcmRig(options.clusters ?? ['east', 'west'], options);
  rig.start();
  if (options.join ?? true) {
    for (const c of rig.clusterNames) await registerManagedCluster(rig.hubClient, c, { clusterSet: 'dr' });
    const joined = await rig.until(() => rig.clusterNames.every((c) => rig.availability(c) === 'True'), 120_000);
    if (!joined) throw new Error('clusters did not join');
  }
  return rig;
}
