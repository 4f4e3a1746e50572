// A ClusterClient over a real kube-apiserver: requests made with @kubernetes/client-node's
// KubeConfig (auth, TLS) and Watch, answers and errors shaped exactly as the simulator's client
// gives them, so every reconciler runs unchanged against either.
//
// Like the simulator's client, the *WithWarnings variants return the server's warnings (unknown
// fields under fieldValidation Warn, say) and `lastWarnings` holds those of the latest write.

import { KubeConfig } from '@kubernetes/client-node';
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
import { ApiError } from '../../engine/runtime/errors.js';
import { selectorString } from './label-selector.js';
import { RestMapper, type ResourceMapping } from './rest-mapper.js';
import { apiErrorFromResponse } from './status-errors.js';
import { Transport, type HttpResponse, type RequestSpec } from './transport.js';
import { openWatch } from './watch.js';

export interface KubeClientOptions {
  /** The cluster's name for logs and error messages: `hub`, `dr1`, ... */
  clusterName: string;
  /** A kubeconfig file, or an already loaded KubeConfig. */
  kubeconfig: string | KubeConfig;
  /** Per-request timeout in ms (default 30 s); a slower answer fails with Unavailable. */
  timeoutMs?: number;
}

export function loadKubeConfig(source: string | KubeConfig): KubeConfig {
  if (typeof source !== 'string') return source;
  const kc = new KubeConfig();
  kc.loadFromFile(source);
  return kc;
}

/** Server-owned noise the simulator does not keep: dropping it makes objects compare across backends. */
function normalize<T extends KubeObject>(obj: T, ref?: KindRef): T {
  if (ref) {
    obj.apiVersion ??= ref.apiVersion;
    obj.kind ??= ref.kind;
  }
  if (obj.metadata) delete (obj.metadata as { managedFields?: unknown }).managedFields;
  return obj;
}

function writeQuery(options: WriteOptions | undefined): Record<string, string | undefined> {
  return { fieldValidation: options?.fieldValidation, dryRun: options?.dryRun ? 'All' : undefined };
}

export class KubeClusterClient implements ClusterClient {
  readonly clusterName: string;
  readonly kubeConfig: KubeConfig;
  private readonly transport: Transport;
  private readonly mapper: RestMapper;
  private warnings: readonly string[] = [];

