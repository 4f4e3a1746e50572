// Velero's Backup controller. A new Backup (phase empty or New) is validated: its location must exist,
// be Available and writable, and at most one of labelSelector and orLabelSelectors may be set;
// otherwise FailedValidation. A valid one goes InProgress, and then, as one unit of work:
//   1. refuses to run when `backups/<name>/velero-backup.json` already exists in the location
//      (Failed "backup already exists in object storage"; an S3 error here fails it too);
//   2. captures the selected objects (list failures count as errors: PartiallyFailed);
//   3. uploads logs, velero-backup.json, the tarball and the resource list; an upload failure fails
//      the backup (the metadata object is removed again when the tarball did not make it);
//   4. writes Completed or PartiallyFailed with completionTimestamp and progress.
// A Backup found InProgress that this process is not running was orphaned by a restart; Velero marks
// such backups Failed at startup, and so does the simulator. Deleting a Backup object leaves its data
// in S3; only a DeleteBackupRequest removes it.

import { keyString, type ObjectKey } from '../../engine/api/meta.js';
import {
  BackupKind,
  BackupStorageLocationKind,
  VeleroLabel,
  veleroBackupKeys,
  type Backup,
  type BackupStatus,
  type BackupStorageLocation,
} from '../../engine/api/storage/velero.js';
import { isNotFound } from '../../engine/runtime/errors.js';
import { isObjectStoreError } from '../../engine/runtime/object-store.js';
import { rfc3339 } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import { captureItems } from './backup-capture.js';
import { BACKUP_FORMAT_VERSION, encodeContents, encodeResourceList, gzipText, jsonBytes } from './backup-contents.js';
import { openLocationStore, type LocationStore } from './location-store.js';
import { sleep, type ResolvedVeleroDeps } from './velero-deps.js';

export class BackupReconciler implements Reconciler {
  /** Backups this process is running; lost on a crash, which is what orphans an InProgress backup. */
  private readonly running = new Set<string>();

  constructor(private readonly deps: ResolvedVeleroDeps) {}

  async reconcile(request: Request): Promise<Result> {
    const backup = await this.read(request);
    if (!backup) return {};
    const phase = backup.status?.phase ?? '';
    if (phase === 'InProgress' && !this.running.has(keyString(request))) {
      await this.finish(request, {
        phase: 'Failed',
        failureReason: 'found a backup with status "InProgress" during the server starting, mark it as "Failed"',
        completionTimestamp: rfc3339(this.deps.clock.nowMs()),
      });
      return {};
    }
    if (phase !== '' && phase !== 'New') return {};
    if (backup.metadata.deletionTimestamp) return {};

    const { errors, location } = await this.validate(backup);
    if (errors.length > 0) {
      this.emit(backup, 'FailedValidation', errors.join('; '));
      await this.patch(request, { status: { phase: 'FailedValidation', validationErrors: errors } });
      return {};
    }
    const key = keyString(request);
    this.running.add(key);
    try {
      await this.run(request, backup, location!);
    } finally {
      this.running.delete(key);
    }
    return {};
  }

