// Goal: `drsim run` keeps its contract with users and CI: JSON fields, exit codes (0 pass, 1 fail,
// 2 malformed input), errors that name the file and line, and a trace file that replays.
// Method: run the real CLI in a child process, as a user would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function drsim(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'drsim-cli-'));

describe('drsim run', () => {
  it('prints the result as JSON with the documented fields and exits 0 on a pass', () => {
    const trace = join(dir, 'enable.ndjson');
    const r = drsim('run', 'scenarios/library/enable-protection.yaml', '--json', '--trace', trace);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of ['scenario', 'seed', 'backend', 'passed', 'invariants', 'apps', 'virtualDurationMs', 'wallMs', 'traceDigest']) expect(out).toHaveProperty(k);
    expect(out.passed).toBe(true);
    expect((out.invariants as unknown[]).length).toBeGreaterThan(5);
    const lines = readFileSync(trace, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(100);
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'world.created', seq: 0 });
  });

  it('exits 1 and names the failed step and its line when an expectation fails', () => {
    const file = join(dir, 'wrong.yaml');
    writeFileSync(
      file,
      ['apiVersion: drsim/v1', 'kind: Scenario', 'metadata: { name: wrong-expectation }', 'spec:', '  world:', '    apps: [{ name: busybox }]', '  steps:', '    - waitFor: { drpc: busybox, phase: Deployed, timeout: 30m }', '    - expect: { app: busybox, runningOn: dr2 }', ''].join('\n'),
    );
    const r = drsim('run', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}:9`);
    expect(r.stdout).toContain('expected dr2');
    expect(r.stdout).toMatch(/replay: npx drsim run .*wrong\.yaml --seed 1/);
  });

  it('exits 2 on a malformed scenario, naming file, line and field, and runs nothing', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, ['apiVersion: drsim/v1', 'kind: Scenario', 'metadata: { name: bad }', 'spec:', '  steps:', '    - fault: { type: clusterDwn, cluster: dr1 }', ''].join('\n'));
    const r = drsim('run', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: spec\.world: a scenario needs a world/);
  });

  it('rejects a bad option value saying what is valid', () => {
    const r = drsim('run', 'x.yaml', '--backend', 'docker');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a backend is one of sim, apiserver, kind');
  });
});
