// The cluster client every reconciler is written against: the API-server contract, asynchronous
// throughout, so the same code runs over the simulator and over a real kube-apiserver.

import type { KindRef, KubeObject, LabelSelector, ObjectKey } from '../api/meta.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  /** kubectl's default is Strict: an unknown field is a BadRequest naming it. */
  fieldValidation?: FieldValidation;
  /** A client-side dry run: validated and defaulted, never stored. */
  dryRun?: boolean;
}

export interface WriteResult<T> {
  object: T;
  /** Warnings the server returned, for example pruned unknown fields under Warn. */
  warnings: string[];
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: LabelSelector;
}

export interface DeleteOptions {
  /** `Orphan` leaves dependents in place; the default, `Background`, lets GC remove them. */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** Delete only if the stored object still has this resourceVersion. */
  resourceVersion?: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}

export interface WatchHandle {
  stop(): void;
}

export interface WatchCallbacks<T extends KubeObject = KubeObject> {
  onEvent(event: WatchEvent<T>): void;
  /** The server ended the watch (expiry, restart, outage). The watcher must re-list. */
  onClose(reason: string): void;
}

export interface ListResult<T extends KubeObject = KubeObject> {
  items: T[];
  resourceVersion: string;
}

export interface ClusterClient {
  /** The cluster this client talks to, for logs and traces. */
  readonly clusterName: string;

  get<T extends KubeObject = KubeObject>(kind: KindRef, key: ObjectKey): Promise<T>;
  list<T extends KubeObject = KubeObject>(kind: KindRef, options?: ListOptions): Promise<ListResult<T>>;
  create<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<T>;
  /** Replaces the object's spec and metadata; a stale resourceVersion fails with Conflict. */
  update<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<T>;
  /** RFC 7386 JSON merge patch. No resourceVersion check unless the patch carries one. */
  patch<T extends KubeObject = KubeObject>(kind: KindRef, key: ObjectKey, mergePatch: unknown, options?: WriteOptions): Promise<T>;
  /** The status subresource: only `status` changes; a stale resourceVersion fails with Conflict. */
  updateStatus<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<T>;
  /** Marks the object for deletion when it carries finalizers; removes it otherwise. */
  delete(kind: KindRef, key: ObjectKey, options?: DeleteOptions): Promise<void>;
  watch<T extends KubeObject = KubeObject>(kind: KindRef, options: ListOptions & { resourceVersion?: string }, callbacks: WatchCallbacks<T>): WatchHandle;
  /** Whether the cluster serves this kind; false means every call on it fails with NoKindMatch. */
  serves(kind: KindRef): Promise<boolean>;
}
