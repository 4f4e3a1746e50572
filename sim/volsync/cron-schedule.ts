// The five-field cron schedules VolSync accepts in spec.trigger.schedule (its CRD pattern allows a
// number or `*`, each optionally followed by `/step`, in every field), evaluated in UTC as the VolSync
// operator pod does. `next` follows robfig/cron: the first matching minute strictly after the given
// time. Ramen writes `*/N * * * *`, `0 */N * * *` and `0 0 */N * *` (dr-cluster spec §6.2.1).

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 6 },
] as const;

export interface CronSchedule {
  readonly spec: string;
  /** The allowed values of each field, in the order minute, hour, day of month, month, day of week. */
  readonly sets: readonly (readonly boolean[])[];
  /** Whether day of month or day of week was restricted (cron ORs them when both are). */
  readonly domStar: boolean;
  readonly dowStar: boolean;
}

export class CronError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronError';
  }
}

function parseField(text: string, field: (typeof FIELDS)[number]): boolean[] {
  const m = /^(\d+|\*)(?:\/(\d+))?$/.exec(text);
  if (!m) throw new CronError(`failed to parse ${field.name} field "${text}"`);
  const step = m[2] === undefined ? 1 : Number(m[2]);
  if (step < 1) throw new CronError(`step of ${field.name} must be positive, got "${text}"`);
  let start: number;
  let end: number;
  if (m[1] === '*') {
    start = field.min;
    end = field.max;
  } else {
    start = Number(m[1]);
    // robfig/cron reads `N/step` as the range N..max with that step.
    end = m[2] === undefined ? start : field.max;
  }
  if (start < field.min || start > field.max) throw new CronError(`${field.name} value ${start} out of range [${field.min}, ${field.max}]`);
  const set = new Array<boolean>(field.max + 1).fill(false);
  for (let v = start; v <= end; v += step) set[v] = true;
  return set;
}

export function parseCron(spec: string): CronSchedule {
  const parts = spec.trim().split(/\s+/);
  if (parts.length !== 5) throw new CronError(`expected exactly 5 fields, found ${parts.length}: "${spec}"`);
  const sets = parts.map((p, i) => parseField(p, FIELDS[i]!));
  return { spec, sets, domStar: parts[2]!.startsWith('*'), dowStar: parts[4]!.startsWith('*') };
}

function dayMatches(s: CronSchedule, date: Date): boolean {
  const dom = s.sets[2]![date.getUTCDate()]!;
  const dow = s.sets[4]![date.getUTCDay()]!;
  // As in cron: when both day fields are restricted, either may match.
  if (s.domStar || s.dowStar) return dom && dow;
  return dom || dow;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The first scheduled minute strictly after `afterMs`. */
export function nextCronMs(s: CronSchedule, afterMs: number): number {
  let t = Math.floor(afterMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  // Five years covers every satisfiable schedule of these fields, including Feb 29 and
  // leap-year coincidences; beyond that nothing will ever match.
  const limit = afterMs + 5 * 366 * DAY_MS;
  while (t <= limit) {
    const d = new Date(t);
    if (!s.sets[3]![d.getUTCMonth() + 1] || !dayMatches(s, d)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!s.sets[1]![d.getUTCHours()]) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (!s.sets[0]![d.getUTCMinutes()]) {
      t += MINUTE_MS;
      continue;
    }
    return t;
  }
  throw new CronError(`schedule "${s.spec}" never fires`);
}
