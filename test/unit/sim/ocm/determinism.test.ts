// The OCM model is deterministic: the same steps give the same trace and the same stored state, so a
// seed replays exactly.

import { describe, expect, it } from 'vitest';
import { ManifestWorkKind } from '../../../../engine/api/ocm/manifest-work.js';
import { ManagedClusterViewKind } from '../../../../engine/api/ocm/managed-cluster-view.js';
import { ocmRig } from './ocm-rig.js';

async function scenario(): Promise<string> {
  const rig = await ocmRig();
  await rig.hubClient.create({
    apiVersion: ManifestWorkKind.apiVersion,
    kind: ManifestWorkKind.kind,
    metadata: { name: 'w', namespace: 'east' },
    spec: { workload: { manifests: [rig.nsObject('app'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'app' }, data: { a: '1' } }] } },
  });
  await rig.hubClient.create({
    apiVersion: ManagedClusterViewKind.apiVersion,
    kind: ManagedClusterViewKind.kind,
    metadata: { name: 'v', namespace: 'east' },
    spec: { scope: { kind: 'ConfigMap', version: 'v1', name: 'c', namespace: 'app' } },
  });
  await rig.runFor(2 * 60_000);
  rig.network.cut('east', 'hub');
  await rig.hubClient.delete(ManifestWorkKind, { namespace: 'east', name: 'w' });
  await rig.runFor(7 * 60_000);
  rig.network.heal('east', 'hub');
  await rig.runFor(3 * 60_000);
  return JSON.stringify({ trace: rig.trace.events, hub: rig.hub.dump(), east: rig.server('east').dump() });
}

describe('OCM model determinism', () => {
  it('replays the same steps to the same trace and state', async () => {
    const a = await scenario();
    const b = await scenario();
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toBe(a);
  });
});
