// Velero's DeleteBackupRequest controller: the only path that removes a backup's data. It marks the
// Backup Deleting, deletes everything under `backups/<name>/` in the backup's location, deletes the
// Restores made from it (and their `restores/<name>/` data), then the Backup object, and records the
// request Processed with any errors. When S3 cannot be reached the Backup object is kept, as Velero
// does, so the data is not orphaned.

import {
  BackupKind,
  BackupStorageLocationKind,
  DeleteBackupRequestKind,
  RestoreKind,
  veleroBackupKeys,
  veleroRestoreKeys,
  type Backup,
  type BackupStorageLocation,
  type DeleteBackupRequest,
  type Restore,
} from '../../engine/api/storage/velero.js';
import { isConflict, isNotFound } from '../../engine/runtime/errors.js';
import { deleteByPrefix } from '../../engine/runtime/object-store.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import { openLocationStore } from './location-store.js';
import type { ResolvedVeleroDeps } from './velero-deps.js';

export class DeleteRequestReconciler implements Reconciler {
  constructor(private readonly deps: ResolvedVeleroDeps) {}

  async reconcile(request: Request): Promise<Result> {
    const { client } = this.deps;
    let dbr: DeleteBackupRequest;
    try {
      dbr = await client.get<DeleteBackupRequest>(DeleteBackupRequestKind, request);
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
    if (dbr.status?.phase === 'Processed') return {};
    const namespace = dbr.metadata.namespace ?? '';
    const name = dbr.spec.backupName;
    const errors: string[] = [];
    let backup: Backup | undefined;
    try {
      backup = await client.get<Backup>(BackupKind, { namespace, name });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (!backup) {
      errors.push('backup not found');
    } else {
      await client.patch(BackupKind, { namespace, name }, { status: { phase: 'Deleting' } }).catch(() => undefined);
      const s3Errors = await this.deleteData(backup);
      errors.push(...s3Errors);
      if (s3Errors.length === 0) {
        await client.delete(BackupKind, { namespace, name }).catch((err: unknown) => {
          if (!isNotFound(err)) errors.push(`error deleting backup: ${(err as Error).message}`);
        });
      }
    }
    this.deps.trace.emit({ type: 'velero.delete-backup', cluster: this.deps.node, namespace, backup: name, errors: errors.length });
    try {
      const fresh = await client.get<DeleteBackupRequest>(DeleteBackupRequestKind, request);
      await client.updateStatus({ ...fresh, status: { phase: 'Processed', ...(errors.length > 0 ? { errors } : {}) } });
    } catch (err) {
      if (isNotFound(err)) return {};
      if (isConflict(err)) return { requeue: true };
      throw err;
    }
    return {};
  }

  private async deleteData(backup: Backup): Promise<string[]> {
    const { client } = this.deps;
    const namespace = backup.metadata.namespace ?? '';
    let location: BackupStorageLocation;
    try {
      location = await client.get<BackupStorageLocation>(BackupStorageLocationKind, { namespace, name: backup.spec.storageLocation || 'default' });
    } catch (err) {
      if (isNotFound(err)) return [`backup storage location ${backup.spec.storageLocation} not found`];
      throw err;
    }
    const opened = await openLocationStore(client, this.deps.objectStores, this.deps.node, location);
    if (!opened.ok) return [opened.message];
    const { store, prefix } = opened.value;
    try {
      await deleteByPrefix(store, veleroBackupKeys(prefix, backup.metadata.name).dir);
      const restores = await client.list<Restore>(RestoreKind, { namespace });
      for (const r of restores.items.filter((x) => x.spec.backupName === backup.metadata.name)) {
        await deleteByPrefix(store, veleroRestoreKeys(prefix, r.metadata.name).dir);
        await client.delete(RestoreKind, { namespace, name: r.metadata.name }).catch(ignoreMissing);
      }
      return [];
    } catch (err) {
      return [`error deleting backup data: ${(err as Error).message}`];
    }
  }
}

function ignoreMissing(err: unknown): void {
  if (!isNotFound(err)) throw err;
}

export function deleteRequestController(deps: ResolvedVeleroDeps): ControllerSpec {
  return {
    name: 'velero-delete-backup-request',
    reconciler: new DeleteRequestReconciler(deps),
    watches: [{ client: deps.client, kind: DeleteBackupRequestKind, namespace: deps.namespace }],
  };
}
