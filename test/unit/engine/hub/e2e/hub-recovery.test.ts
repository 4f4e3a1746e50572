// Goal: after the hub is restored from an OCM hub backup (DRPC back without status, works and views
// gone), the hub adopts the VRGs it finds, the recovery check continues, and the DRPC returns to
// Deployed/Completed without redeploying (hub spec §5.5, §8, L5).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import { hubRig } from '../hub-rig.js';

const MIN = 60_000;

describe('hub recovery', () => {
  it('rebuilds the status of a deployed DRPC on a restored hub', async () => {
    const rig = await hubRig({ seed: 81 });
    const w = rig.env.world;
    expect(await rig.untilState('Deployed', 'Completed', 15 * MIN, { protectedTrue: true })).toBe(true);
    const oldUid = rig.drpc()!.metadata.uid;
    await rig.env.faults.inject({ type: 'hubDown' });
    await w.runFor(10 * MIN);
    const t0 = w.elapsedMs();
    await rig.env.faults.inject({ type: 'hubRestore' });
    expect(rig.drpc()!.status?.phase ?? '').toBe('');
    expect(rig.vrgWork('dr1')).toBeUndefined();

    expect(await rig.untilState('Deployed', 'Completed', 30 * MIN, { protectedTrue: true })).toBe(true);
    expect(rig.condition('PeerReady')).toMatchObject({ status: 'True', reason: 'Success' });
    const newUid = rig.drpc()!.metadata.uid;
    expect(newUid).not.toBe(oldUid);

    // The first check stops while the VRGs are adopted, then continues (never AllowFailover or Paused).
    const verdicts = w.trace.all().filter((e) => e.type === 'hub.drpc.recovery' && Number(e.t) >= t0).map((e) => `${e.progress} ${e.message}`);
    expect(verdicts[0]).toBe('Stop VRG adoption in progress');
    expect(verdicts[verdicts.length - 1]).toBe('Continue ');
    expect(verdicts.some((v) => v.startsWith('AllowFailover'))).toBe(false);

    // Adoption re-created the works from the views: same states, stamped with the new DRPC's UID.
    expect(rig.workState('dr1')).toBe('primary');
    expect(rig.workState('dr2')).toBe('secondary');
    const vrg = (rig.vrgWork('dr1') as KubeObject<{ workload: { manifests: KubeObject[] } }>).spec!.workload.manifests[0]!;
    expect(vrg.metadata.annotations?.['drplacementcontrol.ramendr.openshift.io/drpc-uid']).toBe(newUid);
    // The app never moved, and the DRPC was never redeployed.
    expect(rig.since(t0).some((h) => h.kind === 'drpc' && h.phase === 'Deploying')).toBe(false);
    expect(rig.since(t0).some((h) => h.kind === 'work' && h.cluster === 'dr1' && h.state === 'secondary')).toBe(false);
    expect(rig.env.appRunningOn('busybox')).toEqual(['dr1']);
  }, 180_000);
});
