// metav1.Duration travels as Go's time.Duration string (`1m30s`, `500ms`, `1h0m0s`). The storage
// driver writes `lastSyncDuration` in that form and Ramen compares durations read back from it.

/** Formats whole milliseconds exactly as Go's Duration.String does. */
export function formatGoDuration(ms: number): string {
  if (!Number.isInteger(ms)) throw new RangeError(`duration must be whole milliseconds, got ${ms}`);
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${rest}ms`;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const frac = millis === 0 ? '' : `.${String(millis).padStart(3, '0').replace(/0+$/, '')}`;
  const secPart = `${seconds}${frac}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${secPart}`;
  if (minutes > 0) return `${sign}${minutes}m${secPart}`;
  return `${sign}${secPart}`;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a Go duration string into milliseconds; undefined when it is not one. */
export function parseGoDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (!m) return text === '0' ? 0 : undefined;
  let total = 0;
  for (const part of text.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * UNIT_MS[part[2]!]!;
  }
  return m[1] === '-' ? -total : total;
}
