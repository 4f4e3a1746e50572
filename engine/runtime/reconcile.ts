// The one-method reconciler of controller-runtime: a request names an object; the reconciler re-reads
// the world and moves it one step toward the desired state, then says when to look again.

import type { KindRef, KubeObject, ObjectKey } from '../api/meta.js';
import type { ClusterClient } from './client.js';

export interface Request extends ObjectKey {}

export interface Result {
  /** Look again after this long even if nothing changes. */
  requeueAfterMs?: number;
  /** Look again soon, with the queue's per-key exponential backoff. */
  requeue?: boolean;
}

export interface Reconciler {
  reconcile(request: Request): Promise<Result>;
}

/** An error that retrying cannot fix; the key is dropped until a watch event brings it back. */
export class TerminalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TerminalError';
  }
}

/**
 * What wakes a controller up: a watched kind on some cluster, and a mapping from each changed object
 * to the requests it should enqueue (itself, its owner, or any keys a map function returns).
 */
export interface WatchSpec {
  /** The client whose cluster is watched; a hub controller may also watch its own cluster only. */
  client: ClusterClient;
  kind: KindRef;
  namespace?: string;
  /**
   * Default: the object's own key. `old` is the version this watch delivered before; the controller
   * keeps a copy of every watched object for that only when a predicate is set or the map declares the
   * third parameter (at 1,000 apps those copies were a tenth of the heap), so spell it out to get it.
   */
  map?: (obj: KubeObject, eventType: 'ADDED' | 'MODIFIED' | 'DELETED', old: KubeObject | undefined) => Request[];
  /** Drop events for which this returns false (for example: generation unchanged). */
  predicate?: (obj: KubeObject, old: KubeObject | undefined) => boolean;
}

export interface ControllerSpec {
  /** Unique within its manager, for example `vrg` or `drpc`. */
  name: string;
  reconciler: Reconciler;
  watches: WatchSpec[];
  /**
   * Concurrent reconciles; controller-runtime's MaxConcurrentReconciles. Default 1. A function is asked
   * whenever a worker could start, for operators that take the count from configuration they read
   * after their controllers are built.
   */
  workers?: number | (() => number);
  /**
   * Runs at every start, before the watches open: where a controller keeps a cache of watched objects
   * of its own, it empties it here, since a restarted process starts with nothing in memory and a
   * re-list reports only the objects that still exist.
   */
  onStart?: () => void;
}

/** Enqueue the owner named by a controller ownerReference of the given kind. */
export function mapToOwner(ownerKind: string): (obj: KubeObject) => Request[] {
  return (obj) => {
    const owner = obj.metadata.ownerReferences?.find((r) => r.kind === ownerKind && r.controller);
    if (!owner) return [];
    return [obj.metadata.namespace ? { namespace: obj.metadata.namespace, name: owner.name } : { name: owner.name }];
  };
}

export const generationChanged = (obj: KubeObject, old: KubeObject | undefined): boolean =>
  old === undefined || obj.metadata.generation !== old.metadata.generation || obj.metadata.deletionTimestamp !== old.metadata.deletionTimestamp;
