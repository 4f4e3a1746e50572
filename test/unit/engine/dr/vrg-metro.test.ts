// Goal: a sync (metro) VRG protects PVCs without any VolumeReplication, reports Ramen's sync-mode
// conditions, and a failover restores the same volumes on the peer from S3. Method: DR operator over a
// storage system stretched across both clusters.

import { describe, expect, it } from 'vitest';
import { VRG_KIND } from '../../../../engine/api/ramen/vrg.js';
import type { Pv, Pvc } from '../../../../engine/dr/core-kinds.js';
import { conditionOf, deployApp, makeDrRig, NS, vrgManifest } from './rig.js';

const metroVrg = (state: string) => {
  const m = vrgManifest(state, { sync: {} });
  delete m.spec.async;
  return m;
};

describe('VRG in sync (metro) mode', () => {
  it('protects without VRs and fails over onto the same volumes', async () => {
    const w = await makeDrRig({ metro: true });
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(metroVrg('primary'));
    await w.dr2.client.create(metroVrg('secondary'));
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.status === 'True', 120_000);
    const vrg = w.vrg(w.dr1)!;
    expect(vrg.status?.state).toBe('Primary');
    expect(conditionOf(vrg, 'DataReady')).toMatchObject({ status: 'True', reason: 'Ready' });
    expect(conditionOf(vrg, 'DataProtected')).toMatchObject({ status: 'False', reason: 'Replicating' });
    // Sync mode: no VolSync part, so the VM part's True "conflict" reason shows (Ramen quirk).
    expect(conditionOf(vrg, 'NoClusterDataConflict')).toMatchObject({ status: 'True', reason: 'ClusterDataConflictPrimary', message: 'No resource conflict' });
    expect(w.dr1.server.peekAll('replication.storage.openshift.io/v1alpha1', 'VolumeReplication', NS)).toEqual([]);
    // Sync entries carry no storage identifiers and no sync counters.
    expect(vrg.status?.protectedPVCs?.[0]?.csiProvisioner).toBeUndefined();
    expect(vrg.status?.lastGroupSyncTime).toBeUndefined();
    const handle = (w.dr1.server.peek('v1', 'PersistentVolume', (w.dr1.server.peek('v1', 'PersistentVolumeClaim', 'data-0', NS) as Pvc).spec.volumeName!) as Pv).spec.csi!.volumeHandle;

    w.dr1.operator.stop();
    for (const m of w.dr1.agents) m.stop();
    w.network.setUp('dr1', false);
    await w.dr2.client.patch(VRG_KIND, { namespace: NS, name: 'app-vrg' }, { spec: { replicationState: 'primary', action: 'Failover' } });
    await w.until(() => w.vrg(w.dr2)?.status?.state === 'Primary', 300_000);
    expect(conditionOf(w.vrg(w.dr2), 'ClusterDataReady')).toMatchObject({ status: 'True', reason: 'Restored' });
    const pvc = w.dr2.server.peek('v1', 'PersistentVolumeClaim', 'data-0', NS) as Pvc;
    expect((w.dr2.server.peek('v1', 'PersistentVolume', pvc.spec.volumeName!) as Pv).spec.csi!.volumeHandle).toBe(handle);
  });
});
