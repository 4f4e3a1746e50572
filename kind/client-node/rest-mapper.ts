// Kind → resource mapping from the server's discovery documents, as client-go's REST mapper. A
// group/version the server does not serve (discovery 404), or a list without the kind, is
// NoKindMatch: exactly what a reconciler sees when a CRD is not installed.

import type { KindRef } from '../../engine/api/meta.js';
import { ApiError } from '../../engine/runtime/errors.js';
import { apiErrorFromResponse } from './status-errors.js';
import type { Transport } from './transport.js';

export interface ResourceMapping {
  /** `/api/v1` or `/apis/group/version`. */
  prefix: string;
  plural: string;
  namespaced: boolean;
  hasStatus: boolean;
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

interface CachedList {
  atMs: number;
  resources: ApiResource[] | undefined;
}

/** A miss re-reads discovery at most this often, so a CRD installed a moment ago is found. */
const MISS_REFRESH_MS = 1000;

export function pathPrefix(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

export class RestMapper {
  private readonly lists = new Map<string, CachedList>();

  constructor(private readonly transport: Transport) {}

  noKindMatch(ref: KindRef): ApiError {
    return new ApiError('NoKindMatch', `no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`);
  }

  async serves(ref: KindRef): Promise<boolean> {
    return (await this.lookup(ref)) !== undefined;
  }

  async mapping(ref: KindRef): Promise<ResourceMapping> {
    const m = await this.lookup(ref);
    if (!m) throw this.noKindMatch(ref);
    return m;
  }

  /** Forgets what discovery said, for example after a CRD was deleted. */
  invalidate(): void {
    this.lists.clear();
  }

  private async lookup(ref: KindRef): Promise<ResourceMapping | undefined> {
    let cached = this.lists.get(ref.apiVersion);
    let found = cached && find(cached, ref);
    if (!found && (!cached || Date.now() - cached.atMs >= MISS_REFRESH_MS)) {
      cached = await this.fetchList(ref.apiVersion);
      found = find(cached, ref);
    }
    if (!found || !cached?.resources) return undefined;
    return {
      prefix: pathPrefix(ref.apiVersion),
      plural: found.name,
      namespaced: found.namespaced,
      hasStatus: cached.resources.some((r) => r.name === `${found.name}/status`),
    };
  }

  private async fetchList(apiVersion: string): Promise<CachedList> {
    const res = await this.transport.request({ method: 'GET', path: pathPrefix(apiVersion) });
    let entry: CachedList;
    if (res.status === 404) entry = { atMs: Date.now(), resources: undefined };
    else if (res.status !== 200) throw apiErrorFromResponse(res.status, res.body);
    else entry = { atMs: Date.now(), resources: ((res.body as { resources?: ApiResource[] }).resources ?? []) };
    this.lists.set(apiVersion, entry);
    return entry;
  }
}

function find(list: CachedList, ref: KindRef): ApiResource | undefined {
  return list.resources?.find((r) => r.kind === ref.kind && !r.name.includes('/'));
}
