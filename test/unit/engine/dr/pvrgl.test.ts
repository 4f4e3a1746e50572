// Goal: a ProtectedVolumeReplicationGroupList samples the VRG copies of one S3 profile once, with
// trimmed metadata, and samples again only after its status is cleared. Method: DR operator on the
// simulator with a protected application.

import { describe, expect, it } from 'vitest';
import { PVRGL_KIND } from '../../../../engine/api/ramen/pvrgl.js';
import type { ProtectedVolumeReplicationGroupList } from '../../../../engine/api/ramen/pvrgl.js';
import { conditionOf, deployApp, makeDrRig, NS, PROFILE, vrgManifest } from './rig.js';

describe('ProtectedVolumeReplicationGroupList', () => {
  it('lists the VRGs stored in the profile', async () => {
    const w = await makeDrRig();
    await deployApp(w.dr1);
    await w.advance(10_000);
    await w.dr1.client.create(vrgManifest('primary'));
    await w.until(() => conditionOf(w.vrg(w.dr1), 'ClusterDataProtected')?.status === 'True' && w.s3Keys().some((k) => k.endsWith('VolumeReplicationGroup/a')), 120_000);
    await w.dr2.client.create({ apiVersion: PVRGL_KIND.apiVersion, kind: PVRGL_KIND.kind, metadata: { name: 'inventory' }, spec: { s3ProfileName: PROFILE } });
    const peek = () => w.dr2.server.peek(PVRGL_KIND.apiVersion, PVRGL_KIND.kind, 'inventory') as ProtectedVolumeReplicationGroupList | undefined;
    await w.until(() => peek()?.status?.items !== undefined, 30_000);
    const items = peek()!.status!.items!;
    expect(items).toHaveLength(1);
    expect(items[0]!.metadata).toEqual(expect.objectContaining({ name: 'app-vrg', namespace: NS }));
    expect(items[0]!.metadata.uid).toBeUndefined();
    expect(items[0]!.spec.replicationState).toBe('primary');
  });
});
