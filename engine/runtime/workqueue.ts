// A rate-limited work queue in the manner of client-go's: a key waiting is never queued twice, a key
// being processed is never handed to a second worker, and a failing key waits exponentially longer
// (5 ms doubling, capped at 1000 s) on the injected clock.

import type { Scheduler, TimerHandle } from './ports.js';

export const BACKOFF_BASE_MS = 5;
export const BACKOFF_MAX_MS = 1_000_000;

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  /** Keys re-added while being processed; they go back on the queue when done. */
  private readonly dirtyWhileProcessing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, { atMs: number; timer: TimerHandle }>();
  private shutDown = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly nowMs: () => number,
    private readonly onReady: () => void,
    private readonly label: string,
  ) {}

  get length(): number {
    return this.queue.length;
  }

  add(key: string): void {
    if (this.shutDown) return;
    if (this.processing.has(key)) {
      this.dirtyWhileProcessing.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.onReady();
  }

  /** Adds the key after a delay; an earlier pending delay for the same key wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.shutDown) return;
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const atMs = this.nowMs() + delayMs;
    const existing = this.delayed.get(key);
    if (existing && existing.atMs <= atMs) return;
    existing?.timer.cancel();
    const timer = this.scheduler.after(delayMs, `${this.label}.requeue`, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { atMs, timer });
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(BACKOFF_BASE_MS * 2 ** n, BACKOFF_MAX_MS));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Takes the next key and marks it in flight, or returns undefined when none is ready. */
  get(): string | undefined {
    const key = this.queue.shift();
    if (key === undefined) return undefined;
    this.queued.delete(key);
    this.processing.add(key);
    return key;
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirtyWhileProcessing.delete(key)) this.add(key);
  }

  shutdown(): void {
    this.shutDown = true;
    for (const d of this.delayed.values()) d.timer.cancel();
    this.delayed.clear();
    this.queue.length = 0;
    this.queued.clear();
  }
}
