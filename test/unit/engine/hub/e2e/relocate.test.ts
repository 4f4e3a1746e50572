// Goal: relocate (hub spec §6.4): final sync before demotion, demotion everywhere before promotion, data
// protected before promotion (S1–S3); nothing at all while a cluster is unreachable (S4, N4); no start
// while the previous failover's cleanup is pending (R6) or over two primaries (S19).
import { describe, expect, it } from 'vitest';
import type { HubEvent, HubRig } from '../hub-rig.js';
import { hubRig } from '../hub-rig.js';

const MIN = 60_000;
type WorkEvent = Extract<HubEvent, { kind: 'work' }>;

/** Deploy on dr1, fail over to dr2 and let it complete: the starting point of a relocate back to dr1. */
async function failedOverToDr2(seed: number): Promise<HubRig> {
  const rig = await hubRig({ seed });
  expect(await rig.untilState('Deployed', 'Completed', 15 * MIN, { protectedTrue: true })).toBe(true);
  await rig.patchDrpc({ action: 'Failover', failoverCluster: 'dr2' });
  expect(await rig.untilState('FailedOver', 'Completed', 20 * MIN)).toBe(true);
  // Let replication settle so that dr2 reports DataReady and ClusterDataProtected.
  await rig.env.world.runFor(5 * MIN);
  return rig;
}

