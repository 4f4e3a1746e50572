// Goal: the DRPC state machine's pure decisions (rest phases, Available per phase, action counting,
// deploy steps, failover home, relocate primary selection) match hub spec §6 and §9.7.
import { describe, expect, it } from 'vitest';
import type { VolumeReplicationGroup } from '../../../../../engine/api/ramen/vrg.js';
import {
  availableStatusForPhase,
  chooseDeployStep,
  failoverHomeCluster,
  isPreRelocateProgression,
  isRestPhase,
  nextActionCountAnnotation,
  parseActionCount,
  relocateCurrentPrimary,
} from '../../../../../engine/hub/drpc/progression.js';

function vrg(state: 'primary' | 'secondary', dryRun = false): VolumeReplicationGroup {
  return { apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'VolumeReplicationGroup', metadata: { name: 'a', namespace: 'n' }, spec: { pvcSelector: {}, replicationState: state, s3Profiles: [], ...(dryRun ? { dryRun } : {}) } };
}

describe('phases', () => {
  it('rest phases are exactly "", WaitForUser, Deployed, FailedOver, Relocated', () => {
    for (const p of ['', 'WaitForUser', 'Deployed', 'FailedOver', 'Relocated'] as const) expect(isRestPhase(p)).toBe(true);
    for (const p of ['Initiating', 'Deploying', 'FailingOver', 'Relocating', 'Deleting'] as const) expect(isRestPhase(p)).toBe(false);
  });

  it('Available follows the phase: True when final, False when progressing, Unknown otherwise', () => {
    expect(availableStatusForPhase('FailedOver')).toBe('True');
    expect(availableStatusForPhase('Relocating')).toBe('False');
    expect(availableStatusForPhase('Initiating')).toBe('False');
    expect(availableStatusForPhase('WaitForUser')).toBe('Unknown');
    expect(availableStatusForPhase('')).toBe('Unknown');
  });

  it('pre-relocate progressions exclude the post-promotion ones and CleanupReadiness', () => {
    expect(isPreRelocateProgression('RunningFinalSync')).toBe(true);
    expect(isPreRelocateProgression('WaitOnUserToCleanUp')).toBe(true);
    expect(isPreRelocateProgression('WaitingForResourceRestore')).toBe(false);
    expect(isPreRelocateProgression('CleanupReadiness')).toBe(false);
  });
});

describe('dr-action-count', () => {
  it('counts Initiating → FailingOver and Initiating → Relocating only', () => {
    let a: string | undefined;
    for (const phase of ['Initiating', 'Deploying', 'Deployed', 'Initiating', 'FailingOver', 'FailedOver', 'Initiating', 'Relocating', 'Relocated', 'Relocating'] as const) {
      a = nextActionCountAnnotation(a, phase) ?? a;
    }
    expect(parseActionCount(a)).toEqual({ failover: 1, relocate: 1, lastPhase: 'Relocating' });
  });

  it('an initial deployment records lastPhase Deploying and no actions', () => {
    let a = nextActionCountAnnotation(undefined, 'Initiating');
    a = nextActionCountAnnotation(a, 'Deploying') ?? a;
    expect(nextActionCountAnnotation(a, 'Deployed')).toBeUndefined();
    expect(a).toBe('{"failover":0,"relocate":0,"lastPhase":"Deploying"}');
  });

  it('a malformed value resets the counts', () => {
    expect(parseActionCount('{nope')).toEqual({ failover: 0, relocate: 0, lastPhase: '' });
    expect(nextActionCountAnnotation('{nope', 'Initiating')).toBe('{"failover":0,"relocate":0,"lastPhase":"Initiating"}');
  });

  it('moves that neither start nor end in Initiating are not recorded', () => {
    expect(nextActionCountAnnotation('{"failover":1,"relocate":0,"lastPhase":"FailingOver"}', 'FailedOver')).toBeUndefined();
  });
});

describe('deploy steps', () => {
  it('D0 without a preferred cluster, D3 when nothing is deployed, D4 once deployed and decided', () => {
    expect(chooseDeployStep({ preferredCluster: '', vrgs: new Map(), currentDecision: '' }).step).toBe('D0');
    expect(chooseDeployStep({ preferredCluster: 'c1', vrgs: new Map(), currentDecision: 'c1' }).step).toBe('D3');
    expect(chooseDeployStep({ preferredCluster: 'c1', vrgs: new Map([['c1', vrg('secondary')]]), currentDecision: '' }).step).toBe('D3');
    expect(chooseDeployStep({ preferredCluster: 'c1', vrgs: new Map([['c1', vrg('primary')]]), currentDecision: 'c1' })).toEqual({ step: 'D4', deployedOn: 'c1' });
  });

  it('D2 when the VRG is primary on another cluster only', () => {
    expect(chooseDeployStep({ preferredCluster: 'c1', vrgs: new Map([['c2', vrg('primary')]]), currentDecision: 'c2' })).toEqual({ step: 'D2', deployedOn: 'c2' });
    expect(chooseDeployStep({ preferredCluster: 'c1', vrgs: new Map([['c2', vrg('secondary')]]), currentDecision: '' }).step).toBe('D3');
  });
});

describe('failover home and relocate primary', () => {
  it('the home is the decision, else the preferred decision, else the other cluster', () => {
    expect(failoverHomeCluster({ currentDecision: 'a', preferredDecision: 'b', policyClusters: ['a', 'b'], target: 'b' })).toBe('a');
    expect(failoverHomeCluster({ currentDecision: '', preferredDecision: 'a', policyClusters: ['a', 'b'], target: 'b' })).toBe('a');
    expect(failoverHomeCluster({ currentDecision: '', preferredDecision: '', policyClusters: ['a', 'b'], target: 'b' })).toBe('a');
  });

  it('relocate refuses two non-dry-run primaries, no views and no preferred cluster', () => {
    expect(relocateCurrentPrimary('', new Map([['a', vrg('primary')]]))).toEqual({ error: 'preferred cluster not valid' });
    expect(relocateCurrentPrimary('a', new Map())).toEqual({ error: "no VRGs exists. Can't relocate" });
    expect(relocateCurrentPrimary('a', new Map([['a', vrg('primary')], ['b', vrg('primary')]]))).toEqual({ error: 'multiple primaries in transition detected' });
    expect(relocateCurrentPrimary('a', new Map([['a', vrg('primary')], ['b', vrg('primary', true)]]))).toEqual({ home: 'a' });
    expect(relocateCurrentPrimary('a', new Map([['a', vrg('secondary')], ['b', vrg('secondary')]]))).toEqual({ home: '' });
  });
});
