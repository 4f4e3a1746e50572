// A trace prepared for instant seeking. It keeps a checkpoint (a copy of the world view) every
// CHECKPOINT_EVERY events, so the view at any cursor is one copy plus at most that many event
// applications, whatever the trace's length, plus the positions of faults, actions and DRPC phase
// changes for the jump keys. It grows by `append` (a live run) without invalidating older indexes:
// the arrays are shared and append-only, and each index object sees only its own prefix, the way a
// slice shares its backing array. That keeps the UI reducer pure while a run is still recording.

import { appNamespaceOf, drpcKeyOf } from '../trace/app-of-event.js';
import { eventLine } from '../trace/event-line.js';
import type { TraceEvent } from '../trace/read-trace.js';
import { WriteLog } from '../trace/write-log.js';
import { applyEvent, emptyView } from './world-view.js';
import type { WorldView } from './world-view.js';

export const CHECKPOINT_EVERY = 256;

export type MarkKind = 'fault' | 'phase' | 'action';

interface Mark {
  index: number;
  ns?: string;
}

interface Shared {
  events: TraceEvent[];
  /** checkpoints[k] is the view after k * CHECKPOINT_EVERY events. */
  checkpoints: WorldView[];
  /** The view after all events so far; mutated by append only. */
  tail: WorldView;
  writes: WriteLog;
  marks: Record<MarkKind, Mark[]>;
  /** Each DRPC's last phase, to tell a phase change from a repeated status. */
  lastPhase: Map<string, string>;
  sawDrpcStatus: boolean;
  namespaces: Set<string>;
  /** The app namespace of each event, where one can be told (storage events through their volume). */
  nsOf: (string | undefined)[];
  lines: (string | undefined)[];
  lowerLines: (string | undefined)[];
  cache: Map<number, WorldView>;
}

function isFault(e: TraceEvent): boolean {
  return e.type === 'fault.inject' || e.type === 'fault.heal';
}

function isAction(e: TraceEvent): boolean {
  return e.type === 'user.action' || e.type === 'step.start';
}

export class TraceIndex {
  private constructor(
    private readonly shared: Shared,
    readonly length: number,
    /** Where the trace came from, for the header (a file name, or `live`). */
    readonly source: string,
  ) {}

  static empty(source = 'live'): TraceIndex {
    const view = emptyView();
    return new TraceIndex(
      { events: [], checkpoints: [structuredClone(view)], tail: view, writes: new WriteLog(), marks: { fault: [], phase: [], action: [] }, lastPhase: new Map(), sawDrpcStatus: false, namespaces: new Set(), nsOf: [], lines: [], lowerLines: [], cache: new Map() },
      0,
      source,
    );
  }

  static of(events: readonly TraceEvent[], source = 'trace'): TraceIndex {
    return TraceIndex.empty(source).append(events);
  }

  /**
   * A longer index over the same shared arrays. Only the newest index may grow; appending to an
   * older one the very events that followed it (React may run a reducer twice with the same action)
   * returns the index that already holds them.
   */
  append(events: readonly TraceEvent[]): TraceIndex {
    const s = this.shared;
    if (events.length === 0) return this;
    if (this.length !== s.events.length) {
      const same = this.length + events.length <= s.events.length && events.every((e, k) => s.events[this.length + k] === e);
      if (!same) throw new Error('TraceIndex.append: only the newest index of a trace can grow');
      return new TraceIndex(s, this.length + events.length, this.source);
    }
    for (const e of events) {
      const i = s.events.length;
      s.events.push(e);
      s.writes.add(e);
      applyEvent(s.tail, e, s.writes);
      const volumePvc = typeof e.volume === 'string' ? s.writes.pvcOfVolume(e.volume) : undefined;
      const ns = appNamespaceOf(e) ?? (volumePvc ? volumePvc.slice(0, volumePvc.indexOf('/')) : undefined);
      s.nsOf.push(ns);
      if (ns) s.namespaces.add(ns);
      if (isFault(e)) s.marks.fault.push({ index: i });
      if (isAction(e)) s.marks.action.push({ index: i, ...(ns ? { ns } : {}) });
      // drpc.status is the complete record when the trace has it; hub.drpc.phase, which the hub
      // emits a moment before writing the status, then only marks phases in traces without it.
      if (e.type === 'drpc.status') s.sawDrpcStatus = true;
      const drpc = (e.type === 'drpc.status' || (e.type === 'hub.drpc.phase' && !s.sawDrpcStatus)) && drpcKeyOf(e);
      if (drpc && typeof e.phase === 'string' && s.lastPhase.get(drpc) !== e.phase) {
        s.lastPhase.set(drpc, e.phase);
        s.marks.phase.push({ index: i, ...(ns ? { ns } : {}) });
      }
      if ((i + 1) % CHECKPOINT_EVERY === 0) s.checkpoints.push(structuredClone(s.tail));
    }
    return new TraceIndex(s, s.events.length, this.source);
  }

