// Goal: the Markdown summary gives the counts, the fault kinds exercised, one row per scenario and the
// top failures with their replay commands, and says when it covers only one shard.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../reports/markdown.js';
import { campaign, failingRun, passingRun, shardsOf } from './fixtures/results.js';

describe('renderMarkdown', () => {
  it('leads with the verdict and the counts', () => {
    const md = renderMarkdown({ campaigns: [campaign('nightly', 1, 10, [3, 7])], runs: [] });
    expect(md.split('\n')[0]).toBe('## ❌ drsim: 2 of 10 runs failed');
    expect(md).toContain('| Seeds | 1-10 |');
    expect(md).toContain('| Passed | 8 |');
    expect(md).toContain('| Failed | 2 |');
    expect(md).toContain('| Fault kinds exercised | `heal`, `partition`, `s3Outage`, `s3Restore` |');
  });

  it('says all passed when nothing failed', () => {
    expect(renderMarkdown({ campaigns: [], runs: [passingRun()] }, { title: 'conformance' }).split('\n')[0]).toBe('## ✅ conformance: all 1 run passed');
  });

  it('has a row per scenario with the worst RPO and lost writes', () => {
    const md = renderMarkdown({ campaigns: [], runs: [passingRun({ scenario: 'a' }), passingRun({ scenario: 'b', seed: 2, apps: [] })] });
    expect(md).toContain('| a | 1 | 1 | 0 | 2m05s (3 writes) | 3 |');
    expect(md).toContain('| b | 1 | 1 | 0 | - | 0 |');
  });

  it('groups failures by invariant, most frequent first, each with a replay command', () => {
    const runs = [
      failingRun({ seed: 5 }),
      failingRun({ seed: 9 }),
      failingRun({ seed: 11, invariants: [{ name: 'convergence', verdict: 'violated', explanation: 'DRPC never reached Deployed', violations: [] }], replayCommand: 'drsim run x --seed 11' }),
    ];
    const md = renderMarkdown({ campaigns: [], runs });
    const top = md.slice(md.indexOf('### Top failures'));
    expect(top.indexOf('fencing-before-promotion')).toBeLessThan(top.indexOf('convergence'));
    expect(top).toContain('**fencing-before-promotion** in 2 runs (failover-primary-lost; seeds 5, 9)');
    expect(top).toContain('drsim run scenarios/library/failover-primary-lost.yaml --seed 5');
    expect(top).toContain('drsim run x --seed 11');
  });

  it('cuts the failure list at topFailures', () => {
    const runs = [1, 2, 3].map((seed) => failingRun({ seed, invariants: [{ name: `inv-${seed}`, verdict: 'violated', explanation: 'x', violations: [] }] }));
    const md = renderMarkdown({ campaigns: [], runs }, { topFailures: 2 });
    expect(md).toContain('…and 1 more failure kind;');
    expect(md).not.toContain('inv-3**');
  });

  it('marks a shard as partial', () => {
    const [first] = shardsOf(campaign('nightly', 1, 4), 2);
    expect(renderMarkdown({ campaigns: [first!], runs: [] })).toContain('nightly is shard 1 of 2');
  });

  it('escapes pipes so a scenario name cannot break the table', () => {
    expect(renderMarkdown({ campaigns: [], runs: [passingRun({ scenario: 'a|b' })] })).toContain('| a\\|b | 1 |');
  });
});
