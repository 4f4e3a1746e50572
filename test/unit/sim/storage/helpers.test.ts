// Goal: the small parsers the storage agents rely on read their inputs as the real components do:
// CIDR containment for fencing, and schedulingInterval as the storage (m/h/d) and as csi-addons
// (Go durations, half the interval above two minutes, an hour when unparseable). Method: tables.

import { describe, expect, it } from 'vitest';
import { cidrContains, isValidCidr } from '../../../../sim/storage/cidr.js';
import { infoRefreshIntervalMs, mirrorIntervalMs } from '../../../../sim/storage/scheduling-interval.js';

describe('cidrContains', () => {
  it.each([
    ['10.1.0.0/16', '10.1.2.0/24', true],
    ['10.1.0.0/16', '10.1.0.0/16', true],
    ['10.1.0.0/16', '10.2.0.0/24', false],
    ['10.1.2.0/24', '10.1.0.0/16', false],
    ['0.0.0.0/0', '192.168.1.1/32', true],
    ['10.1.0.0/16', '10.1.9.9', true],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(cidrContains(outer, inner)).toBe(expected);
  });

  it('validates CIDRs', () => {
    expect(isValidCidr('10.0.0.0/8')).toBe(true);
    expect(isValidCidr('10.0.0.0')).toBe(false);
    expect(isValidCidr('300.0.0.0/8')).toBe(false);
  });
});

describe('schedulingInterval', () => {
  it.each([
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['30s', 30_000],
    ['0m', undefined],
    ['soon', undefined],
  ])('the storage reads %s as %s ms', (text, ms) => {
    expect(mirrorIntervalMs(text)).toBe(ms);
  });

  it.each([
    ['1m', 60_000],
    ['5m', 150_000],
    ['1d', 3_600_000],
    ['', 3_600_000],
  ])('csi-addons refreshes info for %s every %s ms', (text, ms) => {
    expect(infoRefreshIntervalMs(text)).toBe(ms);
  });
});
