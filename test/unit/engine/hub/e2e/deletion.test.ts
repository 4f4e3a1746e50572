// Goal: deleting a DRPC (hub spec §12, L8) removes the secondary VRG work before the primary (S11), then
// views, namespace works (orphaned: namespaces survive, S17), recipe works and both finalizers.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import type { HubEvent } from '../hub-rig.js';
import { RAMEN_API, WORK_API, hubRig } from '../hub-rig.js';
import { HUB } from '../../../../../sim/world/world.js';

const MIN = 60_000;

describe('DRPC deletion', () => {
  it('leaves nothing behind', async () => {
    const rig = await hubRig({ seed: 61 });
    const w = rig.env.world;
    expect(await rig.untilState('Deployed', 'Completed', 15 * MIN, { protectedTrue: true })).toBe(true);
    const t0 = w.elapsedMs();
    await w.client(HUB, 'admin').delete({ apiVersion: RAMEN_API, kind: 'DRPlacementControl' }, { namespace: 'busybox', name: 'busybox' });
    expect(await rig.runUntil(() => rig.drpc() === undefined, 20 * MIN)).toBe(true);
    await w.runFor(5 * MIN);

    const events = rig.since(t0);
    const phases = events.flatMap((h) => (h.kind === 'drpc' ? [`${h.phase}/${h.progression}`] : []));
    expect(phases).toContain('Deleting/Deleting');
    const deletes = events.filter((h): h is Extract<HubEvent, { kind: 'work' }> => h.kind === 'work' && h.verb === 'delete').map((h) => h.cluster);
    expect(deletes).toEqual(['dr2', 'dr1']);

    const works = w.peekAll(HUB, WORK_API, 'ManifestWork').map((m) => m.metadata.name);
    expect(works.filter((n) => n.startsWith('busybox-busybox-'))).toEqual([]);
    const views = w.peekAll(HUB, 'view.open-cluster-management.io/v1beta1', 'ManagedClusterView').map((m) => m.metadata.name);
    expect(views.filter((n) => n.startsWith('busybox-'))).toEqual([]);
    const placement = w.peek<KubeObject>(HUB, 'cluster.open-cluster-management.io/v1beta1', 'Placement', 'busybox-placement', 'busybox')!;
    expect(placement.metadata.finalizers ?? []).not.toContain('drpc.ramendr.openshift.io/finalizer');
    for (const c of ['dr1', 'dr2']) {
      expect(w.peekAll(c, RAMEN_API, 'VolumeReplicationGroup', 'busybox')).toEqual([]);
      expect(w.peek(c, 'v1', 'Namespace', 'busybox')).toBeDefined();
    }
  }, 120_000);
});
