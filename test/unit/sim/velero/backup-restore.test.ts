// Goal: a Velero Backup captures exactly the selected objects of the selected namespaces into S3 in
// Velero's layout, a Restore on another cluster recreates them, Ramen's re-registered Backup of the
// same name fails without touching S3 yet still serves the Restore (dr-cluster spec §9.6), and S3
// outages, bad specs and restarts end in the phases Ramen branches on. Method: two SimApiServers,
// one S3 endpoint, network and Velero agents on virtual time.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import { veleroBackupKeys } from '../../../../engine/api/storage/velero.js';
import { decodeContents } from '../../../../sim/velero/backup-contents.js';
import { APP_NS, backup, bsl, BUCKET, configMap, makeVeleroWorld, peekBackup, peekBsl, peekRestore, restore, VELERO_NS, type VeleroCluster, type VeleroWorld } from './velero-rig.js';

const PREFIX = 'app/vrg/kube-objects/1/velero/';
const NAME = 'app--vrg--1----s3profile';

async function seedApp(c: VeleroCluster): Promise<void> {
  await c.client.create(configMap('cm-a', { app: 'demo' }));
  await c.client.create(configMap('cm-b', { app: 'demo' }));
  await c.client.create(configMap('cm-other', { app: 'other' }));
  await c.client.create(configMap('cm-ramen', { app: 'demo', 'ramendr.openshift.io/created-by-ramen': 'true' }));
  await c.client.create(configMap('cm-excluded', { app: 'demo', 'velero.io/exclude-from-backup': 'true' }));
  await c.client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec', namespace: APP_NS, labels: { app: 'demo' } }, type: 'Opaque', data: { k: 'dg==' } });
  await c.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'elsewhere' } });
  await c.client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-elsewhere', namespace: 'elsewhere', labels: { app: 'demo' } }, data: {} });
}

/** Ramen's capture spec: its namespace, its selector plus created-by-ramen NotIn [true], PV/PVC and replication kinds excluded. */
function ramenBackup(name = NAME) {
  return backup(name, {
    storageLocation: NAME,
    labelSelector: { matchLabels: { app: 'demo' }, matchExpressions: [{ key: 'ramendr.openshift.io/created-by-ramen', operator: 'NotIn', values: ['true'] }] },
    excludedResources: ['secrets', 'volumereplications.replication.storage.openshift.io', 'replicationsources.volsync.backube', 'replicationdestinations.volsync.backube', 'PersistentVolumeClaims', 'PersistentVolumes'],
  });
}

async function captured(w: VeleroWorld): Promise<KubeObject[]> {
  const body = w.endpoint.peek(BUCKET, veleroBackupKeys(PREFIX, NAME).contents);
  if (!body) throw new Error('no tarball');
  return decodeContents(body).map((i) => i.object);
}

async function available(w: VeleroWorld, c: VeleroCluster, name = NAME, prefix = PREFIX): Promise<void> {
  await c.client.create(bsl(name, prefix));
  await w.until(() => peekBsl(c, name)?.status?.phase === 'Available');
}

