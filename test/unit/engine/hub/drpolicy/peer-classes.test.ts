// Goal: peer-class pairing (hub spec §14.5): shared storage gives sync peers, replicated storage async
// peers with the replication ID, snapshot classes a VolSync peer, and nothing without a schedule.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import type { ClassLists } from '../../../../../engine/hub/drpolicy/peer-classes.js';
import { findAllPeers, pruneAndUpdateStatusPeers } from '../../../../../engine/hub/drpolicy/peer-classes.js';

const SID = 'ramendr.openshift.io/storageid';
const RID = 'ramendr.openshift.io/replicationid';

function sc(name: string, sid: string, provisioner = 'rbd'): KubeObject {
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name, labels: { [SID]: sid } }, provisioner };
}
function vrc(name: string, sid: string, rid: string, interval: string): KubeObject {
  return { apiVersion: 'v', kind: 'VolumeReplicationClass', metadata: { name, labels: { [SID]: sid, [RID]: rid } }, spec: { provisioner: 'rbd', parameters: { schedulingInterval: interval } } };
}
function vsc(name: string, sid: string): KubeObject {
  return { apiVersion: 'v', kind: 'VolumeSnapshotClass', metadata: { name, labels: { [SID]: sid } }, driver: 'rbd' };
}
function lists(clusterID: string, parts: Partial<ClassLists>): ClassLists {
  return { clusterID, sClasses: [], vsClasses: [], vrClasses: [], vgrClasses: [], vgsClasses: [], ...parts };
}

describe('findAllPeers', () => {
  it('the same storage id on both clusters is a sync peer', () => {
    const peers = findAllPeers([lists('A', { sClasses: [sc('block', 'shared')] }), lists('B', { sClasses: [sc('block', 'shared')] })], '');
    expect(peers.sync).toEqual([{ storageClassName: 'block', storageIDs: ['shared'], clusterIDs: ['A', 'B'], replicationID: '', groupReplicationID: '', grouping: false, offloaded: false, global: false }]);
    expect(peers.async).toEqual([]);
  });

  it('different storage with matching replication classes is an async peer with the replication id', () => {
    const a = lists('A', { sClasses: [sc('block', 'sa')], vrClasses: [vrc('v5', 'sa', 'rep1', '5m')] });
    const b = lists('B', { sClasses: [sc('block', 'sb')], vrClasses: [vrc('v5', 'sb', 'rep1', '5m')] });
    expect(findAllPeers([a, b], '5m').async).toMatchObject([{ storageClassName: 'block', storageIDs: ['sa', 'sb'], replicationID: 'rep1', grouping: false }]);
  });

  it('a replication class with another schedule does not pair; snapshot classes give a VolSync peer', () => {
    const a = lists('A', { sClasses: [sc('block', 'sa')], vrClasses: [vrc('v1', 'sa', 'rep1', '1m')], vsClasses: [vsc('s', 'sa')] });
    const b = lists('B', { sClasses: [sc('block', 'sb')], vrClasses: [vrc('v1', 'sb', 'rep1', '1m')], vsClasses: [vsc('s', 'sb')] });
    expect(findAllPeers([a, b], '5m').async).toMatchObject([{ replicationID: '', grouping: false }]);
    const noSnap = lists('B', { sClasses: [sc('block', 'sb')] });
    expect(findAllPeers([a, noSnap], '5m').async).toEqual([]);
  });

  it('no schedule means no async peers at all', () => {
    const a = lists('A', { sClasses: [sc('block', 'sa')], vsClasses: [vsc('s', 'sa')] });
    const b = lists('B', { sClasses: [sc('block', 'sb')], vsClasses: [vsc('s', 'sb')] });
    expect(findAllPeers([a, b], '')).toEqual({ sync: [], async: [] });
  });
});

describe('pruneAndUpdateStatusPeers', () => {
  it('keeps matching entries in place, drops vanished ones, appends new ones', () => {
    const status = [
      { storageClassName: 'gone', clusterIDs: ['A', 'B'], storageID: ['x'] },
      { storageClassName: 'block', clusterIDs: ['B', 'A'], storageID: ['old'] },
    ];
    const peers = [
      { storageClassName: 'block', storageIDs: ['new'], clusterIDs: ['A', 'B'], replicationID: '', groupReplicationID: '', grouping: false, offloaded: false, global: false },
      { storageClassName: 'fs', storageIDs: ['f'], clusterIDs: ['A', 'B'], replicationID: '', groupReplicationID: '', grouping: false, offloaded: false, global: false },
    ];
    expect(pruneAndUpdateStatusPeers(status, peers).map((p) => [p.storageClassName, p.storageID])).toEqual([
      ['block', ['new']],
      ['fs', ['f']],
    ]);
  });
});
