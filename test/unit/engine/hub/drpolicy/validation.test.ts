// Goal: DRPolicy validation reasons and the conflict rule of hub spec §14.1 and §14.6.
import { describe, expect, it } from 'vitest';
import type { DRCluster } from '../../../../../engine/api/ramen/drcluster.js';
import type { DRPolicy, PeerClass } from '../../../../../engine/api/ramen/drpolicy.js';
import { PolicyValidationError, policyConflict, validateDrPolicy } from '../../../../../engine/hub/drpolicy/validation.js';

function cluster(name: string, validated: boolean): DRCluster {
  return {
    apiVersion: 'ramendr.openshift.io/v1alpha1',
    kind: 'DRCluster',
    metadata: { name },
    spec: { s3ProfileName: 's3' },
    status: { conditions: [{ type: 'Validated', status: validated ? 'True' : 'False', reason: 'x', message: '', lastTransitionTime: 't' }] },
  };
}

function policy(name: string, clusters: string[], created: string, sync: PeerClass[] = []): DRPolicy {
  return { apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'DRPolicy', metadata: { name, creationTimestamp: created }, spec: { drClusters: clusters, schedulingInterval: sync.length ? '' : '5m' }, status: { sync: { peerClasses: sync } } };
}

const reasonOf = (f: () => void): string => {
  try {
    f();
  } catch (err) {
    return (err as PolicyValidationError).reason;
  }
  return '';
};

describe('validateDrPolicy', () => {
  it('missing, unvalidated and valid clusters', () => {
    expect(reasonOf(() => validateDrPolicy(policy('p', ['a', 'b'], 't'), [cluster('a', true)]))).toBe('DRClusterNotFound');
    expect(reasonOf(() => validateDrPolicy(policy('p', ['a', 'b'], 't'), [cluster('a', false), cluster('b', false)]))).toBe('DRClustersUnavailable');
    expect(reasonOf(() => validateDrPolicy(policy('p', ['a', 'b'], 't'), [cluster('a', false), cluster('b', true)]))).toBe('');
    expect(reasonOf(() => validateDrPolicy(policy('p', [], 't'), []))).toBe('ValidationFailed');
  });
});

describe('policyConflict', () => {
  const ids = new Map([['ia', 'a'], ['ib', 'b'], ['ic', 'c']]);
  const metroAB: PeerClass = { storageClassName: 'sc', storageID: ['s'], clusterIDs: ['ia', 'ib'] };
  const metroAC: PeerClass = { storageClassName: 'sc', storageID: ['s'], clusterIDs: ['ia', 'ic'] };

  it('regional policies sharing a cluster do not conflict', () => {
    const p1 = policy('p1', ['a', 'b'], '2026-01-01T00:00:00Z');
    const p2 = policy('p2', ['a', 'c'], '2026-01-01T00:01:00Z');
    expect(policyConflict(p2, [p1, p2], ids)).toBeUndefined();
  });

  it('two metro policies sharing a metro cluster: only the newer one is invalid', () => {
    const p1 = policy('p1', ['a', 'b'], '2026-01-01T00:00:00Z', [metroAB]);
    const p2 = policy('p2', ['a', 'c'], '2026-01-01T00:01:00Z', [metroAC]);
    expect(policyConflict(p2, [p1, p2], ids)).toContain('has overlapping clusters with another drpolicy p1');
    expect(policyConflict(p1, [p1, p2], ids)).toBeUndefined();
  });

  it('interval-only metro policies yield no pairs and no conflict', () => {
    const p1 = policy('p1', ['a', 'b'], '2026-01-01T00:00:00Z');
    const p2 = policy('p2', ['a', 'c'], '2026-01-01T00:01:00Z');
    p1.spec.schedulingInterval = '';
    p2.spec.schedulingInterval = '';
    expect(policyConflict(p2, [p1, p2], ids)).toBeUndefined();
  });

  it('a policy with both sync and async peer classes is invalid', () => {
    const p = policy('p', ['a', 'b'], 't', [metroAB]);
    p.status!.async = { peerClasses: [{ storageClassName: 'x', storageID: ['1', '2'], clusterIDs: ['ia', 'ib'] }] };
    expect(policyConflict(p, [p], ids)).toBe('invalid DRPolicy: a policy cannot contain both sync and async configurations');
  });
});
