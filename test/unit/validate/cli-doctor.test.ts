// Goal: `drsim doctor` as a user runs it: the checklist on a simulated environment, a deliberately
// broken one failing with exit 1, JSON output, and clear usage errors when real clusters are named wrongly (the doctor on real
// clusters: test/kind/doctor-apiserver.test.ts).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerDoctor } from '../../../cli/commands/doctor.js';
import { runInProcess, type CliRun } from '../../support/cli-in-process.js';
import { kubeconfigYaml } from '../../../kind/control-plane/kubeconfig.js';

function drsim(args: string[]): Promise<CliRun> {
  return runInProcess((program) => registerDoctor(program, { isTty: () => false }), args);
}

describe('drsim doctor', () => {
  it('a simulated configured environment: every check ok, exit 0', async () => {
    const r = await drsim(['doctor']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('[ ok ] hub ConfigMap ramen-system/ramen-hub-operator-config with top-level s3StoreProfiles');
    expect(r.out.trim().split('\n').at(-1)).toBe('17 ok, 0 warn, 0 fail');
  });

  it('--break s3-outage --json: the failing check with its fix, exit 1', async () => {
    const r = await drsim(['doctor', '--break', 's3-outage', '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { backend: string; summary: { fail: number }; checks: { id: string; status: string; fix?: string }[] };
    expect(report.backend).toBe('sim');
    expect(report.summary.fail).toBe(1);
    expect(report.checks.find((c) => c.status === 'fail')).toMatchObject({ id: 's3-endpoint.minio-on-dr1', fix: expect.stringContaining('reachable') });
  });

  it('a warning fails only with --fail-on-warnings', async () => {
    expect((await drsim(['doctor', '--break', 'terminating-s3-secret'])).code).toBe(0);
    expect((await drsim(['doctor', '--break', 'terminating-s3-secret', '--fail-on-warnings'])).code).toBe(1);
  });

  it('real clusters named wrongly: a usage error that says what is missing, exit 2, before any request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drsim-doctor-'));
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigYaml('hub', 'https://127.0.0.1:1', 'token'));
    try {
      const cases: [string[], string][] = [
        [['--kubeconfig', kubeconfig, '--context', 'hub'], 'at least two'],
        [['--kubeconfig', kubeconfig, '--context', 'hub', '--context', 'dr1=kind-dr1'], 'has no context "kind-dr1" (it has hub)'],
        [['--kubeconfig', join(dir, 'missing'), '--context', 'hub', '--context', 'dr1'], `cannot read kubeconfig ${join(dir, 'missing')}`],
        [['--context', 'hub', '--context', 'dr1'], '--context needs --kubeconfig'],
        [['--backend', 'kind'], '--context kind-drsim-hub --context dr1=kind-drsim-dr1'],
        [['--backend', 'apiserver', '--break', 's3-outage'], 'break things with kubectl'],
      ];
      for (const [args, message] of cases) {
        const r = await drsim(['doctor', ...args]);
        expect(r, args.join(' ')).toMatchObject({ code: 2, err: expect.stringContaining(message) });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('usage errors exit 2: an unknown breakage, a bad duration', async () => {
    expect(await drsim(['doctor', '--break', 'nope'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown --break "nope"') });
    expect((await drsim(['doctor', '--settle', 'soon'])).code).toBe(2);
  });
});
