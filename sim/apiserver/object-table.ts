// The server's storage: one table of objects per kind, a uid index for the garbage collector, and
// the resource-version counter. Stored objects are treated as immutable; a write replaces the entry.

import type { KubeObject } from '../../engine/api/meta.js';
import { compareStrings } from './json.js';

export interface StoredRef {
  kindKey: string;
  namespace: string | undefined;
  name: string;
}

const rowKey = (namespace: string | undefined, name: string): string => `${namespace ?? ''}\u0000${name}`;

export function compareByNamespaceName(a: KubeObject, b: KubeObject): number {
  return compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareStrings(a.metadata.name, b.metadata.name);
}

export class ObjectTable {
  private readonly tables = new Map<string, Map<string, KubeObject>>();
  private readonly byUid = new Map<string, StoredRef>();
  private rv = 0;

  /** The resource version of the latest write, as kube's list reports it. */
  get resourceVersion(): number {
    return this.rv;
  }

  /** Reserves the next resource version; each stored write gets its own. */
  nextResourceVersion(): string {
    this.rv += 1;
    return String(this.rv);
  }

  get(kindKey: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(kindKey)?.get(rowKey(namespace, name));
  }

  put(kindKey: string, obj: KubeObject): void {
    let table = this.tables.get(kindKey);
    if (!table) {
      table = new Map();
      this.tables.set(kindKey, table);
    }
    table.set(rowKey(obj.metadata.namespace, obj.metadata.name), obj);
    if (obj.metadata.uid) this.byUid.set(obj.metadata.uid, { kindKey, namespace: obj.metadata.namespace, name: obj.metadata.name });
  }

  remove(kindKey: string, obj: KubeObject): void {
    this.tables.get(kindKey)?.delete(rowKey(obj.metadata.namespace, obj.metadata.name));
    if (obj.metadata.uid) this.byUid.delete(obj.metadata.uid);
  }

  byUidLookup(uid: string): { kindKey: string; object: KubeObject } | undefined {
    const ref = this.byUid.get(uid);
    if (!ref) return undefined;
    const object = this.get(ref.kindKey, ref.namespace, ref.name);
    return object && { kindKey: ref.kindKey, object };
  }

  /** Objects of one kind, optionally in one namespace, sorted by namespace then name. Not copies. */
  list(kindKey: string, namespace?: string): KubeObject[] {
    const rows = [...(this.tables.get(kindKey)?.values() ?? [])];
    const selected = namespace === undefined ? rows : rows.filter((o) => o.metadata.namespace === namespace);
    return selected.sort(compareByNamespaceName);
  }

  /** Every stored object with its kind key, sorted by kind key, namespace and name. Not copies. */
  entries(): { kindKey: string; object: KubeObject }[] {
    const kindKeys = [...this.tables.keys()].sort(compareStrings);
    return kindKeys.flatMap((kindKey) => this.list(kindKey).map((object) => ({ kindKey, object })));
  }

  get size(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.size;
    return n;
  }

  /** Forgets every object. The resource-version counter keeps counting so that no version is ever reused. */
  clear(): void {
    this.tables.clear();
    this.byUid.clear();
  }
}
