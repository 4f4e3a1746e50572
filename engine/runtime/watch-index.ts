// An index over the objects a watch has delivered, in the manner of controller-runtime's field
// indexers: each object is filed under the keys a function derives from it, so a map function can
// find "the objects that name this key" without listing the cluster. It only routes wake-ups: a
// reconciler still reads what it decides on from the API server. Entries can outlive their object
// when a DELETED event is lost with a closed watch; that costs a spurious wake-up, never a missed one.

import type { KubeObject } from '../api/meta.js';
import type { WatchEventType } from './client.js';
import type { Request } from './reconcile.js';

export class WatchIndex {
  private readonly keysById = new Map<string, readonly string[]>();
  private readonly idsByKey = new Map<string, Set<string>>();

  constructor(private readonly keysOf: (obj: KubeObject) => readonly string[]) {}

  /** The id under which an object is filed: `namespace/name`, or `name` when cluster-scoped. */
  static idOf(obj: KubeObject): string {
    return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name;
  }

  /** Files one watch event; returns the keys the object was filed under before it. */
  observe(obj: KubeObject, type: WatchEventType): readonly string[] {
    const id = WatchIndex.idOf(obj);
    const before = this.keysById.get(id) ?? [];
    for (const key of before) {
      const ids = this.idsByKey.get(key);
      if (ids?.delete(id) && ids.size === 0) this.idsByKey.delete(key);
    }
    if (type === 'DELETED') {
      this.keysById.delete(id);
      return before;
    }
    const keys = this.keysOf(obj);
    if (keys.length === 0) this.keysById.delete(id);
    else this.keysById.set(id, keys);
    for (const key of keys) {
      let ids = this.idsByKey.get(key);
      if (!ids) {
        ids = new Set();
        this.idsByKey.set(key, ids);
      }
      ids.add(id);
    }
    return before;
  }

  /** The ids of the objects filed under `key`, in filing order. */
  idsFor(key: string): string[] {
    const ids = this.idsByKey.get(key);
    return ids ? [...ids] : [];
  }

  /** The objects filed under `key`, as reconcile requests. */
  requestsFor(key: string): Request[] {
    return this.idsFor(key).map(requestOfId);
  }

  /** The keys the object with this id is filed under. */
  keysFor(id: string): readonly string[] {
    return this.keysById.get(id) ?? [];
  }
}

/** The request naming the object with this id. */
export function requestOfId(id: string): Request {
  const slash = id.indexOf('/');
  return slash < 0 ? { name: id } : { namespace: id.slice(0, slash), name: id.slice(slash + 1) };
}
