// Goal: the DRClusterConfig controller reports the DR-labelled classes, adds its finalizer and
// conditions, refuses a second DRClusterConfig, and follows class changes; ClusterID is immutable.
// Method: the DR-cluster operator on the simulator with the storage fixtures.

import { describe, expect, it } from 'vitest';
import { DRCLUSTERCONFIG_KIND } from '../../../../engine/api/ramen/drclusterconfig.js';
import type { DrClusterConfig } from '../../../../engine/api/ramen/drclusterconfig.js';
import { isApiError } from '../../../../engine/runtime/errors.js';
import { makeDrRig } from './rig.js';

const peekConfig = (w: Awaited<ReturnType<typeof makeDrRig>>, name = 'dr1') => w.dr1.server.peek(DRCLUSTERCONFIG_KIND.apiVersion, DRCLUSTERCONFIG_KIND.kind, name) as DrClusterConfig | undefined;

describe('DRClusterConfig', () => {
  it('lists the labelled classes and reports Processed', async () => {
    const w = await makeDrRig();
    await w.dr1.client.create({ apiVersion: DRCLUSTERCONFIG_KIND.apiVersion, kind: DRCLUSTERCONFIG_KIND.kind, metadata: { name: 'dr1' }, spec: { clusterID: 'uid-dr1', replicationSchedules: ['5m'] } });
    await w.until(() => peekConfig(w)?.status?.conditions?.find((c) => c.type === 'Processed')?.status === 'True', 30_000);
    const cfg = peekConfig(w)!;
    expect(cfg.metadata.finalizers).toContain('drclusterconfigs.ramendr.openshift.io/finalizer');
    expect(cfg.status?.conditions?.find((c) => c.type === 'Processed')).toMatchObject({ reason: 'Succeeded', message: 'Configuration processed and validated' });
    expect(cfg.status?.conditions?.find((c) => c.type === 'Reachable')).toMatchObject({ status: 'Unknown', reason: 'Initializing' });
    expect(cfg.status?.storageClasses).toEqual(['rbd']);
    expect(cfg.status?.volumeReplicationClasses?.length).toBe(1);

    // A new labelled StorageClass shows up without touching the DRClusterConfig.
    await w.dr1.client.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'aaa', labels: { 'ramendr.openshift.io/storageid': 'x' } }, provisioner: 'x.csi' });
    await w.until(() => (peekConfig(w)?.status?.storageClasses ?? []).includes('aaa'), 30_000);
    expect(peekConfig(w)?.status?.storageClasses).toEqual(['aaa', 'rbd']);

    // ClusterID is immutable.
    const err = await w.dr1.client.patch(DRCLUSTERCONFIG_KIND, { name: 'dr1' }, { spec: { clusterID: 'other' } }).catch((e: unknown) => e);
    expect(isApiError(err, 'Invalid')).toBe(true);
  });

  it('fails the reconcile while two DRClusterConfigs exist', async () => {
    const w = await makeDrRig();
    for (const name of ['a', 'b']) await w.dr1.client.create({ apiVersion: DRCLUSTERCONFIG_KIND.apiVersion, kind: DRCLUSTERCONFIG_KIND.kind, metadata: { name }, spec: { clusterID: name } });
    await w.advance(30_000);
    expect(w.trace.ofType('dr.reconcile.error').some((e) => e['error'] === 'multiple DRClusterConfigs found')).toBe(true);
    expect(peekConfig(w, 'a')?.status?.conditions).toBeUndefined();
  });
});
