// Goal: a BackupStorageLocation is Available exactly when its bucket answers with its credentials,
// through the network from the cluster Velero runs on, and the phase follows S3 outages and heals at
// the next validation period. Method: real SimApiServer, S3 endpoint and network on virtual time.
import { describe, expect, it } from 'vitest';
import { s3NodeId } from '../../../../sim/s3/sim-object-store.js';
import { bsl, credentialSecret, makeVeleroWorld, peekBsl, S3_URL } from './velero-rig.js';

describe('Velero BackupStorageLocation validation', () => {
  it('is Available when the bucket and credentials work', async () => {
    const w = await makeVeleroWorld(['c1']);
    const c1 = w.clusters['c1']!;
    await c1.client.create(bsl('loc', 'ns/vrg/kube-objects/1/velero/'));
    await w.until(() => peekBsl(c1, 'loc')?.status?.phase !== undefined);
    expect(peekBsl(c1, 'loc')!.status!.phase).toBe('Available');
    expect(peekBsl(c1, 'loc')!.status!.lastValidationTime).toBeDefined();
    expect(peekBsl(c1, 'loc')!.status!.message).toBeUndefined();
  });

  it('is Unavailable with wrong credentials, a missing bucket or a missing secret', async () => {
    const w = await makeVeleroWorld(['c1']);
    const c1 = w.clusters['c1']!;
    await c1.client.create(credentialSecret({ accessKeyId: 'minio', secretAccessKey: 'wrong' }, 'bad-secret'));
    await c1.client.create(bsl('bad-creds', 'p/', { credential: { name: 'bad-secret', key: 'ramengenerated' } }));
    await c1.client.create(bsl('bad-bucket', 'p/', { objectStorage: { bucket: 'nope', prefix: 'p/' } }));
    await c1.client.create(bsl('no-secret', 'p/', { credential: { name: 'absent', key: 'ramengenerated' } }));
    await w.until(() => ['bad-creds', 'bad-bucket', 'no-secret'].every((n) => peekBsl(c1, n)?.status?.phase !== undefined));
    for (const n of ['bad-creds', 'bad-bucket', 'no-secret']) expect(peekBsl(c1, n)!.status!.phase).toBe('Unavailable');
    expect(peekBsl(c1, 'bad-creds')!.status!.message).toContain('access denied');
    expect(peekBsl(c1, 'bad-bucket')!.status!.message).toContain('does not exist');
    expect(peekBsl(c1, 'no-secret')!.status!.message).toContain('"absent" not found');
  });

  it('turns Unavailable at the next validation during an S3 outage or a partition, and Available again after', async () => {
    const w = await makeVeleroWorld(['c1']);
    const c1 = w.clusters['c1']!;
    await c1.client.create(bsl('loc', 'p/', { validationFrequency: '30s' }));
    await w.until(() => peekBsl(c1, 'loc')?.status?.phase === 'Available');
    w.endpoint.up = false;
    await w.advance(29_000);
    expect(peekBsl(c1, 'loc')!.status!.phase).toBe('Available');
    await w.until(() => peekBsl(c1, 'loc')?.status?.phase === 'Unavailable', 5_000);
    w.endpoint.up = true;
    await w.until(() => peekBsl(c1, 'loc')?.status?.phase === 'Available', 31_000);
    w.network.cut('c1', s3NodeId(S3_URL));
    await w.until(() => peekBsl(c1, 'loc')?.status?.phase === 'Unavailable', 31_000);
    expect(peekBsl(c1, 'loc')!.status!.message).toContain('unreachable from c1');
  });

  it('refuses a prefix that holds foreign top-level directories', async () => {
    const w = await makeVeleroWorld(['c1']);
    const c1 = w.clusters['c1']!;
    const ep = w.endpoint;
    const store = w.factory.open({ s3ProfileName: 'x', s3Bucket: 'ramen', s3CompatibleEndpoint: S3_URL, s3Region: '', s3SecretRef: { name: 'x' } }, { accessKeyId: 'minio', secretAccessKey: 'minio123' }, 'c1');
    const put = store.put('shared/v1.PersistentVolume/pv1', new Uint8Array([1]));
    await w.advance(100);
    await put;
    expect(ep.keys('ramen', 'shared/')).toEqual(['shared/v1.PersistentVolume/pv1']);
    await c1.client.create(bsl('loc', 'shared/'));
    await w.until(() => peekBsl(c1, 'loc')?.status?.phase !== undefined);
    expect(peekBsl(c1, 'loc')!.status!.phase).toBe('Unavailable');
    expect(peekBsl(c1, 'loc')!.status!.message).toContain('invalid top-level directories: [v1.PersistentVolume]');
  });
});
