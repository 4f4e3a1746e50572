// Goal: a configured world boots, the app is placed and protected, fails over and relocates back.
import { describe, expect, it } from 'vitest';
import { buildEnvironment } from '../../sim/world/build-environment.js';
import { evaluateTarget } from '../../scenarios/runner/target.js';

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
    const ok = await env.world.runUntil(() => evaluateTarget(env, { drpc: { name: 'busybox', namespace: 'busybox' }, phase: 'Deployed', progression: 'Completed' }).ok, 30 * 60_000);
    const wall = performance.now() - t0;
    const types = new Map<string, number>();
    for (const e of env.world.trace.all()) types.set(e.type, (types.get(e.type) ?? 0) + 1);
    console.log('ok', ok, 'at', env.world.elapsedMs() / 1000, 's; events', env.world.trace.length, 'wall ms', wall.toFixed(0), [...types.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12));
    const st = env.world.trace.all().filter((e) => e.type === 'drpc.status' || e.type === 'vrg.status');
    console.log(st.map((e) => JSON.stringify(e)).join('\n'));
    const errs = env.world.trace.all().filter((e) => e.type === 'reconcile' && e.error);
    const byMsg = new Map<string, number>();
    for (const e of errs) byMsg.set(`${String(e.controller)}: ${String(e.error)}`, (byMsg.get(`${String(e.controller)}: ${String(e.error)}`) ?? 0) + 1);
    console.log(byMsg);
    const rej = new Map<string, number>(); for (const e of env.world.trace.all()) if (e.type === 'api.reject') { const k = `${String(e.cluster)} ${String(e.actor)} ${String(e.verb)} ${String(e.kind)}: ${String(e.message).slice(0, 200)}`; rej.set(k, (rej.get(k) ?? 0) + 1); } console.log(rej);
    expect(ok).toBe(true);
  });
});
