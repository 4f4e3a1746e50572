// The replay UI's state and its reducer: a pure function from (state, action) to state, where actions
// are the user's keys, the play timer's ticks and, for a live run, newly recorded events. Everything
// the screen shows is derived from this state (the world view comes from `index.viewAt(cursor)`), so
// a test can drive the reducer alone and know what the screen would say.

import type { TraceEvent } from '../trace/read-trace.js';
import type { MarkKind } from './trace-index.js';
import { TraceIndex } from './trace-index.js';

/** Virtual ms per wall ms; the default, 60×, plays a virtual minute per second. */
export const SPEEDS = [1, 10, 60, 300, 1800, 7200] as const;
export const DEFAULT_SPEED_INDEX = 2;

/**
 * Event types that outnumber everything else or repeat what another event says (api.write is the
 * audit log of every object write; dr.vrg.status repeats vrg.status): hidden from the log and from
 * stepping unless verbose.
 */
export const CHATTY_TYPES: ReadonlySet<string> = new Set([
  'app.write',
  'reconcile',
  'api.write',
  'dr.vrg.reconciled',
  'dr.vrg.log',
  'dr.vrg.status',
  'hub.drpc.pass',
  'watch.closed',
  'manager.start',
  'manager.stop',
  'velero.bsl.validate',
  'ocm.view.status',
  'ocm.registration.status',
  'ocm.policy.compliance',
]);

export interface ReplayState {
  index: TraceIndex;
  /** Events applied: 0 shows the world before the first event, `index.length` after the last. */
  cursor: number;
  /** The virtual clock shown; while playing it runs ahead of the last applied event. */
  clockMs: number;
  /** Replaying: the timer advances the clock. Live: the view follows the newest event. */
  playing: boolean;
  live: boolean;
  speedIndex: number;
  /** Index into `index.namespaces()`, or -1 for every app. */
  appIndex: number;
  /** Case-insensitive substring the event log and stepping keep to; '' keeps everything. */
  filter: string;
  /** Set while the user types a filter. */
  filterDraft?: string;
  verbose: boolean;
  /** One line of feedback for the last key ("no later fault"). */
  notice?: string;
  quit: boolean;
}

export type ReplayAction =
  | { type: 'append'; events: readonly TraceEvent[] }
  | { type: 'togglePlay' }
  | { type: 'tick'; wallMs: number }
  | { type: 'step'; direction: 1 | -1 }
  | { type: 'seek'; cursor: number }
  | { type: 'seekTime'; ms: number }
  | { type: 'jump'; mark: MarkKind; direction: 1 | -1 }
  | { type: 'speed'; direction: 1 | -1 }
  | { type: 'selectApp'; direction: 1 | -1 }
  | { type: 'filterStart' }
  | { type: 'filterInput'; text: string }
  | { type: 'filterBackspace' }
  | { type: 'filterCommit' }
  | { type: 'filterCancel' }
  | { type: 'toggleVerbose' }
  | { type: 'quit' };

export interface InitOptions {
  live?: boolean;
  /** Start at this cursor. Default: the end for a live run, 0 otherwise. */
  cursor?: number;
  playing?: boolean;
  speedIndex?: number;
  filter?: string;
  verbose?: boolean;
}

export function initialState(index: TraceIndex, options: InitOptions = {}): ReplayState {
  const live = options.live ?? false;
  const cursor = clampCursor(index, options.cursor ?? (live ? index.length : 0));
  return {
    index,
    cursor,
    clockMs: clockAt(index, cursor),
    playing: options.playing ?? live,
    live,
    speedIndex: options.speedIndex ?? DEFAULT_SPEED_INDEX,
    appIndex: -1,
    filter: options.filter ?? '',
    verbose: options.verbose ?? false,
    quit: false,
  };
}

function clampCursor(index: TraceIndex, c: number): number {
  return Math.max(0, Math.min(Math.floor(c), index.length));
}

/** The time of the last applied event (0 before the first). */
function clockAt(index: TraceIndex, cursor: number): number {
  return cursor > 0 ? index.event(cursor - 1)!.t : 0;
}

/** The namespace of the app selected, or undefined for all. */
export function selectedApp(s: ReplayState): string | undefined {
  return s.appIndex < 0 ? undefined : s.index.namespaces()[s.appIndex];
}

/** Whether event i belongs in the log and in stepping, given verbosity, the app selected and the filter. */
export function isVisible(s: ReplayState, i: number): boolean {
  const e = s.index.event(i);
  if (!e) return false;
  if (!s.verbose && CHATTY_TYPES.has(e.type)) return false;
  const app = selectedApp(s);
  if (app !== undefined) {
    const ns = s.index.namespaceOf(i);
    if (ns !== undefined && ns !== app) return false;
  }
  return s.filter === '' || s.index.lowerLine(i).includes(s.filter.toLowerCase());
}

