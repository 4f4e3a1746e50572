// A scenario's steps over real servers: `advance` is a real wait, `waitFor` polls the servers, and a
// fault is the real mechanism (realTimeProblems in real-time-support.ts has already refused the rest).

import type { ClusterClient } from '../../engine/runtime/client.js';
import { listAll } from '../../engine/runtime/object-store.js';
import { S3ObjectStore } from '../../kind/s3/s3-object-store.js';
import type { RealWorld } from '../../kind/agents/real-world.js';
import type { Environment } from '../../kind/control-plane/environment.js';
import { describeFault } from '../../sim/faults/fault-injector.js';
import { S3_BUCKET } from '../../sim/world/bootstrap-manifests.js';
import { lostWritesOf } from '../../sim/world/build-environment.js';
import type { FaultDecl, Target } from '../format/scenario-types.js';
import type { StepWorld } from './step-world.js';
import type { RealSource } from './target-real.js';
import { LastSeen, observe } from './target-real.js';
import type { TargetObserver, TargetVerdict } from './target.js';
import { evaluateTarget, primaryClusterOf } from './target.js';

export interface RealTimeWorldOptions {
  world: RealWorld;
  env: Environment;
  /** Aborts waits and polls: Ctrl-C. */
  signal?: AbortSignal;
  /** How often `waitFor` asks the servers; default 1 s. */
  pollMs?: number;
}

export interface RealTimeStepWorld extends StepWorld {
  /** Answers a question about the world as target evaluation sees it (down clusters as last read). */
  observe<T>(question: (o: TargetObserver) => T): Promise<T>;
  /** The keys under a prefix in MinIO's bucket, sorted. */
  s3Keys(prefix: string): Promise<string[]>;
}

export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

/** A wall-clock wait that ends early, rejecting, when the signal fires. */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Interrupted());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Interrupted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function realTimeStepWorld(o: RealTimeWorldOptions): RealTimeStepWorld {
  const { world, env, signal } = o;
  const pollMs = o.pollMs ?? 1000;
  const began = Date.now();
  const down = new Set<string>();
  const clients = new Map<string, ClusterClient>();
  const client = (cluster: string): ClusterClient => {
    let c = clients.get(cluster);
    if (!c) clients.set(cluster, (c = world.admin(cluster)));
    return c;
  };
  const source: RealSource = {
    clusters: world.decl.clusters.map((c) => c.name),
    apps: world.decl.apps,
    client,
    isDown: (cluster) => down.has(cluster),
    isUp: (cluster) => world.network.isUp(cluster),
    lostWrites: (observer, app) => lostWritesOf({ world: { peek: observer.world.peek, decl: world.decl }, appRunningOn: observer.appRunningOn, storage: world.storage, ledger: world.ledger }, app),
  };
  const seen = new LastSeen();
  const ask = <T>(question: (o: TargetObserver) => T): Promise<T> => observe(source, seen, question);
  // A read that fails (a server restarting, a kind not served) is a verdict, not a crash of the run.
  const evaluate = (target: Target): Promise<TargetVerdict> =>
    ask((obs) => evaluateTarget(obs, target)).catch((err: unknown) => ({ ok: false, mismatches: [`reading the servers failed: ${err instanceof Error ? err.message : String(err)}`] }));

  /** Reads what the apps' targets ask of every cluster, so a cluster about to go down is still answered. */
  const remember = (): Promise<unknown> =>
    ask((obs) =>
      obs.world.decl.apps.map((a) => [
        primaryClusterOf(obs, a.name, a.namespace),
        obs.appRunningOn(a.name),
        obs.lostWrites(a.name),
      ]),
    );
  const stop = async (cluster: string): Promise<void> => {
    // Best effort: what could not be read stays as last read.
    await remember().catch(() => undefined);
    down.add(cluster);
    await world.clusterDown(cluster);
  };
  // As in the simulator, bringing up what is up does nothing (a second server would find its port taken).
  const start = async (cluster: string): Promise<void> => {
    if (!down.has(cluster)) return;
    await world.clusterUp(cluster);
    down.delete(cluster);
  };
  const minio = () => {
    if (!env.minio) throw new Error('this environment runs no MinIO');
    return env.minio;
  };

  const inject = async (f: FaultDecl): Promise<void> => {
    world.trace.emit({ type: 'fault.inject', fault: f.type, detail: describeFault(f) });
    switch (f.type) {
      case 'clusterDown':
        return stop(f.cluster);
      case 'clusterUp':
        return start(f.cluster);
      case 'hubDown':
        return stop('hub');
      case 'hubUp':
        return start('hub');
      case 'partition':
        return world.network.cut(f.from, f.to, f.oneWay);
      case 'heal':
        return world.network.heal(f.from, f.to);
      case 'healAll':
        return world.network.healAll();
      case 's3Outage':
        return minio().stop();
      case 's3Restore':
        return minio().running() ? undefined : minio().start();
      default:
        throw new Error(`${describeFault(f)}: not available on the apiserver backend`);
    }
  };

  return {
    advance: (ms) => wait(ms, signal),
    waitFor: async (target, timeoutMs) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        if ((await evaluate(target)).ok) return true;
        if (Date.now() >= until) return false;
        await wait(Math.min(pollMs, Math.max(0, until - Date.now())), signal);
      }
    },
    evaluate,
    client,
    inject,
    emit: (event) => world.trace.emit(event),
    elapsedMs: () => Date.now() - began,
    observe: ask,
    s3Keys: async (prefix) => {
      const m = minio();
      const store = new S3ObjectStore({ endpoint: m.state.endpoint, region: m.state.region, bucket: S3_BUCKET, credentials: m.credentials() });
      try {
        return (await listAll(store, prefix)).sort();
      } finally {
        store.destroy();
      }
    },
  };
}
