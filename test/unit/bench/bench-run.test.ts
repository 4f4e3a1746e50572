// Goal: `npm run bench` works end to end and its JSON keeps its shape, so figures stay comparable
// across commits. Method: run bench/run.ts in its tiny configuration (every benchmark, minimal sizes)
// as a child process, then check the table and the JSON document it prints. Timings are never
// asserted: they depend on the machine. The real-server benchmark (g) takes minutes, so here it is
// only seen skipping: by mode, and, named explicitly, for want of binaries.

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../../../bench/lib/suite.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'drsim-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench (tiny configuration)', () => {
  it('prints a table row per figure and one JSON report with every benchmark', { timeout: 300_000 }, async () => {
    const out = join(dir, 'bench.json');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--tiny', '--json-out', out], { maxBuffer: 64 * 1024 * 1024 });
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^\| benchmark/);
    const rows = lines.filter((l) => /^\| \([a-g]\)/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(7);

    // The JSON on stdout (after the table) is the one written to --json-out.
    const printed = JSON.parse(stdout.slice(stdout.indexOf('\n{') + 1)) as BenchReport;
    const report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
    expect(printed).toEqual(report);

    expect(report.schema).toBe('drsim-bench/v1');
    expect(report.mode).toBe('tiny');
    expect(report.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
    expect(typeof report.dirty).toBe('boolean');
    expect(report.node).toBe(process.version);
    expect(report.cores).toBeGreaterThan(0);
    expect(typeof report.loadAverage.start).toBe('number');
    expect(Object.keys(report.results).sort()).toEqual(['apiserver', 'chaos', 'core', 'cycle', 'invariants', 'scale', 'world']);
    // Not named, the real-server benchmark says why it did not run and how to run it.
    expect(report.results.apiserver).toMatchObject({ status: 'skipped', leftovers: [] });
    expect(report.results.apiserver!.reason).toMatch(/tiny mode.*--only apiserver/);

    const { world, cycle, scale, chaos, invariants, core } = report.results;
    expect(world).toMatchObject({ apps: 2, pvcs: 4, target: { speedup: 10_000 } });
    expect(typeof world!.speedup).toBe('number');
    expect(world!.events).toBeGreaterThan(0);
    expect(world!.traceDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof world!.target.met).toBe('boolean');

    expect(cycle).toMatchObject({ runs: 1, allPassed: true, deterministic: true, target: { medianWallMs: 10 } });
    expect(Object.keys(cycle!.phasesWallMs)).toEqual(['enable', 'failover', 'cleanup', 'relocate', 'disable']);

    expect(scale!.points.map((p) => p.apps)).toEqual([1, 2]);
    for (const p of scale!.points) {
      expect(p.error).toBeUndefined();
      expect(p.reached).toBe(true);
      expect(p.maxRssMiB).toBeGreaterThan(0);
    }
    expect(typeof scale!.timeExponent).toBe('number');
    expect(scale!.targets.map((t) => t.apps)).toEqual([1000, 10_000]);

    expect(chaos!.status).toBe('measured');
    expect(invariants!.status).toBe('online');
    expect(chaos!.target).toMatchObject({ runs: 2000, wallMs: 300_000 });
    expect(invariants!.target).toMatchObject({ wallMsPer100k: 2000 });

    expect(core!.map((r) => r.name)).toEqual(['kernel: no-op events', 'idle world: no apps', 'busy world: 1 apps, 2 PVCs']);
    for (const r of core!) expect(r.events).toBeGreaterThan(0);

    for (const r of report.rows) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['benchmark', 'figure', 'measured', 'target', 'met']));
      expect([true, false, null]).toContain(r.met);
    }
  });

  it('--only g names the apiserver benchmark, which then runs in tiny mode too and, without binaries, skips naming the command that provides them', { timeout: 60_000 }, async () => {
    const empty = join(dir, 'no-binaries');
    mkdirSync(empty);
    const env = { ...process.env, DRSIM_BIN_DIR: empty, DRSIM_BACKENDS_CACHE: empty };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--tiny', '--only', 'g'], { env });
    const report = JSON.parse(stdout.slice(stdout.indexOf('\n{') + 1)) as BenchReport;
    expect(Object.keys(report.results)).toEqual(['apiserver']);
    const a = report.results.apiserver!;
    expect(a).toMatchObject({ status: 'skipped', leftovers: [] });
    expect(a.reason).not.toMatch(/tiny mode/);
    expect(a.reason).toContain(empty);
    const command = /`bash (scripts\/backends\/\S+\.sh)`/.exec(a.reason ?? '');
    expect(command).not.toBeNull();
    expect(existsSync(command![1]!)).toBe(true);
    expect(stdout.split('\n').filter((l) => l.startsWith('| (g) apiserver'))).toHaveLength(1);
  });
});
