// Virtual time and the run loop. Idle stretches are skipped: the clock jumps to the next event.

import type { Clock, Scheduler, TimerHandle } from '../../engine/runtime/ports.js';
import { drainMicrotasks } from './drain.js';
import { EventQueue } from './event-queue.js';

/** 2026-01-01T00:00:00Z: a fixed epoch so traces carry the same timestamps on every run. */
export const SIM_EPOCH_MS = Date.UTC(2026, 0, 1);

export interface RunLimits {
  /** Stop once the next event lies beyond this virtual time (the clock is then set to it). */
  untilMs?: number;
  /** Stop as soon as this holds, checked after every event. */
  until?: () => boolean;
  /** A safety bound on the number of events one call may process. */
  maxEvents?: number;
}

export type RunOutcome = 'predicate' | 'time' | 'idle' | 'maxEvents';

export class SimTime implements Clock, Scheduler {
  private now: number;
  private readonly queue = new EventQueue();
  private processed = 0;
  /** Called with each event's label before it fires; the trace recorder uses it. */
  onEvent: ((label: string, atMs: number) => void) | undefined;
  /**
   * Awaited before each event when set: a live view slows virtual time down to a watchable pace
   * with it. It may only wait; it never changes which event comes next, so a paced run is the same run.
   */
  pacer: ((atMs: number) => Promise<void>) | undefined;

  constructor(startMs: number = SIM_EPOCH_MS) {
    this.now = startMs;
  }

  nowMs(): number {
    return this.now;
  }

  get eventsProcessed(): number {
    return this.processed;
  }

  get pending(): number {
    return this.queue.size;
  }

  after(delayMs: number, label: string, fn: () => void): TimerHandle {
    if (!(delayMs >= 0) || !Number.isFinite(delayMs)) throw new RangeError(`delay must be a finite non-negative number, got ${delayMs} for ${label}`);
    const ev = this.queue.push(this.now + Math.round(delayMs), label, fn);
    return { cancel: () => void (ev.cancelled = true) };
  }

  /** Processes events in order until a limit is reached. Promise continuations settle between events. */
  async run(limits: RunLimits): Promise<RunOutcome> {
    const max = limits.maxEvents ?? Number.POSITIVE_INFINITY;
    let count = 0;
    await drainMicrotasks();
    if (limits.until?.()) return 'predicate';
    for (;;) {
      const next = this.queue.peek();
      if (!next) {
        if (limits.untilMs !== undefined && limits.untilMs > this.now) this.now = limits.untilMs;
        return 'idle';
      }
      if (limits.untilMs !== undefined && next.atMs > limits.untilMs) {
        this.now = limits.untilMs;
        return 'time';
      }
      if (count >= max) return 'maxEvents';
      if (this.pacer) {
        await this.pacer(next.atMs);
        // A paced wait lets the caller's own work interleave; the next event is re-read afterwards.
        if (this.queue.peek() !== next) continue;
      }
      this.queue.pop();
      this.now = next.atMs;
      this.processed++;
      count++;
      this.onEvent?.(next.label, next.atMs);
      next.fn();
      await drainMicrotasks();
      if (limits.until?.()) return 'predicate';
    }
  }
}
