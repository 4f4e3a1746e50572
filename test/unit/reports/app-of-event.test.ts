// Goal: the replay and reports put every hub event about a DRPC under that DRPC's app, including the
// pass brackets and purpose-tagged work writes the invariant checkers rely on. Method: a real
// simulated protect-and-failover run; every event naming a DRPC must map to the DRPC's namespace.

import { describe, expect, it } from 'vitest';
import { appNamespaceOf } from '../../../reports/trace/app-of-event.js';
import { buildEnvironment } from '../../../sim/world/build-environment.js';
import { HUB } from '../../../sim/world/world.js';
import { smallWorld } from '../scenarios/invariants/rig.js';

describe('app of an event', () => {
  it('every hub event that names a DRPC belongs to its app', async () => {
    const env = await buildEnvironment({ seed: 3, decl: smallWorld({ schedulingInterval: '1m' }) });
    await env.world.runFor(4 * 60_000);
    await env.world.client(HUB, 'user').patch({ apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'DRPlacementControl' }, { namespace: 'app1', name: 'app1' }, { spec: { action: 'Failover', failoverCluster: 'dr2' } });
    await env.world.runFor(4 * 60_000);
    const naming = env.world.trace.all().filter((e) => typeof e['drpc'] === 'string' && String(e['drpc']).includes('/'));
    const types = new Set(naming.map((e) => e.type));
    for (const t of ['hub.drpc.begin', 'hub.drpc.end', 'hub.drpc.pass', 'hub.vrg.write']) expect(types, t).toContain(t);
    const stray = naming.filter((e) => appNamespaceOf(e) !== 'app1').map((e) => e.type);
    expect([...new Set(stray)]).toEqual([]);
  });
});
