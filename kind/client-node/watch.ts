// One watch over client-node's Watch, with the contract's semantics: events in order, then exactly
// one onClose when the server ends the watch for any reason (timeout, 410 Gone, restart, refused
// connection, kind not served), after which the watcher re-lists. stop() is silent, as in the
// simulator.

import { Watch, type KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../../engine/api/meta.js';
import type { WatchCallbacks, WatchEventType, WatchHandle } from '../../engine/runtime/client.js';
import { isApiError } from '../../engine/runtime/errors.js';
import { isConnectionError } from './transport.js';

export interface OpenWatchOptions<T extends KubeObject> {
  kubeConfig: KubeConfig;
  clusterName: string;
  /** The collection path; resolving it may fail with NoKindMatch or Unavailable. */
  path: () => Promise<string>;
  query: Record<string, string | undefined>;
  normalize: (obj: T) => T;
  callbacks: WatchCallbacks<T>;
}

const EVENT_TYPES: ReadonlySet<string> = new Set(['ADDED', 'MODIFIED', 'DELETED']);

interface WatchStatus {
  code?: number;
  reason?: string;
  message?: string;
}

/** The reason text of a watch that ended with an error, starting with the contract's reason word. */
export function closeReason(err: unknown, clusterName: string): string {
  if (err === null || err === undefined) return 'watch closed by the server';
  if (isApiError(err)) return `${err.reason}: ${err.message}`;
  if (isConnectionError(err)) return `Unavailable: cluster "${clusterName}" is unreachable (${(err as Error).message})`;
  const status = (err as { statusCode?: number }).statusCode;
  if (status !== undefined) return `${status === 410 ? 'Expired' : `HTTP ${status}`}: ${(err as Error).message}`;
  return `watch ended: ${err instanceof Error ? err.message : String(err)}`;
}

export function openWatch<T extends KubeObject>(opts: OpenWatchOptions<T>): WatchHandle {
  let state: 'open' | 'closed' | 'stopped' = 'open';
  let controller: AbortController | undefined;
  // Read through a function: the state changes in callbacks TypeScript's narrowing cannot see.
  const current = (): typeof state => state;
  const close = (reason: string): void => {
    if (state !== 'open') return;
    state = 'closed';
    controller?.abort();
    opts.callbacks.onClose(reason);
  };

  void (async () => {
    try {
      const path = await opts.path();
      if (state !== 'open') return;
      const query: Record<string, string> = { allowWatchBookmarks: 'false' };
      for (const [k, v] of Object.entries(opts.query)) if (v !== undefined) query[k] = v;
      controller = await new Watch(opts.kubeConfig).watch(
        path,
        query,
        (phase: string, obj: unknown) => {
          if (state !== 'open') return;
          if (EVENT_TYPES.has(phase)) {
            opts.callbacks.onEvent({ type: phase as WatchEventType, object: opts.normalize(obj as T) });
          } else if (phase === 'ERROR') {
            // A Status in the stream: 410 Gone when the resource version is too old to resume from.
            const s = (obj ?? {}) as WatchStatus;
            close(`${s.code === 410 ? 'Expired' : (s.reason ?? 'Error')}: ${s.message ?? 'watch error'}`);
          }
        },
        (err: unknown) => close(closeReason(err, opts.clusterName)),
      );
      if (current() !== 'open') controller.abort();
    } catch (err) {
      close(closeReason(err, opts.clusterName));
    }
  })();

  return {
    stop: () => {
      if (state === 'open') state = 'stopped';
      controller?.abort();
    },
  };
}
