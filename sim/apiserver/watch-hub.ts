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
  /** The open watchers by kind key, each set in opening order: a change reaches only its kind's. */
  private readonly byKind = new Map<string, Set<Watcher>>();
  /** The history is `history[historyStart..]`; the dead prefix is cut off now and then, not per write. */
  private history: ChangeRecord[] = [];
  private historyStart = 0;
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
    const live = this.history.length - this.historyStart;
    if (live > this.historyLimit) {
      this.historyStart += live - this.historyLimit;
      this.compactedThroughRv = this.history[this.historyStart - 1]!.rv;
      if (this.historyStart >= this.historyLimit) {
        this.history = this.history.slice(this.historyStart);
        this.historyStart = 0;
      }
    }
    const watchers = this.byKind.get(change.kindKey);
    if (watchers) for (const w of watchers) this.offer(w, change);
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
      for (let i = this.historyStart; i < this.history.length; i++) {
        const change = this.history[i]!;
        if (change.rv > req.sinceRv && change.kindKey === req.kindKey) this.offer(w, change);
      }
    }
    this.add(w);
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
    this.historyStart = 0;
    this.compactedThroughRv = currentRv;
  }

  private add(w: Watcher): void {
    this.watchers.add(w);
    let set = this.byKind.get(w.kindKey);
    if (!set) {
      set = new Set();
      this.byKind.set(w.kindKey, set);
    }
    set.add(w);
  }

  private remove(w: Watcher): void {
    this.watchers.delete(w);
    const set = this.byKind.get(w.kindKey);
    if (set?.delete(w) && set.size === 0) this.byKind.delete(w.kindKey);
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
    this.remove(w);
    w.state = 'closing';
    this.scheduler.after(0, w.label, () => {
      // A watcher that stopped on its own before hearing of the close stays silent.
      if (w.state === 'closing') w.callbacks.onClose(reason);
    });
  }

  private handleOf(w: Watcher): WatchHandle {
    return {
      stop: () => {
        this.remove(w);
        w.state = 'stopped';
      },
    };
  }
}