describe('relocate', () => {
  it('prepares, quiesces, runs the final sync, demotes everywhere, then promotes the preferred cluster', async () => {
    const rig = await failedOverToDr2(31);
    const t0 = rig.env.world.elapsedMs();
    await rig.patchDrpc({ action: 'Relocate' });
    expect(await rig.untilState('Relocated', 'Completed', 30 * MIN)).toBe(true);
    expect(rig.condition('Available')).toMatchObject({ status: 'True', reason: 'Relocated', message: 'Completed' });
    expect(rig.condition('PeerReady')).toMatchObject({ status: 'True', reason: 'Success' });
    expect(rig.workState('dr1')).toBe('primary');
    expect(rig.workState('dr2')).toBe('secondary');
    expect(rig.drpc()!.metadata.annotations).toMatchObject({
      'drplacementcontrol.ramendr.openshift.io/last-app-deployment-cluster': 'dr1',
      'drplacementcontrol.ramendr.openshift.io/last-action': 'Relocate',
      'drplacementcontrol.ramendr.openshift.io/dr-action-count': '{"failover":1,"relocate":1,"lastPhase":"Relocating"}',
    });

    const events = rig.since(t0);
    // Persisted progressions, in the order of §6.4's typical sequence.
    const progressions = events.flatMap((h) => (h.kind === 'drpc' ? [`${h.phase}/${h.progression}`] : []));
    const wanted = ['Initiating/PreparingFinalSync', 'Relocating/RunningFinalSync', 'Relocating/EnsuringVolumesAreSecondary', 'Relocating/WaitingForResourceRestore', 'Relocated/Completed'];
    let at = -1;
    for (const w of wanted) {
      at = progressions.indexOf(w, at + 1);
      expect(at, `${w} after the previous step in ${progressions.join(', ')}`).toBeGreaterThanOrEqual(0);
    }

    const works = events.filter((h): h is WorkEvent => h.kind === 'work');
    const prepare = works.findIndex((w) => w.cluster === 'dr2' && w.prepareForFinalSync === true);
    const runFinal = works.findIndex((w) => w.cluster === 'dr2' && w.runFinalSync === true);
    const demote = works.findIndex((w) => w.cluster === 'dr2' && w.state === 'secondary');
    const promote = works.findIndex((w) => w.cluster === 'dr1' && w.state === 'primary');
    expect(prepare).toBeGreaterThanOrEqual(0);
    expect(prepare).toBeLessThan(runFinal);
    expect(runFinal).toBeLessThan(demote);
    expect(demote).toBeLessThan(promote);
    // S3: the demotion waited for the final sync; S1/S2: the promotion for Secondary and DataProtected on dr2.
    expect(works[demote]!.vrgs.dr2).toMatchObject({ finalSyncComplete: true });
    const atPromote = works[promote]!.vrgs.dr2!;
    expect(atPromote.state).toBe('Secondary');
    expect(atPromote.observedGeneration).toBe(atPromote.generation);
    expect(atPromote.dataProtected).toBe(`True@${atPromote.generation}`);
    // The decision was cleared (quiesce) after prepareForFinalSync completed and before the run.
    const cleared = events.findIndex((h) => h.kind === 'decision' && h.decisions.length === 0);
    expect(cleared).toBeGreaterThan(events.indexOf(works[prepare]!));
    expect(cleared).toBeLessThan(events.indexOf(works[runFinal]!));
  }, 180_000);

  it('does nothing at all while a cluster is unreachable (its view reports an error)', async () => {
    const rig = await failedOverToDr2(32);
    // dr1's API server is unreachable: its agents report GetResourceFailed in every view of it.
    rig.env.world.clusters.get('dr1')!.server.setAvailable(false);
    await rig.env.world.runFor(2 * MIN);
    const before = rig.drpc()!.status!;
    const t0 = rig.env.world.elapsedMs();
    await rig.patchDrpc({ action: 'Relocate' });
    await rig.env.world.runFor(15 * MIN);
    expect(rig.since(t0).filter((h) => h.kind === 'work' || h.kind === 'decision')).toEqual([]);
    const after = rig.drpc()!.status!;
    expect([after.phase, after.progression]).toEqual([before.phase, before.progression]);
    expect(rig.workState('dr2')).toBe('primary');
    expect(rig.workState('dr1')).toBe('secondary');
  }, 180_000);

  it('trusts a stale view: with dr1 just gone the relocate still runs, and completes once dr1 is back', async () => {
    const rig = await failedOverToDr2(34);
    // The whole node is down. Until the hub declares it unavailable (the lease grace period), its views
    // keep their last content (Secondary, DataProtected), and Ramen cannot tell them from fresh ones.
    await rig.env.faults.inject({ type: 'clusterDown', cluster: 'dr1' });
    await rig.env.world.runFor(MIN);
    const t0 = rig.env.world.elapsedMs();
    await rig.patchDrpc({ action: 'Relocate' });
    await rig.env.world.runFor(15 * MIN);
    const works = rig.since(t0).filter((h): h is WorkEvent => h.kind === 'work');
    const demote = works.findIndex((w) => w.cluster === 'dr2' && w.state === 'secondary');
    // The final sync still gates the demotion (S3), and the stale view lets the hub demote dr2.
    expect(demote).toBeGreaterThanOrEqual(0);
    expect(works[demote]!.vrgs.dr2).toMatchObject({ finalSyncComplete: true });
    // But dr2's demotion snapshot cannot reach dr1: the driver fails the resync (FailedToResync, not
    // Resyncing), so dr2 never reports Secondary and the hub does not promote dr1 (finding F1, F3b).
    expect(works.findIndex((w) => w.cluster === 'dr1' && w.state === 'primary')).toBe(-1);
    expect(rig.drpc()!.status?.progression).toBe('EnsuringVolumesAreSecondary');
    expect(rig.env.appRunningOn('busybox')).toEqual([]);
    await rig.env.faults.inject({ type: 'clusterUp', cluster: 'dr1' });
    expect(await rig.untilState('Relocated', 'Completed', 30 * MIN)).toBe(true);
    expect(await rig.runUntil(() => rig.env.appRunningOn('busybox').join() === 'dr1', 10 * MIN)).toBe(true);
    const all = rig.since(t0).filter((h): h is WorkEvent => h.kind === 'work');
    expect(all.findIndex((w) => w.cluster === 'dr2' && w.state === 'secondary')).toBeLessThan(all.findIndex((w) => w.cluster === 'dr1' && w.state === 'primary'));
    // No forced promotion in the relocate (the failover before it forced dr2's).
    expect(rig.env.world.trace.all().filter((e) => e.type === 'storage.vr.force-promote' && e.t >= t0)).toEqual([]);
  }, 180_000);

  it('does not start while the failover cleanup is pending (PeerReady False), then proceeds once failover completes', async () => {
    const rig = await hubRig({ seed: 33 });
    expect(await rig.untilState('Deployed', 'Completed', 15 * MIN, { protectedTrue: true })).toBe(true);
    await rig.env.faults.inject({ type: 'clusterDown', cluster: 'dr1' });
    await rig.env.world.runFor(MIN);
    await rig.patchDrpc({ action: 'Failover', failoverCluster: 'dr2' });
    expect(await rig.untilState('FailedOver', 'Cleaning Up', 20 * MIN)).toBe(true);
    await rig.env.world.runFor(5 * MIN);
    expect(rig.condition('PeerReady')?.status).toBe('False');

    const t0 = rig.env.world.elapsedMs();
    await rig.patchDrpc({ action: 'Relocate' });
    await rig.env.world.runFor(2 * MIN);
    await rig.env.faults.inject({ type: 'clusterUp', cluster: 'dr1' });
    await rig.env.world.runFor(15 * MIN);
    // Blocked: the relocate entered Initiating but wrote nothing, and PeerReady stays False.
    expect(rig.drpc()!.status?.phase).toBe('Initiating');
    expect(rig.condition('PeerReady')?.status).toBe('False');
    expect(rig.since(t0).filter((h) => h.kind === 'work' || h.kind === 'decision')).toEqual([]);
    expect(rig.env.world.trace.all().some((e) => e.type === 'hub.drpc.pass' && e.error === 'clean up secondaries is pending, peer is not ready')).toBe(true);

    // The escape hatch (L10): back to Failover completes the cleanup; the relocate then goes through.
    await rig.patchDrpc({ action: 'Failover' });
    expect(await rig.untilState('FailedOver', 'Completed', 20 * MIN)).toBe(true);
    await rig.env.world.runFor(5 * MIN);
    await rig.patchDrpc({ action: 'Relocate' });
    expect(await rig.untilState('Relocated', 'Completed', 30 * MIN)).toBe(true);
    expect(rig.workState('dr1')).toBe('primary');
  }, 180_000);
});
