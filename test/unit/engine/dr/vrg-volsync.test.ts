// Goal: PVCs without a replication class are protected by VolSync as in Ramen: a ReplicationSource per
// PVC on the primary, a ReplicationDestination per rdSpec entry on the secondary, DataProtected once
// the first sync completed, and on failover the PVCs restored from the destinations' latest images
// before the application starts. Method: DR operator with the simulated VolSync operator.

import { describe, expect, it } from 'vitest';
import { VRG_KIND } from '../../../../engine/api/ramen/vrg.js';
import type { ProtectedPvc } from '../../../../engine/api/ramen/vrg.js';
import type { ReplicationSource } from '../../../../engine/api/storage/volsync.js';
import type { Pvc } from '../../../../engine/dr/core-kinds.js';
import { conditionOf, deployApp, makeDrRig, NS, vrgManifest } from './rig.js';

const VS_API = 'volsync.backube/v1alpha1';

function rdSpecFrom(entries: ProtectedPvc[]): { protectedPVC: ProtectedPvc }[] {
  // The hub copies the primary's VolSync entries without conditions and sync counters.
  return entries
    .filter((e) => e.protectedByVolSync)
    .map((e) => {
      const { conditions: _c, lastSyncTime: _t, lastSyncDuration: _d, lastSyncBytes: _b, ...rest } = e;
      void [_c, _t, _d, _b];
      return { protectedPVC: rest };
    });
}

