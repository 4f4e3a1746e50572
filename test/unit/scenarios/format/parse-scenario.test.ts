// Goal: scenario files parse into typed steps, and every mistake is reported with file, line, field
// and what would be valid, before anything runs.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenarios/format/parse-scenario.js';
import { ScenarioError } from '../../../../scenarios/format/yaml-reader.js';
import { parseDuration } from '../../../../scenarios/format/duration.js';

const GOOD = `apiVersion: drsim/v1
kind: Scenario
metadata:
  name: failover-primary-lost
  description: the primary cluster is lost and the app fails over
spec:
  seed: 7
  world:
    schedulingInterval: 5m
    apps:
      - name: busybox
        pvcs: [data, logs]
        writesPerMinute: 120
  steps:
    - waitFor: { drpc: busybox, phase: Deployed, progression: Completed, timeout: 10m }
    - fault: { type: clusterDown, cluster: dr1 }
    - failover: { drpc: busybox, to: dr2 }
    - waitFor: { drpc: busybox, phase: FailedOver, conditions: { Available: "True" }, timeout: 15m }
    - expect: { app: busybox, runningOn: dr2 }
    - advance: 1h30m
`;

function errorOf(text: string): ScenarioError {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw err;
  }
  throw new Error('expected a ScenarioError');
}

describe('parseScenario', () => {
  it('reads a well-formed scenario with defaults filled in', () => {
    const s = parseScenario(GOOD, 'good.yaml');
    expect(s.seed).toBe(7);
    expect(s.world.clusters.map((c) => c.name)).toEqual(['dr1', 'dr2']);
    expect(s.world.apps[0]).toMatchObject({ name: 'busybox', namespace: 'busybox', cluster: 'dr1', dataPath: 'volrep', protection: 'drpc' });
    expect(s.world.apps[0]!.pvcs.map((p) => p.name)).toEqual(['data', 'logs']);
    expect(s.steps.map((x) => x.kind)).toEqual(['waitFor', 'fault', 'failover', 'waitFor', 'expect', 'advance']);
    const w = s.steps[0]!;
    expect(w.kind === 'waitFor' && w.timeoutMs).toBe(600_000);
    expect(w.line).toBe(15);
    const last = s.steps[5]!;
    expect(last.kind === 'advance' && last.durationMs).toBe(5_400_000);
  });

  it('names the line, field and valid values of a bad enum, with a suggestion', () => {
    const e = errorOf(GOOD.replace('type: clusterDown', 'type: clusterDwn'));
    expect(e.line).toBe(16);
    expect(e.field).toBe('spec.steps[1].fault.type');
    expect(e.message).toContain('did you mean "clusterDown"');
  });

  it('rejects an unknown cluster with the valid ones', () => {
    const e = errorOf(GOOD.replace('to: dr2', 'to: dr3'));
    expect(e.field).toBe('spec.steps[2].failover.to');
    expect(e.message).toContain('valid: dr1, dr2');
  });

  it('rejects a bad duration and says what a duration looks like', () => {
    const e = errorOf(GOOD.replace('advance: 1h30m', 'advance: soon'));
    expect(e.line).toBe(20);
    expect(e.message).toMatch(/duration such as 30s, 5m/);
  });

  it('rejects unknown fields with a hint', () => {
    const e = errorOf(GOOD.replace('writesPerMinute: 120', 'writesPerMinut: 120'));
    expect(e.field).toBe('spec.world.apps[0].writesPerMinut');
    expect(e.message).toContain('did you mean "writesPerMinute"');
  });

  it('rejects a schedulingInterval Ramen would not accept', () => {
    const e = errorOf(GOOD.replace('schedulingInterval: 5m', 'schedulingInterval: 5s'));
    expect(e.message).toContain('number followed by m, h or d');
  });

  it('reports broken YAML with its position', () => {
    const e = errorOf('apiVersion: drsim/v1\nkind: [unclosed\n');
    expect(e.message).toMatch(/bad\.yaml:\d+:\d+: not valid YAML/);
  });

  it('parses durations and refuses garbage', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('5 minutes')).toBeUndefined();
  });
});
