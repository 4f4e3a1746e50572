// Goal: the JUnit XML is well-formed, counts runs and failures right, names cases by scenario or seed,
// and carries the invariant's explanation and the replay command in each failure.
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../reports/junit.js';
import { campaign, failingRun, passingRun } from './fixtures/results.js';
import { findAll, parseXml } from './fixtures/mini-xml.js';

describe('renderJunit', () => {
  it('counts tests and failures per suite and in total', () => {
    const xml = renderJunit({ campaigns: [campaign('nightly', 100, 5, [101, 104])], runs: [passingRun(), failingRun({ scenario: 'relocate-during-partition' })] });
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ tests: '7', failures: '3', errors: '0' });
    const suites = findAll(root, 'testsuite');
    expect(suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures])).toEqual([
      ['nightly', '5', '2'],
      ['scenarios', '2', '1'],
    ]);
    expect(findAll(root, 'testcase')).toHaveLength(7);
    expect(findAll(root, 'failure')).toHaveLength(3);
  });

  it('names a campaign case by its seed and a scenario run by its scenario', () => {
    const root = parseXml(renderJunit({ campaigns: [campaign('nightly', 100, 2)], runs: [passingRun()] }));
    expect(findAll(root, 'testcase').map((c) => c.attrs.name)).toEqual(['seed 100', 'seed 101', 'failover-primary-lost']);
  });

  it('puts the explanation in the failure message and the replay command in its body', () => {
    const run = failingRun({ seed: 42 });
    const root = parseXml(renderJunit({ campaigns: [], runs: [run] }));
    const failure = findAll(root, 'failure')[0]!;
    expect(failure.attrs.type).toBe('fencing-before-promotion');
    // The explanation has &, < and > in it: they must survive the round trip through XML escaping.
    expect(failure.attrs.message).toBe('fencing-before-promotion: dr2 was promoted while dr1 was not fenced & still <writing>');
    expect(failure.text).toContain('replay: drsim run scenarios/library/failover-primary-lost.yaml --seed 42');
    expect(failure.text).toContain('trace events 2201, 2204');
  });

  it('reports a failed scenario step when no invariant was violated', () => {
    const run = passingRun({ passed: false, steps: [{ label: 'waitFor drpc busybox phase FailedOver', line: 40, ok: false, message: 'not reached within 10m', atMs: 1_200_000 }] });
    const failure = findAll(parseXml(renderJunit({ campaigns: [], runs: [run] })), 'failure')[0]!;
    expect(failure.attrs.message).toContain('waitFor drpc busybox phase FailedOver');
    expect(failure.attrs.message).toContain('line 40');
  });

  it('replaces characters XML forbids instead of writing an unparsable file', () => {
    const run = failingRun({ invariants: [{ name: 'x', verdict: 'violated', explanation: 'bell \u0007 here', violations: [] }] });
    expect(() => parseXml(renderJunit({ campaigns: [], runs: [run] }))).not.toThrow();
  });

  it('lists runs in a canonical order whatever order they came in', () => {
    const c = campaign('nightly', 1, 6);
    const shuffled = { ...c, runs: [...c.runs].reverse() };
    expect(renderJunit({ campaigns: [shuffled], runs: [] })).toBe(renderJunit({ campaigns: [c], runs: [] }));
  });
});
