// Goal: a run's closing summary states what the backend can honestly claim: the simulator its speed-up
// and reproducible trace digest, real servers only the wall time they took.

import { describe, expect, it } from 'vitest';
import { formatRunSummary } from '../../cli/summary.js';
import { passingRun } from '../unit/reports/fixtures/results.js';

describe('run summary', () => {
  it('the simulator: virtual over wall time and the digest', () => {
    const text = formatRunSummary(passingRun({ backend: 'sim', virtualDurationMs: 600_000, wallMs: 300 }), 'x.yaml');
    expect(text).toContain('simulated 600s in 0.30s wall (2000x)');
    expect(text).toContain('trace digest ');
  });

  it('real servers: the wall time, no speed-up, no digest', () => {
    const text = formatRunSummary(passingRun({ backend: 'apiserver', virtualDurationMs: 181_000, wallMs: 181_000 }), 'x.yaml');
    expect(text).toContain('ran 181s on real servers (apiserver)');
    expect(text).not.toContain('simulated');
    expect(text).not.toContain('trace digest');
  });
});