function nextVisible(s: ReplayState, from: number): number | undefined {
  for (let i = from; i < s.index.length; i++) if (isVisible(s, i)) return i;
  return undefined;
}

function prevVisible(s: ReplayState, before: number): number | undefined {
  for (let i = Math.min(before, s.index.length) - 1; i >= 0; i--) if (isVisible(s, i)) return i;
  return undefined;
}

/** Moves to a cursor; any move by hand stops playback (and, live, stops following). */
function moveTo(s: ReplayState, cursor: number, notice?: string): ReplayState {
  const c = clampCursor(s.index, cursor);
  const { notice: _old, ...rest } = s;
  return { ...rest, cursor: c, clockMs: clockAt(s.index, c), playing: false, ...(notice ? { notice } : {}) };
}

const MARK_NAMES: Record<MarkKind, string> = { fault: 'fault', phase: 'phase change', action: 'action' };

export function reduce(s: ReplayState, a: ReplayAction): ReplayState {
  if (s.filterDraft !== undefined) {
    // While a filter is typed, keys are text; only these actions mean anything else.
    switch (a.type) {
      case 'filterInput':
        return { ...s, filterDraft: s.filterDraft + a.text };
      case 'filterBackspace':
        return { ...s, filterDraft: s.filterDraft.slice(0, -1) };
      case 'filterCommit': {
        const { filterDraft, ...rest } = s;
        return { ...rest, filter: filterDraft.trim() };
      }
      case 'filterCancel': {
        const { filterDraft: _d, ...rest } = s;
        return rest;
      }
      case 'append':
      case 'tick':
      case 'quit':
        break;
      default:
        return s;
    }
  }
  switch (a.type) {
    case 'append': {
      const index = s.index.append(a.events);
      if (s.live && s.playing) return { ...s, index, cursor: index.length, clockMs: clockAt(index, index.length) };
      return { ...s, index };
    }
    case 'togglePlay': {
      const { notice: _n, ...rest } = s;
      if (s.playing) return { ...rest, playing: false };
      if (s.live) return { ...rest, playing: true, cursor: s.index.length, clockMs: clockAt(s.index, s.index.length) };
      // Playing from the end starts over, as a video player does.
      if (s.cursor >= s.index.length) return { ...rest, playing: true, cursor: 0, clockMs: 0 };
      return { ...rest, playing: true };
    }
    case 'tick': {
      if (!s.playing || s.live) return s;
      const clockMs = s.clockMs + a.wallMs * SPEEDS[s.speedIndex]!;
      const cursor = s.index.cursorAtTime(clockMs);
      if (cursor >= s.index.length) return { ...s, cursor: s.index.length, clockMs: clockAt(s.index, s.index.length), playing: false, notice: 'end of trace' };
      return { ...s, cursor, clockMs };
    }
    case 'step': {
      if (a.direction === 1) {
        const i = nextVisible(s, s.cursor);
        return i === undefined ? moveTo(s, s.cursor, 'no later event') : moveTo(s, i + 1);
      }
      const current = prevVisible(s, s.cursor);
      if (current === undefined) return moveTo(s, 0, 'at the start');
      const before = prevVisible(s, current);
      return moveTo(s, before === undefined ? 0 : before + 1);
    }
    case 'seek':
      return moveTo(s, a.cursor);
    case 'seekTime':
      return moveTo(s, s.index.cursorAtTime(a.ms));
    case 'jump': {
      const app = selectedApp(s);
      const i = a.direction === 1 ? s.index.mark(a.mark, s.cursor, 1, app) : s.index.mark(a.mark, s.cursor - 1, -1, app);
      if (i === undefined) return moveTo(s, s.cursor, `no ${a.direction === 1 ? 'later' : 'earlier'} ${MARK_NAMES[a.mark]}`);
      return moveTo(s, i + 1);
    }
    case 'speed': {
      const speedIndex = Math.max(0, Math.min(SPEEDS.length - 1, s.speedIndex + a.direction));
      return { ...s, speedIndex };
    }
    case 'selectApp': {
      const n = s.index.namespaces().length;
      // -1 (all apps) sits between the last app and the first.
      const appIndex = ((s.appIndex + 1 + a.direction + (n + 1)) % (n + 1)) - 1;
      return { ...s, appIndex };
    }
    case 'filterStart':
      return { ...s, filterDraft: s.filter };
    case 'toggleVerbose':
      return { ...s, verbose: !s.verbose };
    case 'quit':
      return { ...s, playing: false, quit: true };
    case 'filterInput':
    case 'filterBackspace':
    case 'filterCommit':
    case 'filterCancel':
      return s;
  }
}

/** The last `count` visible events at or before the cursor, oldest first. */
export function logWindow(s: ReplayState, count: number): number[] {
  const out: number[] = [];
  for (let i = s.cursor - 1; i >= 0 && out.length < count; i--) if (isVisible(s, i)) out.push(i);
  return out.reverse();
}

export { TraceIndex };
