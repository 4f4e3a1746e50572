// Goal: the cron forms Ramen writes (`*/N * * * *`, `0 */N * * *`, `0 0 */N * *`) fire at the times
// robfig/cron would, strictly after the given instant, in UTC; malformed specs are refused.
import { describe, expect, it } from 'vitest';
import { CronError, nextCronMs, parseCron } from '../../../../sim/volsync/cron-schedule.js';

const at = (iso: string): number => Date.parse(iso);
const next = (spec: string, iso: string): string => new Date(nextCronMs(parseCron(spec), at(iso))).toISOString();

describe('cron schedules', () => {
  it('fires every N minutes on minute boundaries, strictly after the instant', () => {
    expect(next('*/5 * * * *', '2026-01-01T10:03:20Z')).toBe('2026-01-01T10:05:00.000Z');
    expect(next('*/5 * * * *', '2026-01-01T10:05:00Z')).toBe('2026-01-01T10:10:00.000Z');
    expect(next('*/10 * * * *', '2026-01-01T23:55:00Z')).toBe('2026-01-02T00:00:00.000Z');
  });

  it('fires every N hours and every N days', () => {
    expect(next('0 */2 * * *', '2026-01-01T01:00:00Z')).toBe('2026-01-01T02:00:00.000Z');
    expect(next('0 */2 * * *', '2026-01-01T02:00:00Z')).toBe('2026-01-01T04:00:00.000Z');
    expect(next('0 0 */3 * *', '2026-01-01T00:00:00Z')).toBe('2026-01-04T00:00:00.000Z');
    expect(next('0 0 */28 * *', '2026-01-29T00:00:00Z')).toBe('2026-02-01T00:00:00.000Z');
  });

  it('reads N/step as the range N..max, and fixed values', () => {
    expect(next('3/20 * * * *', '2026-01-01T10:24:00Z')).toBe('2026-01-01T10:43:00.000Z');
    expect(next('30 6 * * *', '2026-01-01T07:00:00Z')).toBe('2026-01-02T06:30:00.000Z');
  });

  it('refuses malformed specs', () => {
    expect(() => parseCron('*/5 * * *')).toThrow(CronError);
    expect(() => parseCron('*/0 * * * *')).toThrow(CronError);
    expect(() => parseCron('61 * * * *')).toThrow(CronError);
    expect(() => parseCron('1-5 * * * *')).toThrow(CronError);
    expect(() => nextCronMs(parseCron('0 0 31 2 *'), at('2026-01-01T00:00:00Z'))).toThrow(CronError);
  });
});
