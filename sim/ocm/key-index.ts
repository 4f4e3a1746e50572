// The keys of one kind a controller has seen through its watch, so events on other kinds (a cluster
// changed, a set was bound) can be fanned out to every object that may depend on them, as an
// informer-backed lister would let a map function do.

import type { KubeObject } from '../../engine/api/meta.js';
import type { Request } from '../../engine/runtime/reconcile.js';
import { compareStrings } from '../apiserver/json.js';

export class KeyIndex {
  private readonly keys = new Map<string, Request>();

  /** Records (or forgets, on DELETED) the object and returns its own request. */
  track(obj: KubeObject, type: 'ADDED' | 'MODIFIED' | 'DELETED'): Request {
    const request: Request = obj.metadata.namespace ? { namespace: obj.metadata.namespace, name: obj.metadata.name } : { name: obj.metadata.name };
    const id = `${request.namespace ?? ''}/${request.name}`;
    if (type === 'DELETED') this.keys.delete(id);
    else this.keys.set(id, request);
    return request;
  }

  all(): Request[] {
    return [...this.keys.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, r]) => r);
  }

  inNamespace(namespace: string): Request[] {
    return this.all().filter((r) => r.namespace === namespace);
  }
}
