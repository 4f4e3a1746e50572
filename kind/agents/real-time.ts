// The clock and scheduler of a real-backend run: the wall clock and Node's timers. This is the one
// place engine code gets real time; everything else receives these through its ports.

import type { Clock, Scheduler, TimerHandle } from '../../engine/runtime/ports.js';

export class WallClock implements Clock {
  nowMs(): number {
    return Date.now();
  }
}

/**
 * Real timers. `label` is kept for symmetry with the simulator's scheduler (which traces it); a
 * failing callback is reported to `onError` instead of crashing the process, as a reconcile panic
 * is recovered by controller-runtime.
 */
export class TimerScheduler implements Scheduler {
  private readonly pending = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly onError: (label: string, err: unknown) => void = () => undefined) {}

  after(delayMs: number, label: string, fn: () => void): TimerHandle {
    if (this.stopped) return { cancel: () => undefined };
    const t = setTimeout(() => {
      this.pending.delete(t);
      try {
        fn();
      } catch (err) {
        this.onError(label, err);
      }
    }, Math.max(0, delayMs));
    this.pending.add(t);
    return {
      cancel: () => {
        clearTimeout(t);
        this.pending.delete(t);
      },
    };
  }

  /** Cancels everything pending and refuses new timers: the end of a run. */
  stop(): void {
    this.stopped = true;
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }
}