  constructor(options: KubeClientOptions) {
    this.clusterName = options.clusterName;
    this.kubeConfig = loadKubeConfig(options.kubeconfig);
    this.transport = new Transport(this.kubeConfig, options.clusterName, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs });
    this.mapper = new RestMapper(this.transport);
  }

  get lastWarnings(): readonly string[] {
    return this.warnings;
  }

  /** The server's URL, for logs. */
  get server(): string {
    return this.transport.server;
  }

  async get<T extends KubeObject = KubeObject>(kind: KindRef, key: ObjectKey): Promise<T> {
    const m = await this.mapper.mapping(kind);
    const res = await this.call({ method: 'GET', path: this.objectPath(m, key.namespace, key.name, true) });
    return normalize(res.body as T, kind);
  }

  async list<T extends KubeObject = KubeObject>(kind: KindRef, options?: ListOptions): Promise<ListResult<T>> {
    const m = await this.mapper.mapping(kind);
    const res = await this.call({
      method: 'GET',
      path: this.collectionPath(m, options?.namespace),
      query: { labelSelector: selectorString(options?.labelSelector) },
    });
    const body = res.body as { items?: T[]; metadata?: { resourceVersion?: string } };
    return { items: (body.items ?? []).map((o) => normalize(o, kind)), resourceVersion: body.metadata?.resourceVersion ?? '' };
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
    const m = await this.mapper.mapping(obj);
    const ns = this.namespaceOfBody(m, obj.metadata?.namespace);
    return this.write<T>(obj, { method: 'POST', path: this.collectionPath(m, ns), query: writeQuery(options), body: obj });
  }

  async updateWithWarnings<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<WriteResult<T>> {
    const m = await this.mapper.mapping(obj);
    const ns = this.namespaceOfBody(m, obj.metadata?.namespace);
    return this.write<T>(obj, { method: 'PUT', path: this.objectPath(m, ns, obj.metadata?.name ?? '', false), query: writeQuery(options), body: obj });
  }

  async updateStatusWithWarnings<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<WriteResult<T>> {
    const m = await this.mapper.mapping(obj);
    const ns = this.namespaceOfBody(m, obj.metadata?.namespace);
    return this.write<T>(obj, { method: 'PUT', path: `${this.objectPath(m, ns, obj.metadata?.name ?? '', false)}/status`, query: writeQuery(options), body: obj });
  }

  async patchWithWarnings<T extends KubeObject = KubeObject>(kind: KindRef, key: ObjectKey, mergePatch: unknown, options?: WriteOptions): Promise<WriteResult<T>> {
    const m = await this.mapper.mapping(kind);
    return this.write<T>(kind, {
      method: 'PATCH',
      path: this.objectPath(m, key.namespace, key.name, true),
      query: writeQuery(options),
      body: mergePatch,
      contentType: 'application/merge-patch+json',
    });
  }

  async delete(kind: KindRef, key: ObjectKey, options?: DeleteOptions): Promise<void> {
    const m = await this.mapper.mapping(kind);
    // Background is the simulator's default and what controller-runtime's callers mean by default.
    const body: Record<string, unknown> = { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: options?.propagationPolicy ?? 'Background' };
    if (options?.resourceVersion) body.preconditions = { resourceVersion: options.resourceVersion };
    await this.call({ method: 'DELETE', path: this.objectPath(m, key.namespace, key.name, true), body });
  }

  watch<T extends KubeObject = KubeObject>(kind: KindRef, options: ListOptions & { resourceVersion?: string }, callbacks: WatchCallbacks<T>): WatchHandle {
    return openWatch<T>({
      kubeConfig: this.kubeConfig,
      clusterName: this.clusterName,
      path: async () => this.collectionPath(await this.mapper.mapping(kind), options.namespace),
      query: {
        labelSelector: selectorString(options.labelSelector),
        resourceVersion: options.resourceVersion === '' ? undefined : options.resourceVersion,
      },
      normalize: (o) => normalize(o, kind),
      callbacks,
    });
  }

  async serves(kind: KindRef): Promise<boolean> {
    return this.mapper.serves(kind);
  }

  /** Drops cached discovery, for callers that installed or removed CRDs. */
  forgetDiscovery(): void {
    this.mapper.invalidate();
  }

  close(): void {
    this.transport.close();
  }

  private async write<T extends KubeObject>(ref: KindRef, spec: RequestSpec): Promise<WriteResult<T>> {
    this.warnings = [];
    const res = await this.call(spec);
    this.warnings = res.warnings;
    return { object: normalize(res.body as T, ref), warnings: [...res.warnings] };
  }

  private async call(spec: RequestSpec): Promise<HttpResponse> {
    const res = await this.transport.request(spec);
    if (res.status >= 200 && res.status < 300) return res;
    throw apiErrorFromResponse(res.status, res.body);
  }

  /** As the simulator: the namespace of a body is cleared for cluster-scoped kinds, required otherwise. */
  private namespaceOfBody(m: ResourceMapping, namespace: string | undefined): string | undefined {
    if (!m.namespaced) return undefined;
    if (!namespace) throw new ApiError('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    return namespace;
  }

  private collectionPath(m: ResourceMapping, namespace: string | undefined): string {
    return m.namespaced && namespace ? `${m.prefix}/namespaces/${encodeURIComponent(namespace)}/${m.plural}` : `${m.prefix}/${m.plural}`;
  }

  private objectPath(m: ResourceMapping, namespace: string | undefined, name: string, fromKey: boolean): string {
    // client-go refuses a named request on a namespaced kind without a namespace.
    if (m.namespaced && !namespace && fromKey) throw new ApiError('BadRequest', 'an empty namespace may not be set when a resource name is provided');
    if (!name) throw new ApiError('BadRequest', 'resource name may not be empty');
    return `${this.collectionPath(m, m.namespaced ? namespace : undefined)}/${encodeURIComponent(name)}`;
  }
}
