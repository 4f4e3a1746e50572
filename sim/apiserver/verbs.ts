// The verbs of the API server over one object table: create, update, status update, patch, delete,
// list, get and watch, with kube's rules for namespaces, preconditions, generations, finalizers and
// the status subresource. Everything here is synchronous; clients wrap it in promises. Each stored
// change is recorded for watches and written to the audit log.

import type { KindRef, KubeObject, ObjectKey, ObjectMeta, OwnerReference } from '../../engine/api/meta.js';
import type { KindSchema } from '../../engine/api/schema/types.js';
import type { DeleteOptions, FieldValidation, ListOptions, ListResult, WatchCallbacks, WatchHandle, WriteResult } from '../../engine/runtime/client.js';
import { ApiError } from '../../engine/runtime/errors.js';
import { rfc3339, type Clock, type Scheduler } from '../../engine/runtime/ports.js';
import type { AdmissionFn, AdmissionOptions } from './admission-glue.js';
import {
  alreadyExists,
  emptyNamespaceWithName,
  immortalNamespace,
  namespaceMismatch,
  namespaceTerminating,
  noStatusSubresource,
  notFound,
  staleResourceVersion,
  uidPreconditionFailed,
  unavailable,
} from './api-errors.js';
import type { AuditLog, WriteVerb } from './audit.js';
import { GarbageCollector, type GcHost } from './garbage-collector.js';
import { deterministicUid, generatedSuffix } from './identity.js';
import { clone, deepEqual, isPlainObject } from './json.js';
import { isNamespaceKind, kindKeyOf, storageKeyOf, type KindRegistry } from './kind-registry.js';
import { applyMergePatch } from './merge-patch.js';
import {
  carryServerOwnedMeta,
  desiredStateChanged,
  dropEmptyCollections,
  requireName,
} from './metadata-rules.js';
import { NamespaceLifecycle, type NamespaceHost } from './namespace-lifecycle.js';
import type { ObjectTable } from './object-table.js';
import { selectionFor } from './selectors.js';
import type { WatchHub } from './watch-hub.js';

/** Who is asking and how: one request's context. */
export interface RequestContext {
  actor: string;
  fieldValidation: FieldValidation;
  dryRun: boolean;
}

export interface VerbsDeps {
  serverName: string;
  clock: Clock;
  scheduler: Scheduler;
  registry: KindRegistry;
  table: ObjectTable;
  watches: WatchHub;
  audit: AuditLog;
  admission: AdmissionFn;
  isAvailable: () => boolean;
}

const GC_ACTOR = 'garbage-collector';
/** The namespaces kube's lifecycle admission never lets anyone delete. */
const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);
const NAMESPACE_ACTOR = 'namespace-controller';

// A schema was looked up by the ref's apiVersion and kind, so its storage key is the ref's: one string per schema.
const schemaKey = (schema: KindSchema, _ref: KindRef): string => storageKeyOf(schema);

export class ApiVerbs implements GcHost, NamespaceHost {
  readonly gc: GarbageCollector;
  readonly namespaces: NamespaceLifecycle;
  private uidCounter = 0;
  private nameCounter = 0;

  constructor(private readonly d: VerbsDeps) {
    this.gc = new GarbageCollector(this, d.scheduler, `api:${d.serverName}:gc`);
    this.namespaces = new NamespaceLifecycle(this, d.scheduler, `api:${d.serverName}:namespace-controller`);
  }

  get available(): boolean {
    return this.d.isAvailable();
  }

  // ---- reads ----

  get(ref: KindRef, key: ObjectKey): KubeObject {
    this.ensureAvailable();
    const schema = this.d.registry.lookup(ref);
    const namespace = this.namespaceOfKey(schema, key.namespace);
    const obj = this.d.table.get(schemaKey(schema, ref), namespace, key.name);
    if (!obj) throw notFound(schema, key.name);
    return clone(obj);
  }

