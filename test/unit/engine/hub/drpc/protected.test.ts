// Goal: the DRPC's Protected condition follows the ordered rules of hub spec §9.4.
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../../../engine/api/meta.js';
import type { VolumeReplicationGroup } from '../../../../../engine/api/ramen/vrg.js';
import { evaluateProtected } from '../../../../../engine/hub/drpc/protected.js';

const cond = (type: string, status: Condition['status'], reason = 'R', gen = 3): Condition => ({ type, status, reason, message: 'msg', observedGeneration: gen, lastTransitionTime: 't' });

function healthyPrimary(): VolumeReplicationGroup {
  return {
    apiVersion: 'ramendr.openshift.io/v1alpha1',
    kind: 'VolumeReplicationGroup',
    metadata: { name: 'app', namespace: 'ns', generation: 3 },
    spec: { pvcSelector: {}, replicationState: 'primary', s3Profiles: [], async: { schedulingInterval: '5m' } },
    status: {
      state: 'Primary',
      observedGeneration: 3,
      lastGroupSyncTime: '2026-01-01T00:00:00Z',
      conditions: [cond('ClusterDataReady', 'True'), cond('DataReady', 'True'), cond('DataProtected', 'True'), cond('NoClusterDataConflict', 'True'), cond('ClusterDataProtected', 'True')],
    },
  };
}

describe('Protected', () => {
  it('is True for a healthy primary', () => {
    expect(evaluateProtected(healthyPrimary(), 'c1')).toMatchObject({ status: 'True', reason: 'Protected' });
  });

  it('a condition at an older generation is Unknown', () => {
    const v = healthyPrimary();
    v.status!.conditions![1] = cond('DataReady', 'True', 'R', 2);
    expect(evaluateProtected(v, 'c1')).toMatchObject({ status: 'Unknown', reason: 'Unknown' });
  });

  it('an error reason is Error, any other False is Progressing', () => {
    const v = healthyPrimary();
    v.status!.conditions![0] = cond('ClusterDataReady', 'False', 'UploadError');
    expect(evaluateProtected(v, 'c1')).toMatchObject({ status: 'False', reason: 'Error' });
    v.status!.conditions![0] = cond('ClusterDataReady', 'False', 'Progressing');
    expect(evaluateProtected(v, 'c1')).toMatchObject({ status: 'False', reason: 'Progressing' });
  });

  it('DataProtected False/Replicating at the current generation does not block a primary', () => {
    const v = healthyPrimary();
    v.status!.conditions![2] = cond('DataProtected', 'False', 'Replicating');
    expect(evaluateProtected(v, 'c1').status).toBe('True');
  });

  it('a VRG that never reports NoClusterDataConflict is never Protected', () => {
    const v = healthyPrimary();
    v.status!.conditions = v.status!.conditions!.filter((c) => c.type !== 'NoClusterDataConflict');
    expect(evaluateProtected(v, 'c1')).toMatchObject({ status: 'Unknown' });
  });

  it('an async VRG without lastGroupSyncTime is Progressing unless it carries the global-vgr label', () => {
    const v = healthyPrimary();
    delete v.status!.lastGroupSyncTime;
    expect(evaluateProtected(v, 'c1')).toMatchObject({ status: 'False', reason: 'Progressing' });
    v.metadata.labels = { 'ramendr.openshift.io/global-vgr': 'global-x' };
    expect(evaluateProtected(v, 'c1').status).toBe('True');
  });

  it('a failed hook is an Error before anything else', () => {
    const v = healthyPrimary();
    v.status!.conditions!.unshift(cond('HooksReady', 'False', 'HookFailed'));
    expect(evaluateProtected(v, 'c1')).toMatchObject({ status: 'False', reason: 'Error' });
  });

  it('a state not yet matching the spec is Progressing, a stale status generation Unknown/False', () => {
    const v = healthyPrimary();
    v.status!.state = 'Secondary';
    expect(evaluateProtected(v, 'c1')).toMatchObject({ status: 'False', reason: 'Progressing' });
    v.status!.observedGeneration = 2;
    expect(evaluateProtected(v, 'c1')).toMatchObject({ status: 'False', reason: 'Unknown' });
  });
});