  private async read(key: ObjectKey): Promise<Backup | undefined> {
    try {
      return await this.deps.client.get<Backup>(BackupKind, key);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async validate(backup: Backup): Promise<{ errors: string[]; location?: BackupStorageLocation }> {
    const errors: string[] = [];
    if (backup.spec.labelSelector && (backup.spec.orLabelSelectors ?? []).length > 0) {
      errors.push('encountered labelSelector as well as orLabelSelectors in backup spec, only one can be specified');
    }
    const name = backup.spec.storageLocation || 'default';
    let location: BackupStorageLocation | undefined;
    try {
      location = await this.deps.client.get<BackupStorageLocation>(BackupStorageLocationKind, { namespace: backup.metadata.namespace ?? '', name });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      errors.push(`an existing backup storage location wasn't specified at backup creation time and the default '${name}' wasn't found. Please address this issue (see \`velero backup-location -h\` for options) and create a new backup. Error: backupstoragelocations.velero.io "${name}" not found`);
      return { errors };
    }
    if (location.spec.accessMode === 'ReadOnly') errors.push(`backup can't be created because backup storage location ${name} is currently in read-only mode`);
    if (location.status?.phase !== 'Available') errors.push(`backup can't be created because BackupStorageLocation ${name} is in Unavailable status.`);
    return { errors, location };
  }

  private async run(request: Request, backup: Backup, location: BackupStorageLocation): Promise<void> {
    const { clock } = this.deps;
    const startMs = clock.nowMs();
    const started: BackupStatus = { phase: 'InProgress', startTimestamp: rfc3339(startMs), version: 1, formatVersion: BACKUP_FORMAT_VERSION };
    if (!(await this.patch(request, { metadata: { labels: { [VeleroLabel.storageLocation]: location.metadata.name } }, status: started }))) return;
    this.emit(backup, 'InProgress');

    const opened = await openLocationStore(this.deps.client, this.deps.objectStores, this.deps.node, location);
    if (!opened.ok) return this.fail(request, backup, opened.message);
    const keys = veleroBackupKeys(opened.value.prefix, backup.metadata.name);
    const exists = await this.exists(opened.value, keys.metadata);
    if (exists === true) return this.fail(request, backup, 'backup already exists in object storage');
    if (typeof exists === 'string') return this.fail(request, backup, `error checking if backup already exists in object storage: ${exists}`);

    const capture = await captureItems(this.deps.client, this.deps.kinds, backup.spec);
    if (capture.items.length > 0) await sleep(this.deps.scheduler, capture.items.length * this.deps.itemMs, 'velero.backup.items');

    const completedMs = clock.nowMs();
    const phase = capture.errors.length > 0 ? 'PartiallyFailed' : 'Completed';
    const final: BackupStatus = {
      ...started,
      phase,
      completionTimestamp: rfc3339(completedMs),
      progress: { totalItems: capture.items.length, itemsBackedUp: capture.items.length },
      errors: capture.errors.length,
      warnings: 0,
    };
    const current = (await this.read(request)) ?? backup;
    const log = [`backup ${backup.metadata.name}: ${capture.items.length} items`, ...capture.errors].join('\n');
    const uploadError = await this.upload(opened.value, keys, { ...current, status: final }, capture.items, log, Math.floor(startMs / 1000));
    if (uploadError !== undefined) return this.fail(request, backup, uploadError);
    this.emit(backup, phase, undefined, capture.items.length);
    await this.finish(request, final);
  }

  /** True when the metadata object exists, false when it does not, or the S3 error text. */
  private async exists(store: LocationStore, key: string): Promise<boolean | string> {
    try {
      await store.store.get(key);
      return true;
    } catch (err) {
      if (isObjectStoreError(err, 'NoSuchKey')) return false;
      return (err as Error).message;
    }
  }

  private async upload(store: LocationStore, keys: ReturnType<typeof veleroBackupKeys>, record: Backup, items: Parameters<typeof encodeContents>[0], log: string, mtimeSeconds: number): Promise<string | undefined> {
    const s3 = store.store;
    try {
      await s3.put(keys.logs, gzipText(log));
      await s3.put(keys.metadata, jsonBytes(record));
    } catch (err) {
      return `error uploading backup metadata: ${(err as Error).message}`;
    }
    try {
      await s3.put(keys.contents, encodeContents(items, mtimeSeconds));
      await s3.put(keys.resourceList, encodeResourceList(items));
    } catch (err) {
      // Velero removes the metadata so that a half-written backup is never synced or restored.
      await s3.delete(keys.metadata).catch(() => undefined);
      return `error uploading backup contents: ${(err as Error).message}`;
    }
    return undefined;
  }

  private async fail(request: Request, backup: Backup, reason: string): Promise<void> {
    this.emit(backup, 'Failed', reason);
    await this.finish(request, { phase: 'Failed', failureReason: reason, completionTimestamp: rfc3339(this.deps.clock.nowMs()) });
  }

  private async finish(request: Request, status: BackupStatus): Promise<void> {
    await this.patch(request, { status });
  }

  /** A merge patch: Backup has no status subresource, so status is written with the object. */
  private async patch(request: Request, patch: { metadata?: unknown; status: BackupStatus }): Promise<boolean> {
    try {
      await this.deps.client.patch(BackupKind, request, patch);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  private emit(backup: Backup, phase: string, reason?: string, items?: number): void {
    this.deps.trace.emit({ type: 'velero.backup', cluster: this.deps.node, namespace: backup.metadata.namespace, name: backup.metadata.name, phase, reason, items });
  }
}

export function backupController(deps: ResolvedVeleroDeps): ControllerSpec {
  return {
    name: 'velero-backup',
    reconciler: new BackupReconciler(deps),
    watches: [{ client: deps.client, kind: BackupKind, namespace: deps.namespace }],
  };
}