  list(ref: KindRef, options: ListOptions | undefined): ListResult {
    this.ensureAvailable();
    const schema = this.d.registry.lookup(ref);
    const selection = selectionFor(schema, options);
    const items = this.d.table.select(schemaKey(schema, ref), selection).map((o) => clone(o));
    return { items, resourceVersion: String(this.d.table.resourceVersion) };
  }

  serves(ref: KindRef): boolean {
    this.ensureAvailable();
    return this.d.registry.serves(ref);
  }

  watch(actor: string, ref: KindRef, options: ListOptions & { resourceVersion?: string }, callbacks: WatchCallbacks): WatchHandle {
    const label = `api:${this.d.serverName}:watch:${actor}:${ref.kind}`;
    if (!this.available) return this.d.watches.openClosed(callbacks, label, unavailable(this.d.serverName).message);
    if (!this.d.registry.serves(ref)) return this.d.watches.openClosed(callbacks, label, `NoKindMatch: no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`);
    const schema = this.d.registry.lookup(ref);
    const kindKey = schemaKey(schema, ref);
    const selection = selectionFor(schema, options);
    const rv = options.resourceVersion;
    // As in kube, no version or "0" means: start from the current state, sent as ADDED events.
    let sinceRv: number | undefined;
    if (rv !== undefined && rv !== '' && rv !== '0') {
      sinceRv = Number(rv);
      if (!Number.isSafeInteger(sinceRv) || sinceRv < 0) return this.d.watches.openClosed(callbacks, label, `BadRequest: invalid resource version "${rv}"`);
    }
    const initial = sinceRv === undefined ? this.d.table.list(kindKey, selection.namespace) : [];
    return this.d.watches.open({ kindKey, selection, sinceRv, initial, callbacks, label });
  }

  // ---- writes ----

