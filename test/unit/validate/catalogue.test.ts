// Goal: docs/validate.md documents every finding code validate can emit, and every doctor breakage.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIM_BREAKAGES } from '../../../validate/doctor/sim-breakages.js';
import { FINDING_CODES } from '../../../validate/finding.js';

const doc = readFileSync('docs/validate.md', 'utf8');

describe('docs/validate.md catalogue', () => {
  it('lists every finding code', () => {
    expect(FINDING_CODES.filter((c) => !doc.includes(`\`${c}\``))).toEqual([]);
  });
  it('lists every --break name', () => {
    expect(SIM_BREAKAGES.map((b) => b.name).filter((n) => !doc.includes(`\`${n}\``))).toEqual([]);
  });
});
