// Goal: replication class selection follows Ramen's rules: provisioner and schedulingInterval must
// match, with peer classes the storage id and id labels are compared with the StorageClass' labels,
// and ties are broken only by exactly one default-annotated class. Method: pure function.

import { describe, expect, it } from 'vitest';
import { findReplicationClassUsingPeerClass, peerClassForStorageClass, selectReplicationClass } from '../../../../../engine/dr/vrg/replication-class.js';
import type { ReplicationClassLike } from '../../../../../engine/dr/vrg/replication-class.js';

const vrc = (name: string, provisioner: string, interval: string | undefined, labels: Record<string, string> = {}, isDefault = false): ReplicationClassLike => ({
  metadata: { name, labels, ...(isDefault ? { annotations: { 'replication.storage.openshift.io/is-default-class': 'true' } } : {}) },
  spec: { provisioner, ...(interval === undefined ? {} : { parameters: { schedulingInterval: interval } }) },
});
const sc = (labels: Record<string, string> = {}) => ({ metadata: { name: 'rbd', labels }, provisioner: 'rbd.csi' });

describe('selectReplicationClass', () => {
  it('matches provisioner and schedulingInterval', () => {
    const r = selectReplicationClass([vrc('a', 'other', '5m'), vrc('b', 'rbd.csi', '1h'), vrc('c', 'rbd.csi', '5m'), vrc('d', 'rbd.csi', undefined)], [], sc(), { schedulingInterval: '5m' }, false);
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ metadata: expect.objectContaining({ name: 'c' }) }) });
  });

  it('reports none, ambiguous and doubly-default matches with Ramen\'s errors', () => {
    expect(selectReplicationClass([], [], sc(), { schedulingInterval: '5m' }, false)).toEqual({ ok: false, error: 'no VolumeReplicationClass and VolumeGroupReplicationClass available' });
    expect(selectReplicationClass([vrc('a', 'x', '5m')], [], sc(), { schedulingInterval: '5m' }, false)).toEqual({ ok: false, error: 'no VolumeReplicationClass found to match provisioner and schedule' });
    expect(selectReplicationClass([vrc('a', 'rbd.csi', '5m'), vrc('b', 'rbd.csi', '5m')], [], sc(), { schedulingInterval: '5m' }, false)).toMatchObject({ ok: false, error: expect.stringMatching(/^multiple VolumeReplicationClass found, with no default annotation/) });
    expect(selectReplicationClass([vrc('a', 'rbd.csi', '5m', {}, true), vrc('b', 'rbd.csi', '5m')], [], sc(), { schedulingInterval: '5m' }, false)).toMatchObject({ ok: true, value: { metadata: { name: 'a' } } });
    expect(selectReplicationClass([vrc('a', 'rbd.csi', '5m', {}, true), vrc('b', 'rbd.csi', '5m', {}, true)], [], sc(), { schedulingInterval: '5m' }, false)).toMatchObject({ ok: false, error: expect.stringMatching(/^multiple VolumeReplicationClass found with default annotation/) });
  });

  it('with peer classes, compares the class replicationid with the StorageClass label (quirk)', () => {
    const labels = { 'ramendr.openshift.io/storageid': 's1', 'ramendr.openshift.io/replicationid': 'r1' };
    const async = { schedulingInterval: '5m', peerClasses: [{ storageClassName: 'rbd', replicationID: 'r1', storageID: ['s1', 's2'] }] };
    expect(selectReplicationClass([vrc('a', 'rbd.csi', '5m', labels)], [], sc({ 'ramendr.openshift.io/storageid': 's1' }), async, false).ok).toBe(false);
    expect(selectReplicationClass([vrc('a', 'rbd.csi', '5m', labels)], [], sc(labels), async, false).ok).toBe(true);
  });
});

describe('peer classes', () => {
  it('uses the last peer class naming the StorageClass', () => {
    expect(peerClassForStorageClass([{ storageClassName: 'rbd', replicationID: 'a' }, { storageClassName: 'rbd', replicationID: 'b' }], 'rbd')?.replicationID).toBe('b');
  });

  it('finds a class by replicationid, or by an empty groupreplicationid (quirk)', () => {
    const s = sc({ 'ramendr.openshift.io/storageid': 's1' });
    const a = vrc('a', 'rbd.csi', '5m', { 'ramendr.openshift.io/storageid': 's1', 'ramendr.openshift.io/replicationid': 'other' });
    expect(findReplicationClassUsingPeerClass([a], [], { replicationID: 'r1' }, s)?.metadata.name).toBe('a');
    expect(findReplicationClassUsingPeerClass([a], [], { replicationID: 'r1', groupreplicationID: 'g' }, s)).toBeUndefined();
  });
});
