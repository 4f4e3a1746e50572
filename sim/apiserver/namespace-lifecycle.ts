// What kube's namespace controller does, simplified. Deleting a Namespace marks it Terminating
// (deletionTimestamp set, status.phase Terminating) instead of removing it; a sweep then deletes
// every namespaced object in it, and the Namespace leaves storage once it is empty and its
// metadata.finalizers are empty. Kube's extra `spec.finalizers: [kubernetes]` step is folded into
// that emptiness check rather than modelled as a field. New content is refused while Terminating.
//
// Like the garbage collector, the sweep is control plane: it waits while the server is down.

import type { KubeObject } from '../../engine/api/meta.js';
import type { Scheduler } from '../../engine/runtime/ports.js';

export interface NamespaceHost {
  readonly available: boolean;
  namespaceObject(name: string): KubeObject | undefined;
  /** Every namespaced object in the namespace, in a deterministic order. */
  contentsOf(name: string): KubeObject[];
  deleteContent(obj: KubeObject): void;
  removeNamespace(ns: KubeObject): void;
}

export class NamespaceLifecycle {
  private pending = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly host: NamespaceHost,
    private readonly scheduler: Scheduler,
    private readonly label: string,
  ) {}

  /** Called when a namespace is marked for deletion, and whenever content of one leaves storage. */
  sweepSoon(namespace: string): void {
    this.pending.add(namespace);
    this.kick();
  }

  kick(): void {
    if (this.scheduled || this.pending.size === 0) return;
    this.scheduled = true;
    this.scheduler.after(0, this.label, () => {
      this.scheduled = false;
      if (!this.host.available) return;
      const [next] = this.pending;
      if (next !== undefined) {
        this.pending.delete(next);
        this.sweep(next);
      }
      this.kick();
    });
  }

  clear(): void {
    this.pending.clear();
  }

  private sweep(name: string): void {
    const ns = this.host.namespaceObject(name);
    if (!ns?.metadata.deletionTimestamp) return;
    for (const obj of this.host.contentsOf(name)) {
      if (!obj.metadata.deletionTimestamp) this.host.deleteContent(obj);
    }
    const current = this.host.namespaceObject(name);
    if (current && this.host.contentsOf(name).length === 0 && (current.metadata.finalizers ?? []).length === 0) {
      this.host.removeNamespace(current);
    }
  }
}
