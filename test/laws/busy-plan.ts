// A busy chaos plan shared by the law tests: two apps (VolRep), faults of several kinds and DR actions.

import type { ChaosPlan } from '../../scenarios/chaos/chaos-plan.js';

export const BUSY_PLAN: ChaosPlan = {
  worldSeed: 4242,
  world: {
    clusters: [
      { name: 'dr1', region: 'east' },
      { name: 'dr2', region: 'west' },
    ],
    storage: 'regional',
    schedulingInterval: '1m',
    s3: 'per-cluster',
    ramen: 'configured',
    apps: [
      { name: 'app1', namespace: 'app1', pvcs: [{ name: 'data1', size: '1Gi' }, { name: 'data2', size: '1Gi' }], writesPerMinute: 30, dataPath: 'volrep', kubeObjectProtection: false, protection: 'drpc', cluster: 'dr1' },
      { name: 'app2', namespace: 'app2', pvcs: [{ name: 'data1', size: '1Gi' }], writesPerMinute: 12, dataPath: 'volrep', kubeObjectProtection: false, protection: 'drpc', cluster: 'dr2' },
    ],
  },
  runLengthMs: 20 * 60_000,
  faults: [
    { kind: 'partition', from: 'hub', to: 'dr2', oneWay: false, atMs: 120_000, durationMs: 90_000 },
    { kind: 's3Outage', cluster: 'dr1', atMs: 200_000, durationMs: 120_000 },
    { kind: 'controllerCrash', node: 'hub', atMs: 400_000, durationMs: 60_000 },
    { kind: 'clusterDown', cluster: 'dr1', atMs: 600_000, durationMs: 300_000 },
    { kind: 'clockSkew', cluster: 'dr2', offsetMs: 30_000, atMs: 700_000, durationMs: 600_000 },
  ],
  actions: [
    { atMs: 420_000, app: 'app2', kind: 'relocate', to: 'dr1' },
    { atMs: 640_000, app: 'app1', kind: 'failover', to: 'dr2' },
  ],
};
