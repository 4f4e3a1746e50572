// Goal: lastSyncDuration is written and read as Go's time.Duration strings. Method: a table of
// values checked both ways, and a property that parsing inverts formatting.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration } from '../../../../../engine/api/storage/go-duration.js';

describe('Go durations', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [1_000, '1s'],
    [1_500, '1.5s'],
    [90_000, '1m30s'],
    [3_600_000, '1h0m0s'],
    [3_723_250, '1h2m3.25s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
    expect(parseGoDuration(text)).toBe(ms);
  });

  it('parses what it formats', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 10 }), (ms) => parseGoDuration(formatGoDuration(ms)) === ms));
  });

  it('refuses what Go refuses', () => {
    expect(parseGoDuration('1d')).toBeUndefined();
    expect(parseGoDuration('5')).toBeUndefined();
  });
});
