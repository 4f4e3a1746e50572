// Goal: metro (one storage system shared by both clusters) makes every acknowledged write visible to
// both clusters at once, and a NetworkFence on the peer cuts the fenced cluster's nodes off the
// storage so its writes fail; fence status is reported as csi-addons does. Method: a metro world on
// virtual time, an app writing on c1, a NetworkFence created on c2 as the hub's ManifestWork would.

import { describe, expect, it } from 'vitest';
import type { NetworkFence } from '../../../../engine/api/storage/network-fence.js';
import { NetworkFenceKind } from '../../../../engine/api/storage/network-fence.js';
import { app, deploy, imageOf, makeStorageWorld, NS, peek, restorePvAndPvc } from './world.js';

const PVC = `${NS}/data`;

function fence(name: string, cidrs: string[], fenceState: 'Fenced' | 'Unfenced' = 'Fenced'): NetworkFence {
  return { apiVersion: NetworkFenceKind.apiVersion, kind: 'NetworkFence', metadata: { name }, spec: { networkFenceClassName: 'stretched-nfc', cidrs, fenceState } };
}

describe('metro storage and NetworkFence', () => {
  it('shares one image between both clusters, and fencing c1 makes its writes fail', async () => {
    const w = await makeStorageWorld({ topology: 'metro' });
    const spec = app('busybox', ['data']);
    await deploy(w.c1, spec);
    await w.advance(20_000);
    const image = imageOf(w.c1, 'stretched', 'data');
    const ackedOnC1 = w.ledger.ackedCountForPvc(PVC);
    expect(ackedOnC1).toBeGreaterThan(10);
    // Synchronous: nothing acknowledged is missing from the one image.
    expect(w.ledger.missingFrom(w.storage.data, image, PVC)).toEqual([]);

    await w.c2.client.create(fence('c1-fence', ['10.1.0.0/16']));
    await w.advance(2_000);
    const nf = peek<NetworkFence>(w.c2, NetworkFenceKind.apiVersion, 'NetworkFence', 'c1-fence')!;
    expect(nf.status).toMatchObject({ result: 'Succeeded', message: 'fencing operation successful' });
    expect(nf.metadata.finalizers).toContain('csiaddons.openshift.io/network-fence');
    expect(w.storage.isFenced('stretched', 'c1')).toBe(true);
    expect(w.storage.isFenced('stretched', 'c2')).toBe(false);

    const before = w.ledger.ackedCountForPvc(PVC);
    const refusedBefore = w.ledger.refusals(`${NS}/busybox`);
    await w.advance(10_000);
    expect(w.ledger.ackedCountForPvc(PVC)).toBe(before);
    expect(w.ledger.refusals(`${NS}/busybox`)).toBeGreaterThan(refusedBefore + 5);
    expect(w.trace.ofType('app.write.refused').some((e) => e.reason === 'fenced')).toBe(true);

    // The app moves to c2: the same volume handle is the same data, with nothing lost.
    await restorePvAndPvc(w.c1, w.c2, 'data');
    await deploy(w.c2, spec);
    await w.advance(10_000);
    expect(imageOf(w.c2, 'stretched', 'data')).toBe(image);
    expect(w.ledger.ackedForPvc(PVC).filter((x) => x.cluster === 'c2').length).toBeGreaterThan(5);
    expect(w.ledger.missingFrom(w.storage.data, image, PVC)).toEqual([]);
  });

  it('unfences on Unfenced and reports a spec it cannot use as Failed', async () => {
    const w = await makeStorageWorld({ topology: 'metro' });
    await w.c2.client.create(fence('c1-fence', ['10.1.0.0/16']));
    await w.advance(2_000);
    const nf = await w.c2.client.get<NetworkFence>(NetworkFenceKind, { name: 'c1-fence' });
    await w.c2.client.update({ ...nf, spec: { ...nf.spec, fenceState: 'Unfenced' } });
    await w.advance(2_000);
    expect(peek<NetworkFence>(w.c2, NetworkFenceKind.apiVersion, 'NetworkFence', 'c1-fence')?.status).toMatchObject({ result: 'Succeeded', message: 'unfencing operation successful' });
    expect(w.storage.isFenced('stretched', 'c1')).toBe(false);

    await w.c2.client.create(fence('bad', ['not-a-cidr']));
    await w.advance(2_000);
    const bad = peek<NetworkFence>(w.c2, NetworkFenceKind.apiVersion, 'NetworkFence', 'bad')!;
    expect(bad.status?.result).toBe('Failed');
    expect(bad.status?.message).toMatch(/^Failed to validate Networkfence parameters: /);
  });

  it('keeps the fence when the NetworkFence is deleted, as csi-addons does', async () => {
    const w = await makeStorageWorld({ topology: 'metro' });
    await w.c2.client.create(fence('c1-fence', ['10.1.0.0/16']));
    await w.advance(2_000);
    await w.c2.client.delete(NetworkFenceKind, { name: 'c1-fence' });
    await w.advance(2_000);
    expect(peek(w.c2, NetworkFenceKind.apiVersion, 'NetworkFence', 'c1-fence')).toBeUndefined();
    expect(w.storage.isFenced('stretched', 'c1')).toBe(true);
  });
});
