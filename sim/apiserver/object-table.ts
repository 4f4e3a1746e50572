// The server's storage: one table of objects per kind, a uid index for the garbage collector, and
// the resource-version counter. Stored objects are treated as immutable; a write replaces the entry.
//
// Each kind's table is bucketed by namespace, so a namespaced list reads only its namespace, and the
// sorted order of namespaces and names is kept between writes (it changes only when an object is
// added or removed, not when one is updated). An owner index answers "which objects name this uid
// as an owner" without scanning the store, for the garbage collector. A label index per kind lets a
// list with matchLabels read only the objects carrying one of its pairs.

import type { KubeObject } from '../../engine/api/meta.js';
import { compareStrings } from './json.js';
import { LabelIndex } from './label-index.js';
import { selects, type Selection } from './selectors.js';

export interface StoredRef {
  kindKey: string;
  namespace: string | undefined;
  name: string;
}

export function compareByNamespaceName(a: KubeObject, b: KubeObject): number {
  return compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareStrings(a.metadata.name, b.metadata.name);
}

/** The objects of one namespace (undefined: cluster-scoped) of one kind, with their names in order once asked. */
interface Bucket {
  rows: Map<string, KubeObject>;
  sortedNames: string[] | undefined;
}

class KindTable {
  readonly buckets = new Map<string | undefined, Bucket>();
  private readonly labels = new LabelIndex();
  private sortedNamespaces: (string | undefined)[] | undefined;
  size = 0;

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.buckets.get(namespace)?.rows.get(name);
  }

  /** Stores `obj`; returns the object it replaced. */
  put(obj: KubeObject): KubeObject | undefined {
    const ns = obj.metadata.namespace;
    let bucket = this.buckets.get(ns);
    if (!bucket) {
      bucket = { rows: new Map(), sortedNames: undefined };
      this.buckets.set(ns, bucket);
      this.sortedNamespaces = undefined;
    }
    const previous = bucket.rows.get(obj.metadata.name);
    bucket.rows.set(obj.metadata.name, obj);
    this.labels.update(previous, obj);
    if (!previous) {
      bucket.sortedNames = undefined;
      this.size++;
    }
    return previous;
  }

  remove(namespace: string | undefined, name: string): KubeObject | undefined {
    const bucket = this.buckets.get(namespace);
    const previous = bucket?.rows.get(name);
    if (!bucket || !previous) return undefined;
    bucket.rows.delete(name);
    this.labels.update(previous, undefined);
    bucket.sortedNames = undefined;
    this.size--;
    if (bucket.rows.size === 0) {
      this.buckets.delete(namespace);
      this.sortedNamespaces = undefined;
    }
    return previous;
  }

  /** Objects sorted by namespace (cluster-scoped ones as the empty namespace) then name. */
  list(namespace?: string): KubeObject[] {
    if (namespace !== undefined) {
      const bucket = this.buckets.get(namespace);
      return bucket ? this.rowsOf(bucket) : [];
    }
    if (this.sortedNamespaces === undefined) {
      this.sortedNamespaces = [...this.buckets.keys()].sort((a, b) => compareStrings(a ?? '', b ?? ''));
    }
    const out: KubeObject[] = [];
    for (const ns of this.sortedNamespaces) {
      const bucket = this.buckets.get(ns)!;
      for (const name of this.namesOf(bucket)) out.push(bucket.rows.get(name)!);
    }
    return out;
  }

  /** The objects `selection` selects, in the order of `list`. */
  select(selection: Selection): KubeObject[] {
    const narrow = this.labels.narrowest(selection.labelSelector);
    const scanned = selection.namespace === undefined ? this.size : (this.buckets.get(selection.namespace)?.rows.size ?? 0);
    // Sorting the few objects a label picks out beats reading the whole kind; when the label is as
    // common as the kind, the scan's names are already in order.
    if (narrow === undefined || narrow.size >= scanned) return this.list(selection.namespace).filter((o) => selects(selection, o));
    const out: KubeObject[] = [];
    for (const o of narrow.values()) if (selects(selection, o)) out.push(o);
    return out.sort(compareByNamespaceName);
  }

  private namesOf(bucket: Bucket): string[] {
    if (bucket.sortedNames === undefined) bucket.sortedNames = [...bucket.rows.keys()].sort(compareStrings);
    return bucket.sortedNames;
  }

  private rowsOf(bucket: Bucket): KubeObject[] {
    const names = this.namesOf(bucket);
    const out = new Array<KubeObject>(names.length);
    for (let i = 0; i < names.length; i++) out[i] = bucket.rows.get(names[i]!)!;
    return out;
  }
}

