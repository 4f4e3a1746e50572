// Goal: a configured world boots, the app is placed and writes data.
import { describe, expect, it } from 'vitest';
import { buildEnvironment } from '../../sim/world/build-environment.js';

describe('smoke', () => {
  it('boots', async () => {
    const env = await buildEnvironment({
      seed: 1,
      decl: {
        clusters: [
          { name: 'dr1', region: 'east' },
          { name: 'dr2', region: 'west' },
        ],
        storage: 'regional',
        schedulingInterval: '5m',
        s3: 'per-cluster',
        ramen: 'configured',
        apps: [{ name: 'busybox', namespace: 'busybox', pvcs: [{ name: 'data', size: '1Gi' }], writesPerMinute: 60, dataPath: 'volrep', kubeObjectProtection: false, protection: 'drpc', cluster: 'dr1' }],
      },
    });
    const t0 = performance.now();
    await env.world.runFor(15 * 60_000);
    const wall = performance.now() - t0;
    const types = new Map<string, number>();
    for (const e of env.world.trace.all()) types.set(e.type, (types.get(e.type) ?? 0) + 1);
    console.log('events', env.world.trace.length, 'wall ms', wall.toFixed(0), [...types.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15));
    console.log('running on', env.appRunningOn('busybox'), 'acked', env.ledger.acked('busybox/busybox').length);
    const rejects = env.world.trace.all().filter((e) => e.type === 'api.reject' || (e.type === 'reconcile' && e.error)).slice(0, 10);
    console.log(JSON.stringify(rejects, null, 1));
    const wc = new Map<string, number>(); for (const e of env.world.trace.all()) if (e.type === 'watch.closed') wc.set(String(e.controller) + ' ' + String(e.kind) + ' ' + String(e.reason), (wc.get(String(e.controller) + ' ' + String(e.kind)+ ' ' + String(e.reason)) ?? 0) + 1); console.log(wc);
    expect(env.appRunningOn('busybox')).toEqual(['dr1']);
  });
});
