// A ClusterClient that reaches another node's API server through the network model. OCM's agents run
// on a managed cluster and talk to the hub's API server; every call they make travels the
// cluster->hub link and its reply the hub->cluster link, so a cut link or a node that is down fails
// the call with Unavailable, exactly as a dial timeout would. A watch carries its events over the
// link too: an event lost on a cut link ends the watch, and the watcher re-lists, as client-go's
// reflector does after a broken stream.

import type { KindRef, KubeObject, ObjectKey } from '../../engine/api/meta.js';
import type {
  ClusterClient,
  DeleteOptions,
  ListOptions,
  ListResult,
  WatchCallbacks,
  WatchHandle,
  WriteOptions,
} from '../../engine/runtime/client.js';
import { ApiError, isUnavailable } from '../../engine/runtime/errors.js';
import type { Scheduler } from '../../engine/runtime/ports.js';
import type { Network, NodeId } from '../network/network.js';

export interface RemoteClientOptions {
  /** The client of the target node's API server, used as the far end of each call. */
  target: ClusterClient;
  network: Network;
  scheduler: Scheduler;
  /** The node the caller runs on, for example a managed cluster's name. */
  from: NodeId;
  /** The node whose API server is called, for example `hub`. */
  to: NodeId;
  /** How long a watch that cannot connect waits before it reports the failure. Default 5000 ms. */
  watchConnectTimeoutMs?: number;
}

/** The error a call over a broken link fails with. */
export function unreachableError(from: NodeId, to: NodeId): ApiError {
  return new ApiError('Unavailable', `dial tcp: the API server of ${to} is unreachable from ${from}`);
}

export class RemoteClient implements ClusterClient {
  private readonly watchConnectTimeoutMs: number;

  constructor(private readonly o: RemoteClientOptions) {
    this.watchConnectTimeoutMs = o.watchConnectTimeoutMs ?? 5_000;
  }

  get clusterName(): string {
    return this.o.target.clusterName;
  }

  private call<T>(verb: string, fn: () => Promise<T>): Promise<T> {
    const { network, from, to } = this.o;
    return network.request(from, to, `api.${verb} ${from}->${to}`, fn, () => unreachableError(from, to));
  }

  get<T extends KubeObject = KubeObject>(kind: KindRef, key: ObjectKey): Promise<T> {
    return this.call('get', () => this.o.target.get<T>(kind, key));
  }

  list<T extends KubeObject = KubeObject>(kind: KindRef, options?: ListOptions): Promise<ListResult<T>> {
    return this.call('list', () => this.o.target.list<T>(kind, options));
  }

  create<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<T> {
    return this.call('create', () => this.o.target.create(obj, options));
  }

  update<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<T> {
    return this.call('update', () => this.o.target.update(obj, options));
  }

  patch<T extends KubeObject = KubeObject>(kind: KindRef, key: ObjectKey, mergePatch: unknown, options?: WriteOptions): Promise<T> {
    return this.call('patch', () => this.o.target.patch<T>(kind, key, mergePatch, options));
  }

  updateStatus<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<T> {
    return this.call('status', () => this.o.target.updateStatus(obj, options));
  }

  delete(kind: KindRef, key: ObjectKey, options?: DeleteOptions): Promise<void> {
    return this.call('delete', () => this.o.target.delete(kind, key, options));
  }

  serves(kind: KindRef): Promise<boolean> {
    return this.call('discovery', () => this.o.target.serves(kind));
  }

  watch<T extends KubeObject = KubeObject>(
    kind: KindRef,
    options: ListOptions & { resourceVersion?: string },
    callbacks: WatchCallbacks<T>,
  ): WatchHandle {
    const { network, scheduler, from, to } = this.o;
    const label = `api.watch ${kind.kind} ${to}->${from}`;
    let state: 'open' | 'broken' | 'stopped' = 'open';
    const held: { inner?: WatchHandle } = {};
    // Ends the watch on the caller's side; deferred so it never runs inside the server's own delivery.
    const breakOff = (reason: string): void => {
      if (state !== 'open') return;
      state = 'broken';
      held.inner?.stop();
      scheduler.after(0, `${label}.closed`, () => callbacks.onClose(reason));
    };
    if (!network.canTalk(from, to)) {
      scheduler.after(this.watchConnectTimeoutMs, `${label}.timeout`, () => breakOff(unreachableError(from, to).message));
      return { stop: () => void (state = state === 'open' ? 'stopped' : state) };
    }
    held.inner = this.o.target.watch<T>(kind, options, {
      onEvent: (event) => {
        if (state !== 'open') return;
        network.send(
          to,
          from,
          label,
          () => {
            if (state === 'open') callbacks.onEvent(event);
          },
          () => breakOff(`watch stream to ${to} broken: link lost`),
        );
      },
      onClose: (reason) => {
        if (state !== 'open') return;
        network.send(
          to,
          from,
          label,
          () => breakOff(reason),
          () => breakOff(`watch stream to ${to} broken: link lost`),
        );
      },
    });
    return {
      stop: () => {
        if (state === 'open') state = 'stopped';
        held.inner?.stop();
      },
    };
  }
}

/** A client for `to`'s API server as seen from `from`. */
export function remoteClient(options: RemoteClientOptions): ClusterClient {
  return new RemoteClient(options);
}

/**
 * Runs one reconcile of an agent that talks to the hub, turning "hub unreachable" into a plain retry
 * after `retryMs` instead of the work queue's exponential backoff. Upstream agents get the same effect
 * from their informers' periodic resync, which re-queues every key at once however long the
 * per-key backoff has grown; without it a key that failed through a long partition could wait up to
 * 1000 s after the link heals.
 */
export async function retryWhenUnreachable<T extends { requeueAfterMs?: number }>(retryMs: number, fn: () => Promise<T>): Promise<T | { requeueAfterMs: number }> {
  try {
    return await fn();
  } catch (err) {
    if (isUnavailable(err)) return { requeueAfterMs: retryMs };
    throw err;
  }
}