  create(ctx: RequestContext, input: KubeObject): WriteResult<KubeObject> {
    // engine/api/meta.ts does not declare generateName; the field is read here as kube defines it.
    const meta: Partial<ObjectMeta> & { generateName?: string } = input.metadata ?? {};
    return this.rejecting(ctx.actor, 'create', input.kind, meta.namespace, meta.name ?? meta.generateName, () => {
      this.ensureAvailable();
      const schema = this.d.registry.lookup(input);
      const kindKey = schemaKey(schema, input);
      const namespace = this.namespaceOfBody(schema, meta.namespace);
      // A real server fails this inside storage; reconcilers that copy objects must clear it.
      if (meta.resourceVersion) throw new ApiError('BadRequest', 'resourceVersion should not be set on objects to be created');
      const name = meta.name || this.generateName(kindKey, namespace, meta.generateName);
      requireName(schema, { name });
      // Kube's order: the namespace lifecycle check, then validation, then storage (AlreadyExists).
      this.checkNamespaceAccepts(schema, namespace, name);

      // One copy of the body (dropping keys that hold undefined, as a JSON round trip would); the
      // admission copies it again and the server stores that copy.
      const draft = clone(input);
      draft.metadata = { ...(draft.metadata ?? {}), name };
      this.placeIn(draft.metadata, namespace);
      for (const k of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp'] as const) delete draft.metadata[k];
      if (schema.statusSubresource) delete draft.status;

      const admitted = this.admit(schema, draft, undefined, { operation: 'create', fieldValidation: ctx.fieldValidation });
      if (this.d.table.get(kindKey, namespace, name)) throw alreadyExists(schema, name);
      const obj = admitted.object;
      obj.metadata.name = name;
      this.placeIn(obj.metadata, namespace);
      delete obj.metadata.deletionTimestamp;
      obj.metadata.uid = deterministicUid(this.d.serverName, ctx.dryRun ? this.uidCounter + 1 : ++this.uidCounter);
      obj.metadata.creationTimestamp = rfc3339(this.d.clock.nowMs());
      obj.metadata.generation = 1;
      if (isNamespaceKind(schema)) obj.status = { phase: 'Active' };
      dropEmptyCollections(obj.metadata);
      if (ctx.dryRun) {
        delete obj.metadata.resourceVersion;
        return { object: clone(obj), warnings: admitted.warnings };
      }
      obj.metadata.resourceVersion = this.d.table.nextResourceVersion();
      this.d.table.put(kindKey, obj);
      this.d.watches.record({ rv: Number(obj.metadata.resourceVersion), type: 'ADDED', kindKey, object: obj });
      this.d.audit.write(ctx.actor, 'create', schema, obj);
      if (obj.metadata.ownerReferences) this.gc.dependentWritten(obj);
      return { object: clone(obj), warnings: admitted.warnings };
    });
  }

  update(ctx: RequestContext, input: KubeObject): WriteResult<KubeObject> {
    return this.rejecting(ctx.actor, 'update', input.kind, input.metadata?.namespace, input.metadata?.name, () => {
      const { schema, old } = this.loadForWrite(input, input.metadata);
      const draft = clone(input);
      // The stored status goes in by reference: admission never modifies its input, and a result
      // that is not detached from it is copied before it is stored.
      if (schema.statusSubresource) this.setStatusShared(draft, old.status);
      return this.applyUpdate(ctx, schema, input, old, draft, 'update', 'update');
    });
  }

  updateStatus(ctx: RequestContext, input: KubeObject): WriteResult<KubeObject> {
    return this.rejecting(ctx.actor, 'status', input.kind, input.metadata?.namespace, input.metadata?.name, () => {
      this.ensureAvailable();
      if (!this.d.registry.lookup(input).statusSubresource) throw noStatusSubresource();
      const { schema, old } = this.loadForWrite(input, input.metadata);
      // Only status may change through the subresource; the rest is taken from storage. The draft
      // shares the stored object's fields (only its own metadata copy is written to before
      // admission, which never modifies its input) and the client's status with a copy that drops
      // keys holding undefined, as the full copy did.
      const draft: KubeObject = { ...old, metadata: { ...old.metadata } };
      this.setStatus(draft, input.status);
      return this.applyUpdate(ctx, schema, input, old, draft, 'status', 'status');
    });
  }

  patch(ctx: RequestContext, ref: KindRef, key: ObjectKey, mergePatch: unknown): WriteResult<KubeObject> {
    return this.rejecting(ctx.actor, 'patch', ref.kind, key.namespace, key.name, () => {
      this.ensureAvailable();
      if (!isPlainObject(mergePatch)) throw new ApiError('BadRequest', 'a merge patch must be a JSON object');
      const patchMeta = isPlainObject(mergePatch.metadata) ? mergePatch.metadata : {};
      const { schema, old } = this.loadForWrite(ref, {
        name: key.name,
        namespace: key.namespace,
        resourceVersion: typeof patchMeta.resourceVersion === 'string' ? patchMeta.resourceVersion : undefined,
        uid: typeof patchMeta.uid === 'string' ? patchMeta.uid : undefined,
      }, true);
      const draft = applyMergePatch(old, mergePatch) as KubeObject;
      if (!isPlainObject(draft.metadata)) draft.metadata = { name: old.metadata.name };
      draft.apiVersion = old.apiVersion;
      draft.kind = old.kind;
      if (schema.statusSubresource) this.setStatusShared(draft, old.status);
      return this.applyUpdate(ctx, schema, ref, old, draft, 'patch', 'update');
    });
  }

  delete(actor: string, ref: KindRef, key: ObjectKey, options: DeleteOptions | undefined): void {
    this.rejecting(actor, 'delete', ref.kind, key.namespace, key.name, () => {
      const { schema, old } = this.loadForWrite(ref, { name: key.name, namespace: key.namespace, resourceVersion: options?.resourceVersion }, true);
      if (isNamespaceKind(schema) && IMMORTAL_NAMESPACES.has(key.name)) throw immortalNamespace(key.name);
      if (options?.propagationPolicy === 'Orphan' && old.metadata.uid) this.gc.orphan({ uid: old.metadata.uid, namespace: old.metadata.namespace });
      this.markOrRemove(actor, schema, schemaKey(schema, ref), old);
    });
  }

  // ---- hosts for the garbage collector and the namespace controller ----

  dependentsOf(uid: string): KubeObject[] {
    return this.d.table.dependentsOf(uid);
  }

  lookupUid(uid: string): KubeObject | undefined {
    return this.d.table.byUidLookup(uid)?.object;
  }

  resolvable(ref: OwnerReference): boolean {
    return this.d.registry.serves(ref);
  }

  deleteDependent(dependent: KubeObject): void {
    this.deleteByUid(GC_ACTOR, dependent);
  }

  dropOwnerReferences(dependent: KubeObject, uids: ReadonlySet<string>): void {
    const found = dependent.metadata.uid ? this.d.table.byUidLookup(dependent.metadata.uid) : undefined;
    if (!found) return;
    const schema = this.d.registry.lookup(found.object);
    const next = clone(found.object);
    next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => !uids.has(r.uid));
    dropEmptyCollections(next.metadata);
    if (!deepEqual(next, found.object)) this.commitChange(GC_ACTOR, 'patch', schema, found.kindKey, found.object, next);
  }

