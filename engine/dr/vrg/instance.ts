// The state of one VRG reconcile (Ramen's VRGInstance): the VRG as read and being edited in memory,
// the status snapshot taken at the start for change detection, the RamenConfig, the PVC lists, the
// per-reconcile caches and the accumulated result. Every step of the reconcile receives it.

import type { Condition } from '../../api/meta.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import type { ProtectedPvc, VolumeReplicationGroup, VrgStatus } from '../../api/ramen/vrg.js';
import type { ClusterClient } from '../../runtime/client.js';
import type { ObjectStore, ObjectStoreFactory } from '../../runtime/object-store.js';
import type { Clock } from '../../runtime/ports.js';
import { rfc3339 } from '../../runtime/ports.js';
import type { TraceSink } from '../../runtime/trace-sink.js';
import type { Pvc, StorageClass } from '../core-kinds.js';
import type { NewCondition } from './conditions.js';
import type { ReplicationClassLike } from './replication-class.js';

/** What survives across reconciles inside one operator process, and is lost when it restarts. */
export interface OperatorMemory {
  /** Ramen's vrgLastUploadVersion: the VRG resourceVersion last uploaded to S3, per namespace/name. */
  vrgLastUploadVersion: Map<string, string>;
  /** Events already reported (Ramen's ReportIfNotPresent), to emit each distinct one once. */
  reportedEvents: Set<string>;
  /** Ramen's recipeRetries: consecutive incomplete kube-object capture passes, per VRG. */
  recipeRetries: Map<string, number>;
}

export function newOperatorMemory(): OperatorMemory {
  return { vrgLastUploadVersion: new Map(), reportedEvents: new Set(), recipeRetries: new Map() };
}

export interface DrDeps {
  clusterName: string;
  client: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  objectStores: ObjectStoreFactory;
  operatorNamespace: string;
  memory: OperatorMemory;
}

export interface S3Accessor {
  profileName: string;
  store: ObjectStore;
}

export interface CachedStore {
  store?: ObjectStore;
  error?: string;
}

export class VrgInstance {
  readonly namespacedName: string;
  /** The status as read, for the "did anything change" test before the status write. */
  readonly savedStatus: VrgStatus;
  volRepPVCs: Pvc[] = [];
  volSyncPVCs: Pvc[] = [];
  requeueRequested = false;
  requeueAfterMs: number | undefined;
  replClassList: ReplicationClassLike[] = [];
  grpReplClassList: ReplicationClassLike[] = [];
  classListsLoaded = false;
  vgrServed = false;
  readonly storageClassCache = new Map<string, StorageClass>();
  readonly objectStorers = new Map<string, CachedStore>();
  s3Accessors: S3Accessor[] = [];
  /** The VRG-object sub-condition of ClusterDataProtected; undefined when no upload ran this pass. */
  vrgObjectProtected: NewCondition | undefined;
  /** The kube-object sub-condition of ClusterDataProtected; undefined when protection is disabled. */
  kubeObjectsProtected: NewCondition | undefined;
  /** Set by the VolSync secondary step when an unprotected VolSync PVC is still mounted. */
  volSyncWorkloadActive = false;
  /** `namespace/name` of VolSync PVCs whose ReplicationSource completed at least one sync. */
  readonly volSyncRsSynced = new Set<string>();

  constructor(
    readonly deps: DrDeps,
    public vrg: VolumeReplicationGroup & { status: VrgStatus },
    readonly ramenConfig: RamenConfig,
  ) {
    this.namespacedName = `${vrg.metadata.namespace}/${vrg.metadata.name}`;
    vrg.status.protectedPVCs ??= [];
    this.savedStatus = structuredClone(vrg.status);
  }

  get client(): ClusterClient {
    return this.deps.client;
  }

  get generation(): number {
    return this.vrg.metadata.generation ?? 0;
  }

  get status(): VrgStatus & { protectedPVCs: ProtectedPvc[]; conditions: Condition[] } {
    this.vrg.status.protectedPVCs ??= [];
    this.vrg.status.conditions ??= [];
    return this.vrg.status as VrgStatus & { protectedPVCs: ProtectedPvc[]; conditions: Condition[] };
  }

  get isPrimary(): boolean {
    return this.vrg.spec.replicationState === 'primary';
  }

  get isSecondary(): boolean {
    return this.vrg.spec.replicationState === 'secondary';
  }

  get isAsync(): boolean {
    return this.vrg.spec.async !== undefined && this.vrg.spec.async !== null;
  }

  get isSync(): boolean {
    return this.vrg.spec.sync !== undefined && this.vrg.spec.sync !== null;
  }

  get isDeleted(): boolean {
    return this.vrg.metadata.deletionTimestamp !== undefined;
  }

  get finalSyncInProgress(): boolean {
    return this.vrg.spec.prepareForFinalSync === true || this.vrg.spec.runFinalSync === true;
  }

  /** Ramen's s3KeyPrefix: `<namespace>/<name>/`. */
  get s3KeyPrefix(): string {
    return `${this.namespacedName}/`;
  }

  now(): string {
    return rfc3339(this.deps.clock.nowMs());
  }

  requeue(): void {
    this.requeueRequested = true;
  }

  findProtectedPvc(namespace: string, name: string): ProtectedPvc | undefined {
    return this.status.protectedPVCs.find((p) => p.namespace === namespace && p.name === name);
  }

  addProtectedPvc(namespace: string, name: string): ProtectedPvc {
    const entry: ProtectedPvc = { namespace, name };
    this.status.protectedPVCs.push(entry);
    return this.status.protectedPVCs[this.status.protectedPVCs.length - 1]!;
  }

  protectedPvcOrAdd(namespace: string, name: string): ProtectedPvc {
    return this.findProtectedPvc(namespace, name) ?? this.addProtectedPvc(namespace, name);
  }

  /** Removes an entry as Ramen does: the last entry takes its place, so order is not stable. */
  deleteProtectedPvc(namespace: string, name: string): void {
    const list = this.status.protectedPVCs;
    const i = list.findIndex((p) => p.namespace === namespace && p.name === name);
    if (i < 0) return;
    list[i] = list[list.length - 1]!;
    list.pop();
  }

  /** A Ramen event (Normal or Warning), reported once per distinct reason and message. */
  event(kind: 'Normal' | 'Warning', reason: string, message: string): void {
    const id = `${this.namespacedName}|${kind}|${reason}|${message}`;
    if (this.deps.memory.reportedEvents.has(id)) return;
    this.deps.memory.reportedEvents.add(id);
    this.deps.trace.emit({ type: 'dr.event', cluster: this.deps.clusterName, object: `VolumeReplicationGroup/${this.namespacedName}`, eventType: kind, reason, message });
  }

  log(message: string, fields: Record<string, string | number | boolean> = {}): void {
    this.deps.trace.emit({ type: 'dr.vrg.log', cluster: this.deps.clusterName, vrg: this.namespacedName, message, ...fields });
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
