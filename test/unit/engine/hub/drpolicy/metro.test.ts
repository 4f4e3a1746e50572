// Goal: metro vs regional follows hub spec §14.3: peer classes first, else a zero or empty interval.
import { describe, expect, it } from 'vitest';
import type { DRPolicy, PeerClass } from '../../../../../engine/api/ramen/drpolicy.js';
import { IntervalParseError, policySupportsMetro } from '../../../../../engine/hub/drpolicy/metro.js';

function policy(interval: string, sync: PeerClass[] = [], async: PeerClass[] = []): DRPolicy {
  return { apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'DRPolicy', metadata: { name: 'p' }, spec: { drClusters: ['a', 'b'], schedulingInterval: interval }, status: { sync: { peerClasses: sync }, async: { peerClasses: async } } };
}

const syncPeer: PeerClass = { storageClassName: 'sc', storageID: ['s1'], clusterIDs: ['id-a', 'id-b'] };
const asyncPeer: PeerClass = { storageClassName: 'sc', storageID: ['s1', 's2'], clusterIDs: ['id-a', 'id-b'] };

describe('metro detection', () => {
  it('without peer classes the interval decides: empty or zero is metro', () => {
    expect(policySupportsMetro(policy('')).metro).toBe(true);
    expect(policySupportsMetro(policy('0m')).metro).toBe(true);
    expect(policySupportsMetro(policy('5m')).metro).toBe(false);
  });

  it('sync peer classes make a policy metro whatever its interval', () => {
    expect(policySupportsMetro(policy('5m', [syncPeer])).metro).toBe(true);
    expect(policySupportsMetro(policy('', [], [asyncPeer])).metro).toBe(false);
  });

  it('metro pairs come only from single-storage-ID sync peer classes', () => {
    const names = new Map([['id-a', 'a'], ['id-b', 'b']]);
    expect(policySupportsMetro(policy('', [syncPeer]), names)).toEqual({ metro: true, metroClusterPairs: [['a', 'b']] });
    expect(policySupportsMetro(policy(''), names)).toEqual({ metro: true });
  });

  it('an unparsable interval is an error when it has to decide', () => {
    expect(() => policySupportsMetro(policy('7'))).toThrow(IntervalParseError);
    expect(policySupportsMetro(policy('7', [syncPeer])).metro).toBe(true);
  });
});
