// Watches: every stored change is recorded once and fanned out to the open watches of its kind.
// Each event reaches a watcher as its own scheduler event (delay 0), so watch delivery interleaves
// with everything else in write order instead of running inside the writer's call stack. A bounded
// history lets a watch resume from a resource version, as kube's watch cache does; a version older
// than the history ends the watch as expired, which makes the watcher re-list.

import type { KubeObject } from '../../engine/api/meta.js';
import type { WatchCallbacks, WatchEvent, WatchEventType, WatchHandle } from '../../engine/runtime/client.js';
import type { Scheduler } from '../../engine/runtime/ports.js';
import { clone } from './json.js';
import { selects, type Selection } from './selectors.js';

export interface ChangeRecord {
  rv: number;
  type: WatchEventType;
  kindKey: string;
  /** The state after the change; for DELETED, the last state. Never mutated. */
  object: KubeObject;
  /** For MODIFIED, the state before, so a label selector can see objects enter and leave it. */
  previous?: KubeObject;
}

interface Watcher {
  kindKey: string;
  selection: Selection;
  callbacks: WatchCallbacks;
  label: string;
  state: 'open' | 'closing' | 'stopped';
}

export interface OpenWatch {
  kindKey: string;
  selection: Selection;
  /** Deliver recorded changes after this version; undefined means start with ADDED for `initial`. */
  sinceRv: number | undefined;
  /** The current objects, for a watch without a resource version. */
  initial: KubeObject[];
  callbacks: WatchCallbacks;
  /** The scheduler label of this watch's deliveries, for the trace. */
  label: string;
}

/** How a change looks through one watch's selection; label changes turn into ADDED or DELETED. */
function throughSelection(selection: Selection, change: ChangeRecord): WatchEventType | undefined {
  const now = selects(selection, change.object);
  if (change.type !== 'MODIFIED') return now ? change.type : undefined;
  const before = change.previous ? selects(selection, change.previous) : now;
  if (now && before) return 'MODIFIED';
  if (now) return 'ADDED';
  if (before) return 'DELETED';
  return undefined;
}

export class WatchHub {
  private readonly watchers = new Set<Watcher>();
  private history: ChangeRecord[] = [];
  /** Changes up to and including this version are no longer in the history. */
  private compactedThroughRv = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly historyLimit: number,
  ) {}

  get openCount(): number {
    return this.watchers.size;
  }

  record(change: ChangeRecord): void {
    this.history.push(change);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.compactedThroughRv = dropped[dropped.length - 1]!.rv;
    }
    for (const w of this.watchers) {
      if (w.kindKey === change.kindKey) this.offer(w, change);
    }
  }

  open(req: OpenWatch): WatchHandle {
    const w: Watcher = { kindKey: req.kindKey, selection: req.selection, callbacks: req.callbacks, label: req.label, state: 'open' };
    if (req.sinceRv === undefined) {
      for (const obj of req.initial) {
        if (selects(req.selection, obj)) this.deliver(w, 'ADDED', obj);
      }
    } else if (req.sinceRv < this.compactedThroughRv) {
      this.close(w, `Expired: too old resource version: ${req.sinceRv} (${this.compactedThroughRv + 1})`);
      return this.handleOf(w);
    } else {
      for (const change of this.history) {
        if (change.rv > req.sinceRv && change.kindKey === req.kindKey) this.offer(w, change);
      }
    }
    this.watchers.add(w);
    return this.handleOf(w);
  }

  /** A watch that the server ends as soon as it starts, for an outage or an unserved kind. */
  openClosed(callbacks: WatchCallbacks, label: string, reason: string): WatchHandle {
    const w: Watcher = { kindKey: '', selection: { namespace: undefined, labelSelector: undefined }, callbacks, label, state: 'open' };
    this.close(w, reason);
    return this.handleOf(w);
  }

  /** Ends every open watch; each watcher hears onClose(reason) and nothing after. */
  closeAll(reason: string): void {
    for (const w of [...this.watchers]) this.close(w, reason);
  }

  /** Drops the history, so no watch can resume from a version before `currentRv`. */
  forgetHistory(currentRv: number): void {
    this.history = [];
    this.compactedThroughRv = currentRv;
  }

  private offer(w: Watcher, change: ChangeRecord): void {
    const type = throughSelection(w.selection, change);
    if (type) this.deliver(w, type, change.object);
  }

  private deliver(w: Watcher, type: WatchEventType, obj: KubeObject): void {
    const event: WatchEvent = { type, object: clone(obj) };
    this.scheduler.after(0, w.label, () => {
      if (w.state === 'open') w.callbacks.onEvent(event);
    });
  }

  private close(w: Watcher, reason: string): void {
    this.watchers.delete(w);
    w.state = 'closing';
    this.scheduler.after(0, w.label, () => {
      // A watcher that stopped on its own before hearing of the close stays silent.
      if (w.state === 'closing') w.callbacks.onClose(reason);
    });
  }

  private handleOf(w: Watcher): WatchHandle {
    return {
      stop: () => {
        this.watchers.delete(w);
        w.state = 'stopped';
      },
    };
  }
}
