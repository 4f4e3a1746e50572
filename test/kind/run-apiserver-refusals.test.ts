// Goal: `drsim run --backend apiserver` refuses, before starting any server, a scenario asking for
// what the real-time backend cannot do, naming each offending line and what the backend supports;
// and it accepts every file in scenarios/realtime/.
// Method: the support check on parsed scenarios, and the real CLI in a child process (no server
// binary is needed: a refused file never gets that far).

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenarios/format/parse-scenario.js';
import { realTimeProblems } from '../../scenarios/runner/real-time-support.js';
import { loadScenario } from '../../scenarios/runner/run-scenario-file.js';

const scenario = (world: string, steps: string): string => `apiVersion: drsim/v1
kind: Scenario
metadata:
  name: t
spec:
  world:
${world}
    apps:
      - name: busybox
        pvcs: [data]
  steps:
${steps}
`;

describe('real-time support check', () => {
  it('names each unsupported fault by line, and what the backend supports', () => {
    const s = parseScenario(
      scenario(
        '    s3: shared',
        [
          '    - fault: { type: clusterDown, cluster: dr1 }',
          '    - fault: { type: controllerCrash, operator: hub, downFor: 1m }',
          '    - fault: { type: partition, from: dr1, to: "s3:minio" }',
          '    - fault: { type: s3Outage, endpoint: minio.minio.svc }',
          '    - fault: { type: s3Outage, endpoint: somewhere-else }',
          '    - fault: { type: replicationStall, cluster: dr2 }',
        ].join('\n'),
      ),
      'x.yaml',
    );
    const problems = realTimeProblems(s);
    expect(problems.map((p) => p.split(':').slice(0, 2).join(':'))).toEqual(['x.yaml:13', 'x.yaml:14', 'x.yaml:16', 'x.yaml:17']);
    expect(problems[0]).toContain('no controllerCrash fault (it supports clusterDown, clusterUp, hubDown, hubUp, partition, heal, healAll, s3Outage, s3Restore)');
    expect(problems[1]).toContain('use s3Outage');
    expect(problems[2]).toContain('one S3 endpoint');
    expect(problems[3]).toContain('no replicationStall fault');
  });

  it('refuses a world with an S3 store per cluster', () => {
    expect(realTimeProblems(parseScenario(scenario('    s3: per-cluster', '    - advance: 1m'), 'y.yaml'))).toEqual([
      'y.yaml: the apiserver backend runs one MinIO; declare `s3: shared` in the world',
    ]);
  });

  it('accepts every scenario in scenarios/realtime', () => {
    const dir = join('scenarios', 'realtime');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) expect(realTimeProblems(loadScenario(join(dir, f))), f).toEqual([]);
  });
});

describe('drsim run --backend apiserver on a file it cannot run', () => {
  it('exits 2, naming the lines, having started nothing', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'run', '--backend', 'apiserver', 'scenarios/library/controller-crash-mid-failover.yaml'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot run on the apiserver backend');
    expect(r.stderr).toMatch(/controller-crash-mid-failover\.yaml:\d+: hub operator crashed .*no controllerCrash fault/);
    expect(r.stderr).not.toContain('starting hub');
  });
});
