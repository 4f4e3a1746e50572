// One simulated world: a hub and two managed clusters (each an in-memory API server serving the kinds
// that cluster has in a real Ramen deployment), S3 endpoints, the network between them, and the
// processes (operators and agents) that run on each node. All of it shares one virtual clock, one
// seeded random source and one trace.

import type { KubeObject } from '../../engine/api/meta.js';
import { kindsFor } from '../../engine/api/schema/registry.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { Manager } from '../../engine/runtime/manager.js';
import type { ControllerSpec } from '../../engine/runtime/reconcile.js';
import { SimApiServer } from '../apiserver/server.js';
import { SeededRng } from '../kernel/rng.js';
import type { RunLimits, RunOutcome } from '../kernel/sim-time.js';
import { SIM_EPOCH_MS, SimTime } from '../kernel/sim-time.js';
import { Network } from '../network/network.js';
import type { NodeId } from '../network/network.js';
import { S3Endpoint } from '../s3/s3-server.js';
import { TraceRecorder } from '../trace/recorder.js';
import type { TraceRetention } from '../trace/recorder.js';
import { ActorTable } from './actors.js';
import type { Actor, ActorRole } from './actors.js';
import { SkewedClock } from './skewed-clock.js';
import type { WorldDecl } from './world-decl.js';

export const HUB = 'hub';

/**
 * Replaces the client a process is given, for test runs only: scenarios/variants uses it to build
 * deliberately broken operators by intercepting their calls (the world is passed for its virtual clock).
 * Returning the client unchanged is a no-op.
 */
export type ClientWrapper = (node: NodeId, actor: string, client: ClusterClient, world: World) => ClusterClient;

export interface WorldOptions {
  seed: number;
  decl: WorldDecl;
  /** Latency of every network link. Default 5 ms. */
  latencyMs?: number;
  /** Default: none (every process gets the server's own client). */
  wrapClient?: ClientWrapper;
  /** Default `all`; `digest` for runs too large to keep their trace in memory. */
  traceRetention?: TraceRetention;
}

export interface ManagedClusterNode {
  name: string;
  region: string;
  server: SimApiServer;
  clock: SkewedClock;
  /** Destroyed clusters come back, if at all, as new empty clusters. */
  destroyed: boolean;
}

export class World {
  readonly time: SimTime;
  readonly rng: SeededRng;
  readonly trace: TraceRecorder;
  readonly network: Network;
  readonly hub: SimApiServer;
  readonly hubClock: SkewedClock;
  readonly clusters = new Map<string, ManagedClusterNode>();
  readonly s3 = new Map<string, S3Endpoint>();
  readonly actors = new ActorTable();
  readonly decl: WorldDecl;
  readonly seed: number;
  private started = false;
  private readonly wrapClient: ClientWrapper | undefined;

  constructor(options: WorldOptions) {
    this.seed = options.seed;
    this.decl = options.decl;
    this.wrapClient = options.wrapClient;
    this.time = new SimTime(SIM_EPOCH_MS);
    this.rng = new SeededRng(options.seed);
    this.trace = new TraceRecorder(this.time, SIM_EPOCH_MS, options.traceRetention ?? 'all');
    this.network = new Network(this.time, this.trace, { defaultLatencyMs: options.latencyMs ?? 5 });
    this.hubClock = new SkewedClock(this.time);
    this.hub = new SimApiServer({ name: HUB, clock: this.hubClock, scheduler: this.time, trace: this.trace, kinds: kindsFor('hub') });
    for (const c of options.decl.clusters) {
      const clock = new SkewedClock(this.time);
      const server = new SimApiServer({ name: c.name, clock, scheduler: this.time, trace: this.trace, kinds: kindsFor('dr') });
      this.clusters.set(c.name, { name: c.name, region: c.region, server, clock, destroyed: false });
    }
    this.trace.emit({ type: 'world.created', seed: options.seed, clusters: options.decl.clusters.map((c) => c.name), storage: options.decl.storage });
  }

  clusterNames(): string[] {
    return [...this.clusters.keys()];
  }

  server(node: NodeId): SimApiServer {
    if (node === HUB) return this.hub;
    const c = this.clusters.get(node);
    if (!c) throw new Error(`no cluster named "${node}" in this world (clusters: ${this.clusterNames().join(', ')})`);
    return c.server;
  }

  clockOf(node: NodeId): SkewedClock {
    return node === HUB ? this.hubClock : this.clusters.get(node)!.clock;
  }

  client(node: NodeId, actor: string): ClusterClient {
    const client = this.server(node).client({ actor });
    return this.wrapClient ? this.wrapClient(node, actor, client, this) : client;
  }

  addS3Endpoint(url: string): S3Endpoint {
    let ep = this.s3.get(url);
    if (!ep) {
      ep = new S3Endpoint(url);
      this.s3.set(url, ep);
    }
    return ep;
  }

  /** Starts a process on a node: a manager running the given controllers, plus an optional start hook. */
  addActor(node: NodeId, name: string, role: ActorRole, controllers: ControllerSpec[], startHook?: () => Promise<void> | void): Actor {
    const manager = new Manager({ name: `${node}/${name}`, clock: this.clockOf(node), scheduler: this.time, trace: this.trace });
    for (const c of controllers) manager.add(c);
    if (startHook) manager.addStartHook(startHook);
    const actor = this.actors.add({ name, node, role, manager });
    if (this.started && this.network.isUp(node)) manager.start();
    return actor;
  }

  /** Starts every process whose node is up; later actors start as they are added. */
  startActors(): void {
    this.started = true;
    for (const a of this.actors.all()) if (this.network.isUp(a.node) && !a.crashed) a.manager.start();
  }

  async run(limits: RunLimits): Promise<RunOutcome> {
    return this.time.run(limits);
  }

  async runFor(durationMs: number): Promise<void> {
    await this.time.run({ untilMs: this.time.nowMs() + durationMs });
  }

  /** Runs until `predicate` holds or `timeoutMs` of virtual time pass; returns whether it held. */
  async runUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
    const outcome = await this.time.run({ until: predicate, untilMs: this.time.nowMs() + timeoutMs });
    return outcome === 'predicate' || predicate();
  }

  /** Virtual milliseconds since the world began. */
  elapsedMs(): number {
    return this.time.nowMs() - SIM_EPOCH_MS;
  }

  /** A synchronous observer's read of one object (no network, no actor): for invariants and waits. */
  peek<T extends KubeObject = KubeObject>(node: NodeId, apiVersion: string, kind: string, name: string, namespace?: string): T | undefined {
    return this.server(node).peek(apiVersion, kind, name, namespace) as T | undefined;
  }

  peekAll<T extends KubeObject = KubeObject>(node: NodeId, apiVersion: string, kind: string, namespace?: string): T[] {
    return this.server(node).peekAll(apiVersion, kind, namespace) as T[];
  }
}
