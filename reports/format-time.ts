// Virtual time as reports and the replay UI print it. A run's clock starts at 0, so times are shown
// as an offset (`00:12:30.250`) rather than a date, and durations compactly (`4m12s`).

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `HH:MM:SS.mmm` since the run began; hours grow past 99 rather than wrap. */
export function formatClock(ms: number): string {
  const whole = Math.max(0, Math.floor(ms));
  const h = Math.floor(whole / 3_600_000);
  const m = Math.floor(whole / 60_000) % 60;
  const s = Math.floor(whole / 1000) % 60;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(whole % 1000, 3)}`;
}

/** At most two units, largest first: `850ms`, `2.5s`, `4m12s`, `1h02m`, `3d04h`. */
export function formatSpan(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const sign = ms < 0 ? '-' : '';
  const v = Math.abs(Math.round(ms));
  if (v < 1000) return `${sign}${v}ms`;
  if (v < 10_000) return `${sign}${(Math.floor(v / 100) / 10).toFixed(1)}s`;
  if (v < 60_000) return `${sign}${Math.floor(v / 1000)}s`;
  if (v < 3_600_000) return `${sign}${Math.floor(v / 60_000)}m${pad(Math.floor(v / 1000) % 60, 2)}s`;
  if (v < 86_400_000) return `${sign}${Math.floor(v / 3_600_000)}h${pad(Math.floor(v / 60_000) % 60, 2)}m`;
  return `${sign}${Math.floor(v / 86_400_000)}d${pad(Math.floor(v / 3_600_000) % 24, 2)}h`;
}