  event(i: number): TraceEvent | undefined {
    return i >= 0 && i < this.length ? this.shared.events[i] : undefined;
  }

  get writes(): WriteLog {
    return this.shared.writes;
  }

  /** The app namespace event i is about, if any. */
  namespaceOf(i: number): string | undefined {
    return i < this.length ? this.shared.nsOf[i] : undefined;
  }

  /** Managed clusters seen anywhere in the trace so far, in order of appearance: the screen's columns. */
  clusterNames(): string[] {
    return [...this.shared.tail.clusterOrder];
  }

  /** App namespaces seen so far, sorted. */
  namespaces(): string[] {
    return [...this.shared.namespaces].sort();
  }

  /** The world after the first `cursor` events. Never mutate the result: it may be shared. */
  viewAt(cursor: number): WorldView {
    const c = Math.max(0, Math.min(cursor, this.length));
    const s = this.shared;
    const hit = s.cache.get(c);
    if (hit) return hit;
    const k = Math.floor(c / CHECKPOINT_EVERY);
    const view = structuredClone(s.checkpoints[k]!);
    for (let i = k * CHECKPOINT_EVERY; i < c; i++) applyEvent(view, s.events[i]!, s.writes);
    // A few recent views are kept: rendering asks for the same cursor again on every frame.
    if (s.cache.size >= 8) s.cache.delete(s.cache.keys().next().value!);
    s.cache.set(c, view);
    return view;
  }

  /** How many events have `t <= ms`: the cursor for a virtual time. */
  cursorAtTime(ms: number): number {
    const ev = this.shared.events;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ev[mid]!.t <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first mark at or after `from` (direction 1) or the last before `from` (direction -1). */
  mark(kind: MarkKind, from: number, direction: 1 | -1, ns?: string): number | undefined {
    const marks = this.shared.marks[kind];
    const ok = (m: Mark): boolean => m.index < this.length && (ns === undefined || m.ns === undefined || m.ns === ns);
    // Binary search to the boundary, then walk to the first mark that passes the app filter.
    let lo = 0;
    let hi = marks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (marks[mid]!.index < from) lo = mid + 1;
      else hi = mid;
    }
    if (direction === 1) {
      for (let j = lo; j < marks.length; j++) if (ok(marks[j]!)) return marks[j]!.index;
    } else {
      for (let j = lo - 1; j >= 0; j--) if (ok(marks[j]!)) return marks[j]!.index;
    }
    return undefined;
  }

  /** Mark positions (for the timeline strip). */
  marks(kind: MarkKind, ns?: string): number[] {
    return this.shared.marks[kind].filter((m) => m.index < this.length && (ns === undefined || m.ns === undefined || m.ns === ns)).map((m) => m.index);
  }

  /** Positions of the user's own actions (failover, relocate), without scenario steps. */
  userActions(ns?: string): number[] {
    return this.marks('action', ns).filter((i) => this.shared.events[i]!.type === 'user.action');
  }

  /** The event's one-line text, computed once. */
  line(i: number): string {
    const s = this.shared;
    return (s.lines[i] ??= eventLine(s.events[i]!));
  }

  lowerLine(i: number): string {
    const s = this.shared;
    return (s.lowerLines[i] ??= this.line(i).toLowerCase());
  }
}
