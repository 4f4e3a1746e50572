// The ClusterClient of the simulator: what reconcilers receive. Every call is answered at once by
// the server (network delay, if any, is modelled by whoever routes the call), and settles as a
// promise so that code written for a real API server runs unchanged. Each client names its actor,
// which the server writes into the audit trail.
//
// Beyond ClusterClient, the *WithWarnings variants return the admission warnings (for example the
// unknown fields pruned under fieldValidation Warn), and `lastWarnings` holds those of the latest
// write made through this client, for callers that only hold a ClusterClient-shaped reference.

import type { KindRef, KubeObject, ObjectKey } from '../../engine/api/meta.js';
import type {
  ClusterClient,
  DeleteOptions,
  ListOptions,
  ListResult,
  WatchCallbacks,
  WatchHandle,
  WriteOptions,
  WriteResult,
} from '../../engine/runtime/client.js';
import { DEFAULT_FIELD_VALIDATION } from './admission-glue.js';
import type { ApiVerbs, RequestContext } from './verbs.js';

export interface SimClusterClient extends ClusterClient {
  /** The name this client's writes carry in the audit trail, for example `vrg-controller`. */
  readonly actor: string;
  /** The warnings of this client's latest create, update, patch or status write; empty after a refusal. */
  readonly lastWarnings: readonly string[];
  createWithWarnings<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<WriteResult<T>>;
  updateWithWarnings<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<WriteResult<T>>;
  updateStatusWithWarnings<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<WriteResult<T>>;
  patchWithWarnings<T extends KubeObject = KubeObject>(kind: KindRef, key: ObjectKey, mergePatch: unknown, options?: WriteOptions): Promise<WriteResult<T>>;
}

export class SimClient implements SimClusterClient {
  private warnings: readonly string[] = [];

  constructor(
    private readonly verbs: ApiVerbs,
    readonly clusterName: string,
    readonly actor: string,
  ) {}

  get lastWarnings(): readonly string[] {
    return this.warnings;
  }

  async get<T extends KubeObject = KubeObject>(kind: KindRef, key: ObjectKey): Promise<T> {
    return this.verbs.get(kind, key) as T;
  }

  async list<T extends KubeObject = KubeObject>(kind: KindRef, options?: ListOptions): Promise<ListResult<T>> {
    return this.verbs.list(kind, options) as ListResult<T>;
  }

  async create<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<T> {
    return (await this.createWithWarnings(obj, options)).object;
  }

  async update<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<T> {
    return (await this.updateWithWarnings(obj, options)).object;
  }

  async patch<T extends KubeObject = KubeObject>(kind: KindRef, key: ObjectKey, mergePatch: unknown, options?: WriteOptions): Promise<T> {
    return (await this.patchWithWarnings<T>(kind, key, mergePatch, options)).object;
  }

  async updateStatus<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<T> {
    return (await this.updateStatusWithWarnings(obj, options)).object;
  }

  async createWithWarnings<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<WriteResult<T>> {
    return this.written(() => this.verbs.create(this.context(options), obj)) as WriteResult<T>;
  }

  async updateWithWarnings<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<WriteResult<T>> {
    return this.written(() => this.verbs.update(this.context(options), obj)) as WriteResult<T>;
  }

  async updateStatusWithWarnings<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<WriteResult<T>> {
    return this.written(() => this.verbs.updateStatus(this.context(options), obj)) as WriteResult<T>;
  }

  async patchWithWarnings<T extends KubeObject = KubeObject>(kind: KindRef, key: ObjectKey, mergePatch: unknown, options?: WriteOptions): Promise<WriteResult<T>> {
    return this.written(() => this.verbs.patch(this.context(options), kind, key, mergePatch)) as WriteResult<T>;
  }

  async delete(kind: KindRef, key: ObjectKey, options?: DeleteOptions): Promise<void> {
    this.verbs.delete(this.actor, kind, key, options);
  }

  watch<T extends KubeObject = KubeObject>(kind: KindRef, options: ListOptions & { resourceVersion?: string }, callbacks: WatchCallbacks<T>): WatchHandle {
    return this.verbs.watch(this.actor, kind, options, callbacks as unknown as WatchCallbacks);
  }

  async serves(kind: KindRef): Promise<boolean> {
    return this.verbs.serves(kind);
  }

  private context(options: WriteOptions | undefined): RequestContext {
    return { actor: this.actor, fieldValidation: options?.fieldValidation ?? DEFAULT_FIELD_VALIDATION, dryRun: options?.dryRun ?? false };
  }

  private written(work: () => WriteResult<KubeObject>): WriteResult<KubeObject> {
    this.warnings = [];
    const result = work();
    this.warnings = result.warnings;
    return result;
  }
}
