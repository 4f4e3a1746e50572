// The campaign the test suite runs: a few hundred short runs of one protected VolRep app under the
// faults that leave the known findings (scenarios/chaos/findings) out, one user action per run. The
// campaign is split over two test files by shard, so the runner can use two workers.

import type { CampaignOptions } from '../../../../scenarios/chaos/campaign.js';

export const SUITE_CAMPAIGN_RUNS = 200;

export function suiteCampaign(shardIndex: number): CampaignOptions {
  return {
    runs: SUITE_CAMPAIGN_RUNS,
    seed: 1,
    shard: { index: shardIndex, count: 2 },
    runLengthMs: 5 * 60_000,
    apps: 1,
    // Left out: replicationStall and peerPartition (finding F1); clusterDown and partition (F3, F3b:
    // a relocate within OCM's grace period after a cluster becomes unreachable trusts its stale view);
    // VolSync apps (F2); more than one action per run (F3, F4).
    faults: ['s3Outage', 'controllerCrash', 'clockSkew', 'hubDown', 'hubRestore'],
    maxActions: 1,
    volSync: false,
    writesPerMinuteMax: 6,
    convergeSettleMs: 60_000,
    shrinkBudgetMs: 30_000,
    stopOnFailure: false,
  };
}
