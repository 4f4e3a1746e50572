// Tick marks for a virtual-time axis: round steps (1s, 5m, 1h...) so that a chart of a 31-minute run
// is labelled every 5 minutes rather than every 3m06s.

const STEPS_MS = [
  100, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/** Tick times from 0 to `endMs` inclusive of 0, about `target` of them. */
export function timeTicks(endMs: number, target = 8): number[] {
  if (endMs <= 0) return [0];
  const step = STEPS_MS.find((s) => endMs / s <= target) ?? Math.ceil(endMs / target / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = 0; t <= endMs; t += step) ticks.push(t);
  return ticks;
}

/** A round upper bound for a value axis (lag in ms): 1, 2 or 5 times a power of ten, or a round time. */
export function niceCeilMs(v: number): number {
  if (v <= 0) return 1000;
  const candidate = STEPS_MS.find((s) => s >= v);
  return candidate ?? Math.ceil(v / 86_400_000) * 86_400_000;
}

/** `0`, `30s`, `5m`, `1h30m`: tick labels, shorter than formatSpan's. */
export function tickLabel(ms: number): string {
  if (ms === 0) return '0';
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${ms / 1000}s`;
  if (ms < 3_600_000) return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${Math.floor(ms / 60_000)}m${(ms % 60_000) / 1000}s`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  return m ? `${h}h${m}m` : `${h}h`;
}
