// The garbage collector of one cluster. When an owner leaves storage, its dependents (objects whose
// ownerReferences carry its uid) are deleted with background propagation, one owner per scheduler
// event, so that the cascade unfolds as separate steps in the trace. A dependent that still has
// another live owner only loses the dangling reference. Like kube, a namespaced owner only owns
// dependents in its own namespace; a reference across namespaces is never followed.
//
// The collector is part of the control plane: while the API server is down it makes no progress,
// and it resumes when kicked after the server comes back.

import type { KubeObject } from '../../engine/api/meta.js';
import type { Scheduler } from '../../engine/runtime/ports.js';

export interface RemovedOwner {
  uid: string;
  /** Undefined for a cluster-scoped owner, which may own objects in any namespace. */
  namespace: string | undefined;
}

export interface GcHost {
  readonly available: boolean;
  /** Every stored object, in a deterministic order. */
  allObjects(): KubeObject[];
  lookupUid(uid: string): KubeObject | undefined;
  /** Deletes a dependent as a client would with background propagation (finalizers respected). */
  deleteDependent(dependent: KubeObject): void;
  /** Rewrites a dependent without the ownerReferences to these uids. */
  dropOwnerReferences(dependent: KubeObject, uids: ReadonlySet<string>): void;
}

/** Whether `owner` may own `dependent` under kube's scoping rule. */
function inScope(owner: RemovedOwner, dependent: KubeObject): boolean {
  return owner.namespace === undefined || dependent.metadata.namespace === owner.namespace;
}

export class GarbageCollector {
  private pending: RemovedOwner[] = [];
  private scheduled = false;

  constructor(
    private readonly host: GcHost,
    private readonly scheduler: Scheduler,
    private readonly label: string,
  ) {}

  get backlog(): number {
    return this.pending.length;
  }

  ownerRemoved(owner: RemovedOwner): void {
    this.pending.push(owner);
    this.kick();
  }

  /** Removes the references to `owner` from its dependents right away: the Orphan propagation policy. */
  orphan(owner: RemovedOwner): void {
    for (const dependent of this.dependentsOf(owner)) this.host.dropOwnerReferences(dependent, new Set([owner.uid]));
  }

  /** Schedules the next step if there is work; called again when the server comes back. */
  kick(): void {
    if (this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    this.scheduler.after(0, this.label, () => {
      this.scheduled = false;
      if (!this.host.available) return;
      const owner = this.pending.shift();
      if (owner) this.collect(owner);
      this.kick();
    });
  }

  /** Forgets pending work, for a wiped cluster. */
  clear(): void {
    this.pending = [];
  }

  private dependentsOf(owner: RemovedOwner): KubeObject[] {
    return this.host
      .allObjects()
      .filter((o) => inScope(owner, o) && (o.metadata.ownerReferences ?? []).some((r) => r.uid === owner.uid));
  }

  private ownerAlive(uid: string, dependent: KubeObject): boolean {
    const owner = this.host.lookupUid(uid);
    if (!owner) return false;
    return inScope({ uid, namespace: owner.metadata.namespace }, dependent);
  }

  private collect(owner: RemovedOwner): void {
    for (const dependent of this.dependentsOf(owner)) {
      const refs = dependent.metadata.ownerReferences ?? [];
      const dangling = new Set(refs.filter((r) => !this.ownerAlive(r.uid, dependent)).map((r) => r.uid));
      if (dangling.size < refs.length) {
        this.host.dropOwnerReferences(dependent, dangling);
      } else if (!dependent.metadata.deletionTimestamp) {
        this.host.deleteDependent(dependent);
      }
    }
  }
}
