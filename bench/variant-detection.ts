// Re-measures the broken-variant figures of docs/invariants.md ("Broken variants"): one campaign per
// variant with the documented profile, one JSON line each on stdout (scenarios/variants/
// detection-figures.jsonl holds the last run). Progress goes to stderr.
//   npx tsx bench/variant-detection.ts > scenarios/variants/detection-figures.jsonl

import { BROKEN_VARIANTS } from '../scenarios/variants/catalog.js';
import { DETECTION_PROFILE, measureDetection } from '../scenarios/variants/detection.js';

const PROFILE = DETECTION_PROFILE;

for (const variant of BROKEN_VARIANTS) {
  process.stderr.write(`${variant.name}: campaign of up to ${PROFILE.runs} runs...\n`);
  const figures = await measureDetection(variant, PROFILE);
  process.stderr.write(`${variant.name}: ${figures.caught ? `caught after ${figures.runsToDetection} runs by ${figures.invariant}` : 'not caught'} (${Math.round(figures.wallMs / 1000)} s)\n`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
