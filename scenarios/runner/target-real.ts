// Targets evaluated against real servers. evaluateTarget (target.ts) reads stored objects
// synchronously; here they sit behind API servers, so a question is answered over a snapshot: asked
// once with what is known, recording every object it looked up and did not have, asked again once
// those were fetched, until it needs nothing new (a PV is only looked up after its PVC was seen).
// A cluster whose API server is stopped answers from what was last read from it, as the simulator's
// observer still reads a down cluster's store.

import type { KubeObject } from '../../engine/api/meta.js';
import { isApiError } from '../../engine/runtime/errors.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import type { AppDecl } from '../format/scenario-types.js';
import type { TargetObserver } from './target.js';

type Lookup = [cluster: string, apiVersion: string, kind: string, name: string, namespace: string | undefined];

/** What a snapshot reads from: admin clients, and the models of what is not API state. */
export interface RealSource {
  /** Managed clusters, without the hub. */
  clusters: readonly string[];
  apps: readonly AppDecl[];
  client(cluster: string): ClusterClient;
  /** Clusters whose API server is stopped now: answered from the last state read. */
  isDown(cluster: string): boolean;
  /** The network model: a cluster cut off runs nothing anyone can reach. */
  isUp(cluster: string): boolean;
  lostWrites(observer: TargetObserver, app: string): number;
}

/** Last state read per object, shared by every snapshot of one run. */
export class LastSeen {
  private readonly objects = new Map<string, KubeObject | undefined>();

  async read(source: RealSource, [cluster, apiVersion, kind, name, namespace]: Lookup): Promise<KubeObject | undefined> {
    const key = JSON.stringify([cluster, apiVersion, kind, name, namespace]);
    if (source.isDown(cluster)) return this.objects.get(key);
    let obj: KubeObject | undefined;
    try {
      obj = await source.client(cluster).get({ apiVersion, kind }, namespace === undefined ? { name } : { namespace, name });
    } catch (err) {
      if (!isApiError(err, 'NotFound')) throw err;
    }
    this.objects.set(key, obj);
    return obj;
  }
}

const MAX_ROUNDS = 8;

/** Answers a synchronous question about the world over objects fetched from the real servers. */
export async function observe<T>(source: RealSource, seen: LastSeen, question: (o: TargetObserver) => T): Promise<T> {
  const known = new Map<string, KubeObject | undefined>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const missing = new Map<string, Lookup>();
    const peek = <O extends KubeObject = KubeObject>(cluster: string, apiVersion: string, kind: string, name: string, namespace?: string): O | undefined => {
      const lookup: Lookup = [cluster, apiVersion, kind, name, namespace];
      const key = JSON.stringify(lookup);
      if (!known.has(key)) missing.set(key, lookup);
      return known.get(key) as O | undefined;
    };
    const observer: TargetObserver = {
      world: { clusterNames: () => [...source.clusters], peek, decl: { apps: source.apps } },
      appRunningOn: (name) => {
        const app = source.apps.find((a) => a.name === name);
        if (!app) return [];
        return source.clusters.filter((c) => peek<KubeObject<unknown, { phase?: string }>>(c, 'v1', 'Pod', `${app.name}-writer`, app.namespace)?.status?.phase === 'Running' && source.isUp(c));
      },
      lostWrites: (name) => source.lostWrites(observer, name),
    };
    const answer = question(observer);
    if (missing.size === 0) return answer;
    await Promise.all([...missing].map(async ([key, lookup]) => known.set(key, await seen.read(source, lookup))));
  }
  throw new Error(`a target kept asking for new objects after ${MAX_ROUNDS} rounds of reads`);
}