  namespaceObject(name: string): KubeObject | undefined {
    const nsSchema = this.d.registry.namespaceKind();
    return nsSchema && this.d.table.get(kindKeyOf({ apiVersion: 'v1', kind: 'Namespace' }), undefined, name);
  }

  contentsOf(name: string): KubeObject[] {
    return this.d.table.inNamespace(name);
  }

  deleteContent(obj: KubeObject): void {
    this.deleteByUid(NAMESPACE_ACTOR, obj);
  }

  removeNamespace(ns: KubeObject): void {
    const schema = this.d.registry.lookup(ns);
    const removed = clone(ns);
    removed.metadata.resourceVersion = this.d.table.nextResourceVersion();
    this.removeStored(NAMESPACE_ACTOR, schema, kindKeyOf(ns), removed);
  }

  // ---- internals ----

  private ensureAvailable(): void {
    if (!this.available) throw unavailable(this.d.serverName);
  }

  /** Runs a write, logging a refusal to the audit trail before rethrowing it. */
  private rejecting<T>(actor: string, verb: WriteVerb, kind: string, ns: string | undefined, name: string | undefined, work: () => T): T {
    try {
      return work();
    } catch (err) {
      this.d.audit.reject(actor, verb, kind, ns, name, err);
      throw err;
    }
  }

  private admit(schema: KindSchema, obj: KubeObject, old: KubeObject | undefined, opts: AdmissionOptions): { object: KubeObject; warnings: string[] } {
    const result = this.d.admission(schema, obj, old, opts);
    // The admission function may hand back its input (or parts of it); a copy keeps the caller's
    // draft separate from storage, unless the result says it shares nothing with it.
    const object = result.detached === true ? result.object : clone(result.object);
    if (!isPlainObject(object.metadata)) object.metadata = clone(obj.metadata);
    return { object, warnings: [...result.warnings] };
  }

  /** A namespace from an object body: cleared for cluster-scoped kinds, required for namespaced ones. */
  private namespaceOfBody(schema: KindSchema, namespace: string | undefined): string | undefined {
    if (schema.scope === 'Cluster') return undefined;
    if (!namespace) throw namespaceMismatch();
    return namespace;
  }

  /** A namespace from a request key, as client-go refuses a named request without one. */
  private namespaceOfKey(schema: KindSchema, namespace: string | undefined): string | undefined {
    if (schema.scope === 'Cluster') return undefined;
    if (!namespace) throw emptyNamespaceWithName();
    return namespace;
  }

  private placeIn(meta: ObjectMeta, namespace: string | undefined): void {
    if (namespace === undefined) delete meta.namespace;
    else meta.namespace = namespace;
  }