export class ObjectTable {
  private readonly tables = new Map<string, KindTable>();
  private sortedKindKeys: string[] | undefined;
  private readonly byUid = new Map<string, StoredRef>();
  /** Owner uid -> uids of the stored objects whose ownerReferences name it. */
  private readonly byOwner = new Map<string, Set<string>>();
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
    return this.tables.get(kindKey)?.get(namespace, name);
  }

  put(kindKey: string, obj: KubeObject): void {
    let table = this.tables.get(kindKey);
    if (!table) {
      table = new KindTable();
      this.tables.set(kindKey, table);
      this.sortedKindKeys = undefined;
    }
    const previous = table.put(obj);
    if (previous) this.unindex(previous);
    if (obj.metadata.uid) this.byUid.set(obj.metadata.uid, { kindKey, namespace: obj.metadata.namespace, name: obj.metadata.name });
    this.indexOwners(obj);
  }

  remove(kindKey: string, obj: KubeObject): void {
    const previous = this.tables.get(kindKey)?.remove(obj.metadata.namespace, obj.metadata.name);
    if (previous) this.unindex(previous);
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
    return this.tables.get(kindKey)?.list(namespace) ?? [];
  }

  /** The objects of one kind a list's namespace and label selector select, in the order of `list`. Not copies. */
  select(kindKey: string, selection: Selection): KubeObject[] {
    return this.tables.get(kindKey)?.select(selection) ?? [];
  }

  /** Every stored object with its kind key, sorted by kind key, namespace and name. Not copies. */
  entries(): { kindKey: string; object: KubeObject }[] {
    return this.kindKeys().flatMap((kindKey) => this.list(kindKey).map((object) => ({ kindKey, object })));
  }

  /** The objects of every kind in one namespace, in the order of `entries()`. Not copies. */
  inNamespace(namespace: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const kindKey of this.kindKeys()) out.push(...this.tables.get(kindKey)!.list(namespace));
    return out;
  }

  /** The objects whose ownerReferences name `ownerUid`, in the order of `entries()`. Not copies. */
  dependentsOf(ownerUid: string): KubeObject[] {
    const uids = this.byOwner.get(ownerUid);
    if (!uids) return [];
    const found: { kindKey: string; object: KubeObject }[] = [];
    for (const uid of uids) {
      const hit = this.byUidLookup(uid);
      if (hit) found.push(hit);
    }
    return found.sort((a, b) => compareStrings(a.kindKey, b.kindKey) || compareByNamespaceName(a.object, b.object)).map((e) => e.object);
  }

  get size(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.size;
    return n;
  }

  /** Forgets every object. The resource-version counter keeps counting so that no version is ever reused. */
  clear(): void {
    this.tables.clear();
    this.sortedKindKeys = undefined;
    this.byUid.clear();
    this.byOwner.clear();
  }

  private kindKeys(): string[] {
    if (this.sortedKindKeys === undefined) this.sortedKindKeys = [...this.tables.keys()].sort(compareStrings);
    return this.sortedKindKeys;
  }

  private indexOwners(obj: KubeObject): void {
    const uid = obj.metadata.uid;
    if (!uid) return;
    for (const ref of obj.metadata.ownerReferences ?? []) {
      let set = this.byOwner.get(ref.uid);
      if (!set) {
        set = new Set();
        this.byOwner.set(ref.uid, set);
      }
      set.add(uid);
    }
  }

  private unindex(obj: KubeObject): void {
    const uid = obj.metadata.uid;
    if (!uid) return;
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const set = this.byOwner.get(ref.uid);
      if (!set) continue;
      set.delete(uid);
      if (set.size === 0) this.byOwner.delete(ref.uid);
    }
  }
}
