// The garbage collector of one cluster. When an owner leaves storage, its dependents (objects whose
// ownerReferences carry its uid) are deleted with background propagation, one piece of work per
// scheduler event, so that the cascade unfolds as separate steps in the trace. A dependent that
// still has another live owner only loses the dangling reference.
//
// As in kube, a namespaced owner only owns dependents in its own namespace: a reference from another
// namespace resolves to nothing, so such a dependent counts as having an absent owner. Likewise an
// object written with references whose owners do not exist (a made-up or stale uid) is collected,
// exactly as kube's collector does once it has verified the owners are absent. A reference to a kind
// this cluster does not serve cannot be verified and keeps the dependent alive.
//
// The collector is part of the control plane: while the API server is down it makes no progress,
// and it resumes when kicked after the server comes back.

import type { KubeObject, OwnerReference } from '../../engine/api/meta.js';
import type { Scheduler } from '../../engine/runtime/ports.js';

export interface RemovedOwner {
  uid: string;
  /** Undefined for a cluster-scoped owner, which may own objects in any namespace. */
  namespace: string | undefined;
}

export interface GcHost {
  readonly available: boolean;
  /** The stored objects whose ownerReferences name `uid`, in a deterministic order. */
  dependentsOf(uid: string): KubeObject[];
  lookupUid(uid: string): KubeObject | undefined;
  /** Whether the cluster serves the owner's kind, so that the reference can be verified at all. */
  resolvable(ref: OwnerReference): boolean;
  /** Deletes a dependent as a client would with background propagation (finalizers respected). */
  deleteDependent(dependent: KubeObject): void;
  /** Rewrites a dependent without the ownerReferences to these uids. */
  dropOwnerReferences(dependent: KubeObject, uids: ReadonlySet<string>): void;
}

/** Whether `owner` may own `dependent` under kube's scoping rule. */
function inScope(owner: RemovedOwner, dependent: KubeObject): boolean {
  return owner.namespace === undefined || dependent.metadata.namespace === owner.namespace;
}

type GcWork = { owner: RemovedOwner } | { dependentUid: string };

export class GarbageCollector {
  private pending: GcWork[] = [];
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
    if (this.dependentsOf(owner).length === 0) return;
    this.pending.push({ owner });
    this.kick();
  }

  /** Called after every stored write of an object with owner references: absent owners make it garbage. */
  dependentWritten(dependent: KubeObject): void {
    if (!dependent.metadata.uid || dependent.metadata.deletionTimestamp) return;
    if (this.danglingOf(dependent).size === 0) return;
    this.pending.push({ dependentUid: dependent.metadata.uid });
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
      const work = this.pending.shift();
      if (work && 'owner' in work) {
        for (const dependent of this.dependentsOf(work.owner)) this.judge(dependent);
      } else if (work) {
        const dependent = this.host.lookupUid(work.dependentUid);
        if (dependent) this.judge(dependent);
      }
      this.kick();
    });
  }

  /** Forgets pending work, for a wiped cluster. */
  clear(): void {
    this.pending = [];
  }

  private dependentsOf(owner: RemovedOwner): KubeObject[] {
    return this.host.dependentsOf(owner.uid).filter((o) => inScope(owner, o));
  }

  private ownerAlive(ref: OwnerReference, dependent: KubeObject): boolean {
    if (!this.host.resolvable(ref)) return true;
    const owner = this.host.lookupUid(ref.uid);
    if (!owner) return false;
    return inScope({ uid: ref.uid, namespace: owner.metadata.namespace }, dependent);
  }

  private danglingOf(dependent: KubeObject): Set<string> {
    return new Set((dependent.metadata.ownerReferences ?? []).filter((r) => !this.ownerAlive(r, dependent)).map((r) => r.uid));
  }

  /** Deletes a dependent none of whose owners is alive; otherwise drops only the dangling references. */
  private judge(dependent: KubeObject): void {
    const refs = dependent.metadata.ownerReferences ?? [];
    const dangling = this.danglingOf(dependent);
    if (dangling.size === 0) return;
    if (dangling.size < refs.length) this.host.dropOwnerReferences(dependent, dangling);
    else if (!dependent.metadata.deletionTimestamp) this.host.deleteDependent(dependent);
  }
}
