// Goal: the hub-recovery decision table of hub spec §8 (rows 1–7) gives Continue, AllowFailover or Stop.
import { describe, expect, it } from 'vitest';
import type { VolumeReplicationGroup } from '../../../../../engine/api/ramen/vrg.js';
import type { RecoveryInput } from '../../../../../engine/hub/drpc/hub-recovery.js';
import { recoveryVerdict } from '../../../../../engine/hub/drpc/hub-recovery.js';

function vrg(state: 'primary' | 'secondary', action = '', dest = ''): VolumeReplicationGroup {
  return {
    apiVersion: 'ramendr.openshift.io/v1alpha1',
    kind: 'VolumeReplicationGroup',
    metadata: { name: 'a', namespace: 'n', annotations: dest ? { 'drplacementcontrol.ramendr.openshift.io/destination-cluster': dest } : {} },
    spec: { pvcSelector: {}, replicationState: state, s3Profiles: [], ...(action ? { action: action as 'Failover' } : {}) },
  };
}

const base: RecoveryInput = { phase: '', action: '', failoverCluster: '', dstCluster: 'c1', queriedCount: 2, failedCluster: '', vrgs: new Map(), s3Vrg: undefined };

describe('hub recovery', () => {
  it('both clusters answered with no VRG: plain initial deploy', () => {
    expect(recoveryVerdict(base).progress).toBe('Continue');
  });

  it('secondary down, primary on the destination with the same action: continue', () => {
    expect(recoveryVerdict({ ...base, queriedCount: 1, failedCluster: 'c2', vrgs: new Map([['c1', vrg('primary')]]) }).progress).toBe('Continue');
  });

  it('primary down and only a secondary answers: failover is allowed', () => {
    const v = recoveryVerdict({ ...base, queriedCount: 1, failedCluster: 'c1', vrgs: new Map([['c2', vrg('secondary')]]) });
    expect(v).toEqual({ progress: 'AllowFailover', message: 'Failover is allowed - Primary is assumed to be on the failed cluster' });
  });

  it('one cluster failing, no views, nothing in S3: continue unless the failing one is the destination', () => {
    expect(recoveryVerdict({ ...base, queriedCount: 1, failedCluster: 'c2' }).progress).toBe('Continue');
    expect(recoveryVerdict({ ...base, queriedCount: 1, failedCluster: 'c1' })).toEqual({ progress: 'Stop', message: 'Unable to query all clusters and failed to get VRG from s3 store. Failed to query c1' });
  });

  it('a VRG in S3 with another action allows failover', () => {
    expect(recoveryVerdict({ ...base, queriedCount: 1, failedCluster: 'c2', s3Vrg: vrg('primary', 'Failover', 'c1') }).progress).toBe('AllowFailover');
    expect(recoveryVerdict({ ...base, queriedCount: 1, failedCluster: 'c2', s3Vrg: vrg('primary', '', 'c1') }).progress).toBe('Continue');
  });

  it('both VRGs secondary (hub lost mid-relocate) stops', () => {
    const v = recoveryVerdict({ ...base, action: 'Relocate', vrgs: new Map([['c1', vrg('secondary', 'Relocate')], ['c2', vrg('secondary', 'Relocate')]]) });
    expect(v).toEqual({ progress: 'Stop', message: 'Stop - Both VRGs have the same secondary state' });
  });

  it('WaitForUser with Failover to the reachable cluster continues', () => {
    expect(recoveryVerdict({ ...base, phase: 'WaitForUser', action: 'Failover', failoverCluster: 'c2', dstCluster: 'c2', queriedCount: 1, failedCluster: 'c1', vrgs: new Map([['c2', vrg('secondary')]]) }).progress).toBe('Continue');
  });

  it('the primary elsewhere than the destination allows failover', () => {
    expect(recoveryVerdict({ ...base, vrgs: new Map([['c2', vrg('primary')], ['c1', vrg('secondary')]]) }).progress).toBe('AllowFailover');
  });
});