describe('Velero backup and restore', () => {
  it('captures the selected objects into S3 under backups/<name>/ and goes from no phase (New) through InProgress to Completed', async () => {
    const w = await makeVeleroWorld(['c1']);
    const c1 = w.clusters['c1']!;
    await seedApp(c1);
    await available(w, c1);
    await c1.client.create(ramenBackup());
    expect(peekBackup(c1, NAME)!.status?.phase).toBeUndefined();
    await w.until(() => peekBackup(c1, NAME)?.status?.phase === 'Completed');
    expect(w.trace.ofType('velero.backup').map((e) => e['phase'])).toEqual(['InProgress', 'Completed']);
    const b = peekBackup(c1, NAME)!;
    expect(b.status!.startTimestamp).toBeDefined();
    expect(b.status!.completionTimestamp).toBeDefined();
    expect(b.metadata.labels?.['velero.io/storage-location']).toBe(NAME);
    const keys = w.endpoint.keys(BUCKET, PREFIX);
    expect(keys).toEqual([
      `${PREFIX}backups/${NAME}/${NAME}-logs.gz`,
      `${PREFIX}backups/${NAME}/${NAME}-resource-list.json.gz`,
      `${PREFIX}backups/${NAME}/${NAME}.tar.gz`,
      `${PREFIX}backups/${NAME}/velero-backup.json`,
    ]);
    const objs = await captured(w);
    const names = objs.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(names).toEqual(['ConfigMap/cm-a', 'ConfigMap/cm-b', 'Namespace/app']);
    expect(b.status!.progress).toEqual({ totalItems: 3, itemsBackedUp: 3 });
    const meta = JSON.parse(new TextDecoder().decode(w.endpoint.peek(BUCKET, `${PREFIX}backups/${NAME}/velero-backup.json`))) as KubeObject;
    expect((meta.status as { phase: string }).phase).toBe('Completed');
  });

  it('restores the capture on another cluster; the re-registered Backup fails without overwriting S3', async () => {
    const w = await makeVeleroWorld(['c1', 'c2']);
    const c1 = w.clusters['c1']!;
    const c2 = w.clusters['c2']!;
    await seedApp(c1);
    await available(w, c1);
    await c1.client.create(ramenBackup());
    await w.until(() => peekBackup(c1, NAME)?.status?.phase === 'Completed');
    const tarball = w.endpoint.peek(BUCKET, veleroBackupKeys(PREFIX, NAME).contents);

    await c2.client.delete({ apiVersion: 'v1', kind: 'Namespace' }, { name: APP_NS });
    await w.advance(1_000);
    await available(w, c2);
    await c2.client.create(ramenBackup());
    await w.until(() => ['Completed', 'Failed', 'PartiallyFailed'].includes(peekBackup(c2, NAME)?.status?.phase ?? ''));
    expect(peekBackup(c2, NAME)!.status!.phase).toBe('Failed');
    expect(peekBackup(c2, NAME)!.status!.failureReason).toBe('backup already exists in object storage');
    expect(w.endpoint.peek(BUCKET, veleroBackupKeys(PREFIX, NAME).contents)).toBe(tarball);

    await c2.client.create(restore('app--vrg--0', NAME));
    await w.until(() => ['Completed', 'PartiallyFailed', 'Failed'].includes(peekRestore(c2, 'app--vrg--0')?.status?.phase ?? ''));
    const r = peekRestore(c2, 'app--vrg--0')!;
    expect(r.status!.phase).toBe('Completed');
    expect(r.status!.progress).toEqual({ totalItems: 3, itemsRestored: 3 });
    const restored = c2.server.peekAll('v1', 'ConfigMap', APP_NS).map((o) => o.metadata.name).sort();
    expect(restored).toEqual(['cm-a', 'cm-b']);
    const cm = c2.server.peek('v1', 'ConfigMap', 'cm-a', APP_NS)!;
    expect(cm.metadata.labels).toMatchObject({ app: 'demo', 'velero.io/backup-name': NAME, 'velero.io/restore-name': 'app--vrg--0' });
    expect(cm['data']).toEqual({ k: 'cm-a' });
    expect(cm.metadata.uid).not.toBe(c1.server.peek('v1', 'ConfigMap', 'cm-a', APP_NS)!.metadata.uid);
    expect(w.endpoint.keys(BUCKET, `${PREFIX}restores/app--vrg--0/`).length).toBe(2);
  });

  it('maps namespaces and leaves existing objects alone with a warning', async () => {
    const w = await makeVeleroWorld(['c1']);
    const c1 = w.clusters['c1']!;
    await seedApp(c1);
    await available(w, c1);
    await c1.client.create(ramenBackup());
    await w.until(() => peekBackup(c1, NAME)?.status?.phase === 'Completed');
    await c1.client.update({ ...c1.server.peek('v1', 'ConfigMap', 'cm-a', APP_NS)!, data: { k: 'changed' } } as KubeObject);
    await c1.client.create(restore('same-ns', NAME));
    await c1.client.create(restore('mapped', NAME, { namespaceMapping: { [APP_NS]: 'copy' } }));
    await w.until(() => peekRestore(c1, 'same-ns')?.status?.phase === 'Completed' && peekRestore(c1, 'mapped')?.status?.phase === 'Completed');
    expect(peekRestore(c1, 'same-ns')!.status!.warnings).toBe(1);
    expect(c1.server.peek('v1', 'ConfigMap', 'cm-a', APP_NS)!['data']).toEqual({ k: 'changed' });
    expect(c1.server.peekAll('v1', 'ConfigMap', 'copy').map((o) => o.metadata.name).sort()).toEqual(['cm-a', 'cm-b']);
  });

  it('fails a backup when S3 is down, and writes nothing', async () => {
    const w = await makeVeleroWorld(['c1']);
    const c1 = w.clusters['c1']!;
    await seedApp(c1);
    await available(w, c1);
    w.endpoint.up = false;
    await c1.client.create(ramenBackup());
    await w.until(() => ['Completed', 'Failed', 'PartiallyFailed'].includes(peekBackup(c1, NAME)?.status?.phase ?? ''));
    const b = peekBackup(c1, NAME)!;
    expect(b.status!.phase).toBe('Failed');
    expect(b.status!.failureReason).toContain('error checking if backup already exists in object storage');
    w.endpoint.up = true;
    expect(w.endpoint.keys(BUCKET, PREFIX)).toEqual([]);
  });

  it('fails validation without an Available location or with both selector kinds', async () => {
    const w = await makeVeleroWorld(['c1']);
    const c1 = w.clusters['c1']!;
    await c1.client.create(backup('no-location', { storageLocation: 'missing' }));
    await c1.client.create(bsl('broken', PREFIX, { objectStorage: { bucket: 'nope' } }));
    await w.until(() => peekBsl(c1, 'broken')?.status?.phase === 'Unavailable');
    await c1.client.create(backup('broken'));
    await available(w, c1);
    await c1.client.create(backup('both', { storageLocation: NAME, labelSelector: { matchLabels: { a: 'b' } }, orLabelSelectors: [{ matchLabels: { c: 'd' } }] }));
    await w.until(() => ['no-location', 'broken', 'both'].every((n) => peekBackup(c1, n)?.status?.phase === 'FailedValidation'));
    expect(peekBackup(c1, 'no-location')!.status!.validationErrors![0]).toContain('"missing" not found');
    expect(peekBackup(c1, 'broken')!.status!.validationErrors![0]).toContain('Unavailable');
    expect(peekBackup(c1, 'both')!.status!.validationErrors![0]).toContain('only one can be specified');
  });

  it('fails a restore whose backup data is missing, and marks work orphaned by a restart Failed', async () => {
    const w = await makeVeleroWorld(['c1']);
    const c1 = w.clusters['c1']!;
    await available(w, c1);
    await c1.client.create({ ...backup('ghost', { storageLocation: NAME }), status: { phase: 'Failed' } });
    await c1.client.create(restore('from-ghost', 'ghost'));
    await c1.client.create(restore('no-backup', 'absent'));
    await w.until(() => peekRestore(c1, 'from-ghost')?.status?.phase === 'Failed' && peekRestore(c1, 'no-backup')?.status?.phase === 'FailedValidation');
    expect(peekRestore(c1, 'from-ghost')!.status!.failureReason).toContain('no such key');

    w.clusters['c1']!.manager.stop();
    await c1.client.create({ ...backup('orphan', { storageLocation: NAME }), status: { phase: 'InProgress' } });
    w.restartVelero('c1');
    await w.until(() => peekBackup(c1, 'orphan')?.status?.phase === 'Failed');
    expect(peekBackup(c1, 'orphan')!.status!.failureReason).toContain('during the server starting');
  });

  it('deletes a backup and its data on a DeleteBackupRequest, while deleting the Backup object alone keeps the data', async () => {
    const w = await makeVeleroWorld(['c1']);
    const c1 = w.clusters['c1']!;
    await seedApp(c1);
    await available(w, c1);
    await c1.client.create(ramenBackup());
    await w.until(() => peekBackup(c1, NAME)?.status?.phase === 'Completed');
    await c1.client.delete({ apiVersion: 'velero.io/v1', kind: 'Backup' }, { namespace: VELERO_NS, name: NAME });
    await w.advance(5_000);
    expect(w.endpoint.keys(BUCKET, `${PREFIX}backups/`).length).toBe(4);

    await c1.client.create(ramenBackup('second'));
    await w.until(() => peekBackup(c1, 'second')?.status?.phase !== undefined && peekBackup(c1, 'second')?.status?.phase !== 'InProgress');
    await c1.client.create({ apiVersion: 'velero.io/v1', kind: 'DeleteBackupRequest', metadata: { name: 'del', namespace: VELERO_NS }, spec: { backupName: 'second' } });
    await w.until(() => (c1.server.peek('velero.io/v1', 'DeleteBackupRequest', 'del', VELERO_NS)?.status as { phase?: string } | undefined)?.phase === 'Processed');
    expect(peekBackup(c1, 'second')).toBeUndefined();
    expect(w.endpoint.keys(BUCKET, `${PREFIX}backups/second/`)).toEqual([]);
    expect(w.endpoint.keys(BUCKET, `${PREFIX}backups/${NAME}/`).length).toBe(4);
  });
});
