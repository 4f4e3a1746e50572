// Goal: the invariants have teeth: a chaos campaign with each deliberately broken operator variant
// switched on catches it within the documented budget of runs, by one of the invariants the variant
// is meant to trip, and the shrunk reproduction replays exactly. Method: measureDetection with the
// profile of docs/invariants.md ("Broken variants"), the same one bench/variant-detection.ts records.

import { describe, expect, it } from 'vitest';
import { BROKEN_VARIANTS } from '../../scenarios/variants/catalog.js';
import { DETECTION_PROFILE, measureDetection } from '../../scenarios/variants/detection.js';

const PROFILE = DETECTION_PROFILE;

describe('broken variants are caught', () => {
  for (const variant of BROKEN_VARIANTS) {
    it(`${variant.name} within ${PROFILE.runs} runs`, async () => {
      const f = await measureDetection(variant, PROFILE);
      expect(f, JSON.stringify(f)).toMatchObject({ caught: true, expected: true, reproduced: true });
      expect(f.shrunkSize!).toBeLessThanOrEqual(f.originalSize!);
    }, 300_000);
  }
});
