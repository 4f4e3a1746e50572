// The clock, random source and scheduler that engine and simulator code receive and never build for
// themselves. The simulator backs them with virtual time and a seeded generator; a real backend with
// the wall clock and real timers, in exactly one place (kind/).

export interface Clock {
  /** Milliseconds since the Unix epoch, on this clock. */
  nowMs(): number;
}

export interface Rng {
  /** A uniformly distributed integer in [0, bound). */
  int(bound: number): number;
  /** True with probability numerator/denominator, computed with integers only. */
  chance(numerator: number, denominator: number): boolean;
  /** A generator of its own, derived deterministically from this one and `label`. */
  fork(label: string): Rng;
}

export interface TimerHandle {
  cancel(): void;
}

export interface Scheduler {
  /** Runs `fn` after `delayMs` on this scheduler's clock. `label` names the event in the trace. */
  after(delayMs: number, label: string, fn: () => void): TimerHandle;
}

/** Formats a clock reading as an RFC 3339 timestamp with second precision, as Kubernetes stores it. */
let lastSecond = Number.NaN;
let lastText = '';

export function rfc3339(ms: number): string {
  // Timestamps have second precision and many writes share a second: format each second once.
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastText = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    lastSecond = second;
  }
  return lastText;
}

export function parseRfc3339(ts: string | undefined): number | undefined {
  if (!ts) return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
}
