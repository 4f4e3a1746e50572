// `schedulingInterval` to seconds as Ramen's `GetSecondsFromSchedulingInterval` computes it (hub spec
// §14.4): empty is 0; a trailing `d` multiplies the parsed number by 86400; anything else is parsed as a
// Go duration (`5m` → 300). Admission only lets `^(|\d+[mhd])$` through, but stored objects from older
// servers or direct writes are parsed the same way, errors included.

import { parseGoDuration } from '../../api/storage/go-duration.js';

export interface IntervalSeconds {
  seconds: number;
  /** Go's parse error text, when the interval does not parse. */
  error?: string;
}

const DAY_SECONDS = 24 * 60 * 60;
const GO_FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function schedulingIntervalSeconds(interval: string): IntervalSeconds {
  if (interval === '') return { seconds: 0 };
  const unit = interval.slice(-1);
  const number = interval.slice(0, -1);
  if (unit === 'd') {
    if (!GO_FLOAT.test(number)) return { seconds: 0, error: `strconv.ParseFloat: parsing "${number}": invalid syntax` };
    return { seconds: Number(number) * DAY_SECONDS };
  }
  const ms = parseGoDuration(interval);
  if (ms === undefined) return { seconds: 0, error: `time: ${/^\d+$/.test(interval) ? 'missing unit in duration' : 'invalid duration'} "${interval}"` };
  return { seconds: ms / 1000 };
}
