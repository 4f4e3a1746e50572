// Goal: `drsim doctor` as a user runs it: the checklist on a simulated environment, a deliberately
// broken one failing with exit 1, JSON output, and a clear usage error for real backends.

import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerDoctor } from '../../../cli/commands/doctor.js';

async function drsim(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const program = new Command('drsim').exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerDoctor(program, { isTty: () => false });
  // Results set process.exitCode (as under cli/main.ts); usage errors throw under exitOverride.
  const saved = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'drsim', ...args]);
    return { code: Number(process.exitCode ?? 0), out, err };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, out, err };
    throw e;
  } finally {
    process.exitCode = saved;
  }
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

  it('real clusters need the apiserver backend: a usage error that says so, exit 2', async () => {
    for (const args of [['--backend', 'apiserver'], ['--kubeconfig', '/tmp/kubeconfig', '--context', 'hub']]) {
      const r = await drsim(['doctor', ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('needs the apiserver backend');
    }
  });

  it('usage errors exit 2: an unknown breakage, a bad duration', async () => {
    expect(await drsim(['doctor', '--break', 'nope'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown --break "nope"') });
    expect((await drsim(['doctor', '--settle', 'soon'])).code).toBe(2);
  });
});
