// Goal: schedulingInterval converts to seconds as Ramen's GetSecondsFromSchedulingInterval (hub spec §14.4)
// and the admission pattern accepts exactly `^(|\d+[mhd])$`.
import { describe, expect, it } from 'vitest';
import { SCHEDULING_INTERVAL_PATTERN } from '../../../../../engine/api/ramen/drpolicy.js';
import { schedulingIntervalSeconds } from '../../../../../engine/hub/drpolicy/scheduling-interval.js';

describe('schedulingInterval', () => {
  it('converts minutes, hours and days', () => {
    expect(schedulingIntervalSeconds('')).toEqual({ seconds: 0 });
    expect(schedulingIntervalSeconds('5m')).toEqual({ seconds: 300 });
    expect(schedulingIntervalSeconds('1h')).toEqual({ seconds: 3600 });
    expect(schedulingIntervalSeconds('2d')).toEqual({ seconds: 172800 });
    expect(schedulingIntervalSeconds('0m')).toEqual({ seconds: 0 });
  });

  it('reports what Go would fail to parse', () => {
    expect(schedulingIntervalSeconds('5').error).toContain('missing unit');
    expect(schedulingIntervalSeconds('xd').error).toContain('invalid syntax');
    expect(schedulingIntervalSeconds('3s')).toEqual({ seconds: 3 });
  });

  it('the admission pattern admits "", 5m, 1h, 2d and refuses 3s, 0, 5', () => {
    const re = new RegExp(SCHEDULING_INTERVAL_PATTERN);
    for (const ok of ['', '5m', '1h', '2d', '10m']) expect(re.test(ok)).toBe(true);
    for (const bad of ['3s', '0', '5', '1h30m', 'm']) expect(re.test(bad)).toBe(false);
  });
});
