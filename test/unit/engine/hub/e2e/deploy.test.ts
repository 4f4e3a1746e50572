// Goal: a new DRPC on a regional policy deploys to its preferred cluster and reaches Deployed/Completed
// (hub spec §6.2, L1): decision written right after the primary work, then the peer's secondary work.
import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../hub-rig.js';
import { hubRig } from '../hub-rig.js';

const MIN = 60_000;

describe('initial deployment', () => {
  it('reaches Deployed/Completed with a primary on the preferred cluster and a secondary on the peer', async () => {
    const rig = await hubRig({ seed: 11 });
    expect(await rig.untilState('Deployed', 'Completed', 15 * MIN, { protectedTrue: true })).toBe(true);
    expect(rig.condition('Available')).toMatchObject({ status: 'True', reason: 'Deployed', message: 'Initial deployment completed' });
    expect(rig.condition('PeerReady')).toMatchObject({ status: 'True', reason: 'Success', message: 'Ready' });
    expect(rig.condition('Protected')).toMatchObject({ status: 'True', reason: 'Protected' });
    expect(rig.workState('dr1')).toBe('primary');
    expect(rig.workState('dr2')).toBe('secondary');
    expect(rig.env.appRunningOn('busybox')).toEqual(['dr1']);

    const d = rig.drpc()!;
    expect(d.status?.preferredDecision).toEqual({ clusterName: 'dr1', clusterNamespace: 'dr1' });
    expect(d.metadata.finalizers).toContain('drpc.ramendr.openshift.io/finalizer');
    expect(d.metadata.annotations).toMatchObject({
      'drplacementcontrol.ramendr.openshift.io/app-namespace': 'busybox',
      'drplacementcontrol.ramendr.openshift.io/last-app-deployment-cluster': 'dr1',
      'drplacementcontrol.ramendr.openshift.io/last-action': '',
      'drplacementcontrol.ramendr.openshift.io/dr-action-count': '{"failover":0,"relocate":0,"lastPhase":"Deploying"}',
    });
    expect(d.status?.actionDuration).toBeDefined();

    // The persisted sequence: Deployed/UpdatingPlRule before Completed; the decision is written before
    // the primary VRG exists, and the secondary work only after the primary work (N2, §6.2 D3/D4).
    const drpc = rig.history.filter((h): h is Extract<HubEvent, { kind: 'drpc' }> => h.kind === 'drpc').map((h) => `${h.phase}/${h.progression}`);
    expect(drpc.indexOf('Deployed/UpdatingPlRule')).toBeGreaterThanOrEqual(0);
    expect(drpc.indexOf('Deployed/UpdatingPlRule')).toBeLessThan(drpc.indexOf('Deployed/Completed'));
    const firstDecision = rig.history.findIndex((h) => h.kind === 'decision' && h.decisions.includes('dr1'));
    const primaryWork = rig.history.findIndex((h) => h.kind === 'work' && h.cluster === 'dr1' && h.state === 'primary');
    const secondaryWork = rig.history.findIndex((h) => h.kind === 'work' && h.cluster === 'dr2' && h.state === 'secondary');
    expect(primaryWork).toBeGreaterThanOrEqual(0);
    expect(primaryWork).toBeLessThan(firstDecision);
    const at = rig.history[firstDecision] as Extract<HubEvent, { kind: 'decision' }>;
    expect(at.vrgs.dr1?.state).not.toBe('Primary');
    expect(secondaryWork).toBeGreaterThan(firstDecision);
  }, 120_000);
});