describe('VRG with VolSync', () => {
  it('replicates with RS/RD, reports protection, and restores from the latest image on failover', async () => {
    const w = await makeDrRig({ volsync: true });
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary'));
    await w.until(() => (w.vrg(w.dr1)?.status?.protectedPVCs ?? []).filter((p) => p.protectedByVolSync).length === 2, 60_000);
    const rs = w.dr1.server.peek(VS_API, 'ReplicationSource', 'data-0', NS) as ReplicationSource;
    expect(rs.spec).toMatchObject({ sourcePVC: 'data-0', trigger: { schedule: '*/5 * * * *' }, rsyncTLS: { keySecret: 'app-vrg-vs-secret', address: 'volsync-rsync-tls-dst-data-0.app.svc.clusterset.local', copyMethod: 'Snapshot' } });
    expect(rs.metadata.labels).toMatchObject({ 'volumereplicationgroups-owner': 'app-vrg', 'ramendr.openshift.io/created-by-ramen': 'true' });
    const pvc = w.dr1.server.peek('v1', 'PersistentVolumeClaim', 'data-0', NS) as Pvc;
    expect(pvc.metadata.finalizers).toContain('volumereplicationgroups.ramendr.openshift.io/pvc-volsync-protection');

    await w.dr2.client.create(vrgManifest('secondary', { volSync: { rdSpec: rdSpecFrom(w.vrg(w.dr1)!.status!.protectedPVCs!) } }));
    await w.until(() => w.dr2.server.peekAll(VS_API, 'ReplicationDestination', NS).length === 2, 60_000);
    await w.until(() => conditionOf(w.vrg(w.dr1), 'DataProtected')?.status === 'True', 1_200_000, 10_000);
    const primary = w.vrg(w.dr1)!;
    expect(conditionOf(primary, 'DataProtected')).toMatchObject({ reason: 'DataProtected', message: 'All VolSync PVCs are protected' });
    expect(conditionOf(primary, 'DataReady')).toMatchObject({ status: 'True', reason: 'Ready', message: 'All VolSync PVCs are ready' });
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.status === 'True', 120_000);
    expect(w.vrg(w.dr1)?.status?.lastGroupSyncTime).toBeDefined();
    expect(w.vrg(w.dr2)?.status?.state).toBe('Secondary');

    // Failover to dr2 while dr1 is gone.
    w.dr1.operator.stop();
    for (const m of w.dr1.agents) m.stop();
    w.network.setUp('dr1', false);
    await w.dr2.client.patch(VRG_KIND, { namespace: NS, name: 'app-vrg' }, { spec: { replicationState: 'primary', action: 'Failover' } });
    await w.until(() => conditionOf(w.vrg(w.dr2), 'ClusterDataReady')?.reason === 'Restored', 120_000);
    expect(conditionOf(w.vrg(w.dr2), 'ClusterDataReady')?.message).toBe('Restored 2 volsync PVs/PVCs and 0 volrep PVs/PVCs');
    // Ramen's default config copies Direct: the app PVCs on dr2 are the destinations themselves.
    for (const name of ['data-0', 'data-1']) {
      const restored = w.dr2.server.peek('v1', 'PersistentVolumeClaim', name, NS) as Pvc;
      expect(restored.metadata.labels?.['app.drsim.io/name']).toBe('app');
      expect(restored.metadata.labels?.['ramendr.openshift.io/created-by-ramen']).toBeUndefined();
      expect(w.vrg(w.dr2)?.status?.protectedPVCs?.find((p) => p.name === name)?.conditions?.find((c) => c.type === 'PVsRestored')).toMatchObject({ status: 'True', reason: 'Restored', message: 'PVC restored' });
    }
    await w.until(() => w.vrg(w.dr2)?.status?.state === 'Primary', 300_000);
  });

  it('stays DataProtected and ClusterDataProtected while prepared for a final sync (the hub gates relocation on them)', async () => {
    const w = await makeDrRig({ volsync: true });
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary'));
    await w.until(() => (w.vrg(w.dr1)?.status?.protectedPVCs ?? []).filter((p) => p.protectedByVolSync).length === 2, 60_000);
    await w.dr2.client.create(vrgManifest('secondary', { volSync: { rdSpec: rdSpecFrom(w.vrg(w.dr1)!.status!.protectedPVCs!) } }));
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.status === 'True', 1_200_000, 10_000);

    await w.dr1.client.patch(VRG_KIND, { namespace: NS, name: 'app-vrg' }, { spec: { prepareForFinalSync: true } });
    const generation = (): number => w.vrg(w.dr1)?.metadata.generation ?? 0;
    await w.until(() => w.vrg(w.dr1)?.status?.prepareForFinalSyncComplete === true && w.vrg(w.dr1)?.status?.observedGeneration === generation(), 300_000);
    // The RS keeps its last sync while scheduling is stopped; the trigger guard leaves it alone, but
    // protection is read from the RS itself (Ramen's IsRSDataProtected), not from that reconcile step.
    for (let i = 0; i < 3; i++) {
      await w.advance(60_000);
      const vrg = w.vrg(w.dr1);
      for (const type of ['DataReady', 'DataProtected', 'ClusterDataProtected']) {
        expect(conditionOf(vrg, type), type).toMatchObject({ status: 'True', observedGeneration: generation() });
      }
      expect(conditionOf(vrg, 'DataProtected')).toMatchObject({ reason: 'DataProtected', message: 'All VolSync PVCs are protected' });
      expect(vrg?.status?.prepareForFinalSyncComplete).toBe(true);
    }
  });

  it('runs the relocation handshake: prepare, then a final sync once the app is gone', async () => {
    const w = await makeDrRig({ volsync: true });
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary'));
    await w.until(() => (w.vrg(w.dr1)?.status?.protectedPVCs ?? []).filter((p) => p.protectedByVolSync).length === 2, 60_000);
    await w.dr2.client.create(vrgManifest('secondary', { volSync: { rdSpec: rdSpecFrom(w.vrg(w.dr1)!.status!.protectedPVCs!) } }));
    await w.until(() => conditionOf(w.vrg(w.dr1), 'DataProtected')?.status === 'True', 1_200_000, 10_000);

    await w.dr1.client.patch(VRG_KIND, { namespace: NS, name: 'app-vrg' }, { spec: { prepareForFinalSync: true } });
    await w.until(() => w.vrg(w.dr1)?.status?.prepareForFinalSyncComplete === true, 300_000);
    expect((w.dr1.server.peek(VS_API, 'ReplicationSource', 'data-0', NS) as ReplicationSource).spec.trigger).toEqual({ manual: 'PREPARE-FOR-FINAL-SYNC-STOP-SCHEDULING' });

    await w.dr1.client.delete({ apiVersion: 'v1', kind: 'Pod' }, { namespace: NS, name: 'app-writer' });
    for (const name of ['data-0', 'data-1']) await w.dr1.client.delete({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, { namespace: NS, name });
    await w.dr1.client.patch(VRG_KIND, { namespace: NS, name: 'app-vrg' }, { spec: { prepareForFinalSync: false, runFinalSync: true } });
    await w.until(() => w.vrg(w.dr1)?.status?.finalSyncComplete === true, 600_000, 2_000);
    const rs = w.dr1.server.peek(VS_API, 'ReplicationSource', 'data-0', NS) as ReplicationSource;
    expect(rs.spec).toMatchObject({ sourcePVC: 'data-0-for-finalsync', trigger: { manual: 'vrg-final-sync' } });
    expect(rs.status?.lastManualSync).toBe('vrg-final-sync');
    expect(w.dr1.server.peek('v1', 'PersistentVolumeClaim', 'data-0-for-finalsync', NS)).toBeUndefined();
  });
});
