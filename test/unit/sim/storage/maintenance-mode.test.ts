// Goal: the storage vendor answers a MaintenanceMode for its provisioner with Progressing and then,
// after its activation delay, Completed with FailoverActivated True at the current generation, and
// leaves other vendors' requests alone. Method: MaintenanceModes created as the hub's ManifestWork
// would, on a regional world with a 30 s activation delay.

import { describe, expect, it } from 'vitest';
import type { Condition, KubeObject } from '../../../../engine/api/meta.js';
import { MAINTENANCE_MODE_KIND } from '../../../../sim/storage/maintenance-mode-responder.js';
import { DRIVER, makeStorageWorld, peek } from './world.js';

type Mm = KubeObject<unknown, { state?: string; observedGeneration?: number; conditions?: Condition[] }>;

function mm(name: string, provisioner: string): KubeObject {
  return { ...MAINTENANCE_MODE_KIND, metadata: { name, labels: { 'ramendr.openshift.io/created-by-ramen': 'true' } }, spec: { storageProvisioner: provisioner, targetID: name, modes: ['Failover'] } };
}

describe('MaintenanceMode responder', () => {
  it('activates failover mode after the delay', async () => {
    const w = await makeStorageWorld({ topology: 'regional', maintenanceActivationDelayMs: 30_000 });
    await w.c2.client.create(mm('s1-s2', DRIVER));
    await w.advance(5_000);
    let got = peek<Mm>(w.c2, MAINTENANCE_MODE_KIND.apiVersion, 'MaintenanceMode', 's1-s2')!;
    expect(got.status?.state).toBe('Progressing');
    expect(got.status?.conditions?.[0]).toMatchObject({ type: 'FailoverActivated', status: 'False' });
    await w.advance(30_000);
    got = peek<Mm>(w.c2, MAINTENANCE_MODE_KIND.apiVersion, 'MaintenanceMode', 's1-s2')!;
    expect(got.status?.state).toBe('Completed');
    expect(got.status?.observedGeneration).toBe(got.metadata.generation);
    expect(got.status?.conditions?.[0]).toMatchObject({ type: 'FailoverActivated', status: 'True', observedGeneration: got.metadata.generation });
  });

  it('ignores a provisioner its storage does not serve', async () => {
    const w = await makeStorageWorld({ topology: 'regional', maintenanceActivationDelayMs: 1_000 });
    await w.c2.client.create(mm('other', 'other.csi.example.com'));
    await w.advance(10_000);
    expect(peek<Mm>(w.c2, MAINTENANCE_MODE_KIND.apiVersion, 'MaintenanceMode', 'other')?.status?.state).toBeUndefined();
  });
});
