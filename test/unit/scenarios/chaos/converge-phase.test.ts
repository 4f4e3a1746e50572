// Goal: the heal-and-converge phase gives Ramen the time the modelled timers need and does not stop
// on a passing state. Method: a failover followed 10 s later by a hub restore (found by a campaign,
// seed 10010) leaves the app's work on the old primary to OCM's 60-minute eviction; the phase must
// reach past that eviction (not stop at its 45-minute default) and the app must then converge.

import { describe, expect, it } from 'vitest';
import { DEFAULT_EVICTION_GRACE_PERIOD_MS } from '../../../../sim/ocm/work-agent.js';
import { CONVERGE_TIMEOUT_MS_DEFAULT } from '../../../../scenarios/chaos/heal-and-converge.js';
import { parseScenario } from '../../../../scenarios/format/parse-scenario.js';
import { runScenarioChecked } from '../../../../scenarios/runner/run-result.js';

const FAILOVER_THEN_RESTORE = `
apiVersion: drsim/v1
kind: Scenario
metadata: { name: failover-then-hub-restore }
spec:
  seed: 1036885629
  world:
    clusters: [{ name: dr1, region: east }, { name: dr2, region: west }]
    storage: regional
    schedulingInterval: 1m
    s3: per-cluster
    apps:
      - { name: app1, namespace: app1, pvcs: [data1], writesPerMinute: 1, dataPath: volrep, cluster: dr1 }
  steps:
    - advance: 4m30s
    - failover: { drpc: app1, to: dr2 }
    - advance: 10s
    - fault: { type: hubRestore }
    - advance: 20s
`;

describe('heal-and-converge', () => {
  it('reaches past a pending OCM work eviction, and the app then converges', async () => {
    const { result, env } = await runScenarioChecked(parseScenario(FAILOVER_THEN_RESTORE, 'failover-then-hub-restore.yaml'), { converge: { settleMs: 60_000 } });
    const eviction = env.world.trace.all().find((e) => e.type === 'ocm.work.eviction.start');
    expect(eviction).toBeDefined();
    const convergeStartMs = 5 * 60_000;
    expect(eviction!.t + DEFAULT_EVICTION_GRACE_PERIOD_MS - convergeStartMs).toBeGreaterThan(CONVERGE_TIMEOUT_MS_DEFAULT);
    expect(result.virtualDurationMs).toBeGreaterThan(eviction!.t + DEFAULT_EVICTION_GRACE_PERIOD_MS);
    expect(result.invariants.find((i) => i.name === 'convergence')!.verdict).toBe('held');
    expect(result.apps[0]!.phase).toBe('FailedOver');
    expect(result.apps[0]!.progression).toBe('Completed');
  }, 120_000);
});
