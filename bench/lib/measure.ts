// Measurement helpers for the benchmarks: wall time (performance.now) and CPU time (process.cpuUsage)
// side by side, because on a shared machine wall time also counts the time other processes held the
// cores; medians; a least-squares fit of log(cost) against log(N) for growth exponents; and a heap
// sampler for peak memory. bench/ is outside the simulator, so it may read the real clocks.

export interface Timing {
  wallMs: number;
  /** User plus system CPU time of this process over the same span. */
  cpuMs: number;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; timing: Timing }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, timing: { wallMs, cpuMs: (c.user + c.system) / 1000 } };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The slope of log(y) over log(x): y grows as x^slope. NaN with fewer than two usable points. */
export function fitExponent(points: readonly { x: number; y: number }[]): number {
  const usable = points.filter((p) => p.x > 0 && p.y > 0);
  if (usable.length < 2) return Number.NaN;
  const xs = usable.map((p) => Math.log(p.x));
  const ys = usable.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** Tracks the largest heap in use seen by `sample()`; call it often (it is cheap) during a run. */
export class HeapPeak {
  private peak = process.memoryUsage().heapUsed;
  private calls = 0;

  /** Reads the heap every `every` calls. */
  sample(every = 1): void {
    if (++this.calls % every !== 0) return;
    const used = process.memoryUsage().heapUsed;
    if (used > this.peak) this.peak = used;
  }

  get peakBytes(): number {
    return this.peak;
  }
}

export const MiB = 1024 * 1024;

export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Progress lines for long benchmarks, on stderr so stdout stays the table and the JSON. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