  private setStatus(obj: KubeObject, status: unknown): void {
    if (status === undefined) delete obj.status;
    else obj.status = clone(status);
  }

  /** Like setStatus, for a stored status: stored objects are never modified, so no copy is needed. */
  private setStatusShared(obj: KubeObject, status: unknown): void {
    if (status === undefined) delete obj.status;
    else obj.status = status;
  }

  private generateName(kindKey: string, namespace: string | undefined, prefix: string | undefined): string {
    if (!prefix) return '';
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = prefix + generatedSuffix(this.d.serverName, ++this.nameCounter);
      if (!this.d.table.get(kindKey, namespace, name)) return name;
    }
    return prefix + generatedSuffix(this.d.serverName, ++this.nameCounter);
  }

  /** New content needs a live namespace, when this server serves Namespaces at all. */
  private checkNamespaceAccepts(schema: KindSchema, namespace: string | undefined, name: string): void {
    if (namespace === undefined) return;
    const nsSchema = this.d.registry.namespaceKind();
    if (!nsSchema) return;
    const ns = this.namespaceObject(namespace);
    if (!ns) throw notFound(nsSchema, namespace);
    if (ns.metadata.deletionTimestamp) throw namespaceTerminating(schema, name, namespace);
  }

  /** Looks up the stored object a write targets and checks its resourceVersion and uid preconditions. */
  private loadForWrite(
    ref: KindRef,
    meta: Partial<Pick<ObjectMeta, 'name' | 'namespace' | 'resourceVersion' | 'uid'>> | undefined,
    fromKey = false,
  ): { schema: KindSchema; old: KubeObject } {
    this.ensureAvailable();
    const schema = this.d.registry.lookup(ref);
    const namespace = fromKey ? this.namespaceOfKey(schema, meta?.namespace) : this.namespaceOfBody(schema, meta?.namespace);
    const name = meta?.name ?? '';
    requireName(schema, { name });
    const old = this.d.table.get(schemaKey(schema, ref), namespace, name);
    if (!old) throw notFound(schema, name);
    if (meta?.resourceVersion && meta.resourceVersion !== old.metadata.resourceVersion) throw staleResourceVersion(schema, name);
    if (meta?.uid && old.metadata.uid && meta.uid !== old.metadata.uid) throw uidPreconditionFailed(schema, name, meta.uid, old.metadata.uid);
    return { schema, old };
  }

  /** The shared tail of update, status and patch: admission, generation, no-op detection, commit. */
  private applyUpdate(
    ctx: RequestContext,
    schema: KindSchema,
    ref: KindRef,
    old: KubeObject,
    draft: KubeObject,
    verb: WriteVerb,
    operation: AdmissionOptions['operation'],
  ): WriteResult<KubeObject> {
    if (!isPlainObject(draft.metadata)) draft.metadata = { name: old.metadata.name };
    carryServerOwnedMeta(old.metadata, draft.metadata);
    const admitted = this.admit(schema, draft, old, { operation, fieldValidation: ctx.fieldValidation });
    const next = admitted.object;
    carryServerOwnedMeta(old.metadata, next.metadata);
    dropEmptyCollections(next.metadata);
    if (desiredStateChanged(schema, old, next)) next.metadata.generation = (old.metadata.generation ?? 0) + 1;
    if (deepEqual(old, next)) {
      // Kube stores nothing and keeps the resourceVersion when an update changes nothing.
      if (!ctx.dryRun) this.d.audit.write(ctx.actor, verb, schema, old, true);
      return { object: clone(old), warnings: admitted.warnings };
    }
    if (ctx.dryRun) return { object: clone(next), warnings: admitted.warnings };
    const stored = this.commitChange(ctx.actor, verb, schema, schemaKey(schema, ref), old, next);
    return { object: clone(stored), warnings: admitted.warnings };
  }

  /**
   * Stores a changed object under a new resourceVersion. An object being deleted whose last finalizer
   * is gone leaves storage in the same step: watchers see only DELETED, as with kube.
   */
  private commitChange(actor: string, verb: WriteVerb, schema: KindSchema, kindKey: string, old: KubeObject, next: KubeObject, mayRemove = true): KubeObject {
    next.metadata.resourceVersion = this.d.table.nextResourceVersion();
    if (mayRemove && next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0 && this.removable(schema, next)) {
      this.d.audit.write(actor, verb, schema, next);
      // Kube never stores the emptied finalizer list: it deletes the last stored state. Watchers get
      // that state (finalizers included) under the deletion's resourceVersion; the writer gets its
      // own update back under the last stored version (test/conformance pins both).
      const last = clone(old);
      last.metadata.resourceVersion = next.metadata.resourceVersion;
      this.removeStored(actor, schema, kindKey, last);
      return { ...next, metadata: { ...next.metadata, resourceVersion: old.metadata.resourceVersion } };
    }
    this.d.table.put(kindKey, next);
    // Audited once stored, so an observer reading the object at the trace event sees this write.
    this.d.audit.write(actor, verb, schema, next);
    this.d.watches.record({ rv: Number(next.metadata.resourceVersion), type: 'MODIFIED', kindKey, object: next, previous: old });
    if (next.metadata.ownerReferences) this.gc.dependentWritten(next);
    return next;
  }

  /** A Namespace additionally waits for its content to be gone. */
  private removable(schema: KindSchema, obj: KubeObject): boolean {
    return !isNamespaceKind(schema) || this.contentsOf(obj.metadata.name).length === 0;
  }

  /** Takes an object (already carrying its final resourceVersion) out of storage, then wakes GC. */
  private removeStored(actor: string, schema: KindSchema, kindKey: string, obj: KubeObject): void {
    this.d.table.remove(kindKey, obj);
    this.d.watches.record({ rv: Number(obj.metadata.resourceVersion), type: 'DELETED', kindKey, object: obj });
    this.d.audit.write(actor, 'remove', schema, obj);
    if (obj.metadata.uid) this.gc.ownerRemoved({ uid: obj.metadata.uid, namespace: obj.metadata.namespace });
    const ns = obj.metadata.namespace;
    if (ns !== undefined && this.namespaceObject(ns)?.metadata.deletionTimestamp) this.namespaces.sweepSoon(ns);
  }

  private deleteByUid(actor: string, obj: KubeObject): void {
    const found = obj.metadata.uid ? this.d.table.byUidLookup(obj.metadata.uid) : undefined;
    if (!found) return;
    this.markOrRemove(actor, this.d.registry.lookup(found.object), found.kindKey, found.object);
  }

  /**
   * Deletes a stored object with background propagation: marks it when finalizers hold it (a
   * Namespace is always marked first and emptied by its controller), removes it otherwise, and does
   * nothing when it is already being deleted.
   */
  private markOrRemove(actor: string, schema: KindSchema, kindKey: string, old: KubeObject): void {
    if (old.metadata.deletionTimestamp) {
      this.d.audit.write(actor, 'delete', schema, old, true);
      return;
    }
    const namespaceKind = isNamespaceKind(schema);
    if ((old.metadata.finalizers ?? []).length > 0 || namespaceKind) {
      const next = clone(old);
      next.metadata.deletionTimestamp = rfc3339(this.d.clock.nowMs());
      next.metadata.generation = (old.metadata.generation ?? 0) + 1;
      if (namespaceKind) next.status = { ...(isPlainObject(old.status) ? old.status : {}), phase: 'Terminating' };
      this.commitChange(actor, 'delete', schema, kindKey, old, next, false);
      if (namespaceKind) this.namespaces.sweepSoon(old.metadata.name);
      return;
    }
    const removed = clone(old);
    removed.metadata.resourceVersion = this.d.table.nextResourceVersion();
    this.d.audit.write(actor, 'delete', schema, removed);
    this.removeStored(actor, schema, kindKey, removed);
  }
}
