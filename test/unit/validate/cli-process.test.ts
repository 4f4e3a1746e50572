// Goal: through the real entry point (bin/drsim.mjs → cli/main.ts), `drsim validate` exits 1 on
// errors, 0 when clean and 2 on usage errors: main's mapping of CommanderErrors must not turn
// validation failures into usage errors.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function drsim(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/drsim.mjs', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('drsim validate as a process', () => {
  it('exit status 1 on errors, 0 when clean, 2 on usage errors', () => {
    const bad = drsim('validate', '--cluster', 'hub', 'test/fixtures/manifests/guide/row11-drpolicy-odf.yaml');
    expect(bad.stdout).toContain('strict decoding error: unknown field "spec.drClusterSet"');
    expect(bad.status).toBe(1);
    expect(drsim('validate', 'test/fixtures/manifests/good').status).toBe(0);
    expect(drsim('validate', '--cluster', 'somewhere', 'test/fixtures/manifests/good').status).toBe(2);
  });
});
