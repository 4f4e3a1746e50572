// The simulator's in-memory Kubernetes API server for one cluster: the kinds it serves, its objects,
// watches, garbage collector and namespace controller, plus the harness operations a scenario needs
// (outages, destroying the cluster, restoring a backup, dumping state). Clients are the only way in
// for reconcilers; everything else here is for the simulator itself.

import type { KindRef, KubeObject } from '../../engine/api/meta.js';
import type { KindSchema } from '../../engine/api/schema/types.js';
import { isAlreadyExists } from '../../engine/runtime/errors.js';
import type { Clock, Scheduler } from '../../engine/runtime/ports.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { defaultAdmission } from './default-admission.js';
import type { AdmissionFn } from './admission-glue.js';
import { AuditLog } from './audit.js';
import { SimClient, type SimClusterClient } from './client.js';
import { clone } from './json.js';
import { KindRegistry, isNamespaceKind, kindKeyOf } from './kind-registry.js';
import { ObjectTable } from './object-table.js';
import { unavailable } from './api-errors.js';
import { ApiVerbs, type RequestContext } from './verbs.js';
import { WatchHub } from './watch-hub.js';

export interface SimApiServerOptions {
  /** The cluster's name: `hub` or a managed cluster's name. Also seeds the uids it hands out. */
  name: string;
  clock: Clock;
  scheduler: Scheduler;
  trace: TraceSink;
  kinds: KindSchema[];
  /** Pruning, defaulting and validation; the schema admission of engine/api/schema by default. */
  admission?: AdmissionFn;
  /** How many recent changes a watch can resume across before it must re-list. Default 10000. */
  watchHistoryLimit?: number;
}

export interface RestoreResult {
  /** Objects created, in creation order, as stored. */
  created: KubeObject[];
  /** `kind namespace/name` of objects that already existed and were left alone, as Velero does. */
  skipped: string[];
  /** `kind namespace/name: message` of objects the server refused. */
  failed: string[];
}

const RESTORE_ACTOR = 'restore';

function describe(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  return `${obj.kind} ${ns ? `${ns}/` : ''}${obj.metadata?.name ?? ''}`;
}

export class SimApiServer {
  readonly name: string;
  private up = true;
  private readonly registry: KindRegistry;
  private readonly table = new ObjectTable();
  private readonly watches: WatchHub;
  private readonly audit: AuditLog;
  private readonly verbs: ApiVerbs;

  constructor(opts: SimApiServerOptions) {
    this.name = opts.name;
    this.registry = new KindRegistry(opts.kinds);
    this.watches = new WatchHub(opts.scheduler, opts.watchHistoryLimit ?? 10_000);
    this.audit = new AuditLog(opts.trace, opts.name);
    this.verbs = new ApiVerbs({
      serverName: opts.name,
      clock: opts.clock,
      scheduler: opts.scheduler,
      registry: this.registry,
      table: this.table,
      watches: this.watches,
      audit: this.audit,
      admission: opts.admission ?? defaultAdmission,
      isAvailable: () => this.up,
    });
  }

  get available(): boolean {
    return this.up;
  }

  /**
   * Takes the API server down or brings it back. While down every client call fails with
   * Unavailable, open watches are ended (watchers hear onClose), and GC and the namespace controller
   * pause. Stored state survives.
   */
  setAvailable(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    this.audit.availability(up);
    if (up) {
      this.verbs.gc.kick();
      this.verbs.namespaces.kick();
    } else {
      this.watches.closeAll(unavailable(this.name).message);
    }
  }

  /** A client whose writes are logged under `actor` (default `anonymous`). */
  client(opts?: { actor?: string }): SimClusterClient {
    return new SimClient(this.verbs, this.name, opts?.actor ?? 'anonymous');
  }

  /** Whether this server serves the kind; unlike the client's `serves`, it works during an outage. */
  serves(kind: KindRef): boolean {
    return this.registry.serves(kind);
  }

  schemaFor(kind: KindRef): KindSchema | undefined {
    return this.registry.serves(kind) ? this.registry.lookup(kind) : undefined;
  }

  kinds(): KindSchema[] {
    return this.registry.all();
  }

  /** Ends every open watch as a server restart or watch timeout would; watchers must re-list. */
  closeWatches(reason = 'watch closed by the server'): void {
    this.watches.closeAll(reason);
  }

  get openWatches(): number {
    return this.watches.openCount;
  }

  /** Every stored object as deep copies, sorted by apiVersion/kind, then namespace, then name. */
  /**
   * A synchronous observer's read, for invariants and scenario waits: no network, no actor, no trace,
   * and it works while the server is down (an observer sees the disks, not the API). The stored
   * object is returned as is; callers must treat it as read-only.
   */
  peek(apiVersion: string, kind: string, name: string, namespace?: string): Readonly<KubeObject> | undefined {
    return this.table.get(kindKeyOf({ apiVersion, kind }), namespace, name);
  }

  peekAll(apiVersion: string, kind: string, namespace?: string): readonly Readonly<KubeObject>[] {
    return this.table.list(kindKeyOf({ apiVersion, kind }), namespace);
  }

  dump(): KubeObject[] {
    return this.table.entries().map((e) => clone(e.object));
  }

  /**
   * Destroys the cluster's state: every object is gone at once, without watch events or GC, and open
   * watches are ended. The resourceVersion counter keeps counting, and no watch can resume from
   * before the wipe.
   */
  wipe(): void {
    const count = this.table.size;
    this.table.clear();
    this.verbs.gc.clear();
    this.verbs.namespaces.clear();
    this.watches.closeAll('cluster wiped');
    this.watches.forgetHistory(this.table.resourceVersion);
    this.audit.wipe(count);
  }

  /**
   * Re-creates objects from a backup, as a Velero restore does: each is created anew (new uid,
   * resourceVersion, creationTimestamp and generation; status, deletionTimestamp, generateName and
   * ownerReferences dropped, since the owners' uids no longer exist), with Namespaces first and
   * missing namespaces created on the way. Labels, annotations and finalizers are kept. Existing
   * objects are skipped. Unknown fields are pruned silently. The caller adds any restore labels it
   * wants before calling.
   */
  restore(objects: KubeObject[]): RestoreResult {
    const result: RestoreResult = { created: [], skipped: [], failed: [] };
    const ctx: RequestContext = { actor: RESTORE_ACTOR, fieldValidation: 'Ignore', dryRun: false };
    const isNs = (o: KubeObject): boolean => {
      const schema = this.schemaFor(o);
      return schema !== undefined && isNamespaceKind(schema);
    };
    const ordered = [...objects.filter(isNs), ...objects.filter((o) => !isNs(o))];
    for (const original of ordered) {
      const obj = clone(original);
      obj.metadata = { ...obj.metadata };
      for (const k of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'ownerReferences'] as const) delete obj.metadata[k];
      delete (obj.metadata as { generateName?: string }).generateName;
      delete obj.status;
      try {
        this.ensureNamespaceFor(obj, ctx);
        result.created.push(this.verbs.create(ctx, obj).object);
      } catch (err) {
        if (isAlreadyExists(err)) result.skipped.push(describe(obj));
        else result.failed.push(`${describe(obj)}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return result;
  }

  private ensureNamespaceFor(obj: KubeObject, ctx: RequestContext): void {
    const schema = this.schemaFor(obj);
    const ns = obj.metadata.namespace;
    if (!schema || schema.scope !== 'Namespaced' || !ns || !this.registry.namespaceKind()) return;
    if (this.verbs.namespaceObject(ns)) return;
    this.verbs.create(ctx, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
}
