// Velero's Restore controller. A new Restore is validated: it must name a backup, may not set both
// labelSelector and orLabelSelectors, and the Backup object and its storage location must exist on
// this cluster (FailedValidation otherwise). A valid one goes InProgress, downloads
// `backups/<backup>/<backup>.tar.gz` from the location (an S3 failure or a missing tarball: Failed),
// applies the objects (errors: PartiallyFailed, else Completed) and uploads its results and log under
// `restores/<restore>/`. The Backup's own phase is not checked: what the restore needs is the data in
// object storage, which is what lets Ramen recover through a re-registered Backup object that Velero
// itself marked Failed ("backup already exists in object storage", dr-cluster spec §9.6).
// A Restore found InProgress that this process is not running is marked Failed, as at Velero startup.

import { keyString } from '../../engine/api/meta.js';
import { BackupKind, BackupStorageLocationKind, RestoreKind, veleroBackupKeys, veleroRestoreKeys, type Backup, type BackupStorageLocation, type Restore, type RestoreStatus } from '../../engine/api/storage/velero.js';
import { isNotFound } from '../../engine/runtime/errors.js';
import { rfc3339 } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import { decodeContents, gzipText, type DecodedItem } from './backup-contents.js';
import { openLocationStore } from './location-store.js';
import { applyRestore } from './restore-apply.js';
import { sleep, type ResolvedVeleroDeps } from './velero-deps.js';

export class RestoreReconciler implements Reconciler {
  private readonly running = new Set<string>();

  constructor(private readonly deps: ResolvedVeleroDeps) {}

  async reconcile(request: Request): Promise<Result> {
    let restore: Restore;
    try {
      restore = await this.deps.client.get<Restore>(RestoreKind, request);
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
    const phase = restore.status?.phase ?? '';
    if (phase === 'InProgress' && !this.running.has(keyString(request))) {
      await this.patch(request, { phase: 'Failed', failureReason: 'found a restore with status "InProgress" during the server starting, mark it as "Failed"', completionTimestamp: rfc3339(this.deps.clock.nowMs()) });
      return {};
    }
    if ((phase !== '' && phase !== 'New') || restore.metadata.deletionTimestamp) return {};

    const { errors, location } = await this.validate(restore);
    if (errors.length > 0) {
      this.emit(restore, 'FailedValidation', errors.join('; '));
      await this.patch(request, { phase: 'FailedValidation', validationErrors: errors });
      return {};
    }
    const key = keyString(request);
    this.running.add(key);
    try {
      await this.run(request, restore, location!);
    } finally {
      this.running.delete(key);
    }
    return {};
  }

  private async validate(restore: Restore): Promise<{ errors: string[]; location?: BackupStorageLocation }> {
    const errors: string[] = [];
    const namespace = restore.metadata.namespace ?? '';
    if (!restore.spec.backupName) errors.push('Either a backup or schedule must be specified as a source for the restore, but not both');
    if (restore.spec.labelSelector && (restore.spec.orLabelSelectors ?? []).length > 0) {
      errors.push('encountered labelSelector as well as orLabelSelectors in restore spec, only one can be specified');
    }
    if (errors.length > 0) return { errors };
    let backup: Backup;
    try {
      backup = await this.deps.client.get<Backup>(BackupKind, { namespace, name: restore.spec.backupName! });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return { errors: [`Error retrieving backup: backups.velero.io "${restore.spec.backupName}" not found`] };
    }
    const locationName = backup.spec.storageLocation || 'default';
    try {
      const location = await this.deps.client.get<BackupStorageLocation>(BackupStorageLocationKind, { namespace, name: locationName });
      return { errors, location };
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return { errors: [`Error retrieving backup storage location: backupstoragelocations.velero.io "${locationName}" not found`] };
    }
  }

  private async run(request: Request, restore: Restore, location: BackupStorageLocation): Promise<void> {
    const started: RestoreStatus = { phase: 'InProgress', startTimestamp: rfc3339(this.deps.clock.nowMs()) };
    if (!(await this.patch(request, started))) return;
    this.emit(restore, 'InProgress');
    const backupName = restore.spec.backupName!;

    const opened = await openLocationStore(this.deps.client, this.deps.objectStores, this.deps.node, location);
    if (!opened.ok) return this.fail(request, restore, started, opened.message);
    const { store, prefix } = opened.value;
    let items: DecodedItem[];
    try {
      items = decodeContents(await store.get(veleroBackupKeys(prefix, backupName).contents));
    } catch (err) {
      return this.fail(request, restore, started, `error downloading backup: ${(err as Error).message}`);
    }

    const outcome = await applyRestore(items, {
      client: this.deps.client,
      kinds: this.deps.kinds,
      backupName,
      restoreName: restore.metadata.name,
      spec: restore.spec,
      onItem: () => (this.deps.itemMs > 0 ? sleep(this.deps.scheduler, this.deps.itemMs, 'velero.restore.item') : Promise.resolve()),
    });

    // Results and logs are best effort, as in Velero: a failed upload is logged, not fatal.
    const keys = veleroRestoreKeys(prefix, restore.metadata.name);
    const results = { errors: { cluster: outcome.errors }, warnings: { cluster: outcome.warnings } };
    await store.put(keys.results, gzipText(JSON.stringify(results))).catch(() => undefined);
    await store.put(keys.logs, gzipText([...outcome.errors, ...outcome.warnings].join('\n'))).catch(() => undefined);

    const phase = outcome.errors.length > 0 ? 'PartiallyFailed' : 'Completed';
    this.emit(restore, phase, outcome.errors[0], outcome.itemsRestored);
    await this.patch(request, {
      ...started,
      phase,
      completionTimestamp: rfc3339(this.deps.clock.nowMs()),
      errors: outcome.errors.length,
      warnings: outcome.warnings.length,
      progress: { totalItems: outcome.totalItems, itemsRestored: outcome.itemsRestored },
    });
  }

  private async fail(request: Request, restore: Restore, started: RestoreStatus, reason: string): Promise<void> {
    this.emit(restore, 'Failed', reason);
    await this.patch(request, { ...started, phase: 'Failed', failureReason: reason, completionTimestamp: rfc3339(this.deps.clock.nowMs()) });
  }

  /** A merge patch of status: Restore has no status subresource. */
  private async patch(request: Request, status: RestoreStatus): Promise<boolean> {
    try {
      await this.deps.client.patch(RestoreKind, request, { status });
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  private emit(restore: Restore, phase: string, reason?: string, items?: number): void {
    this.deps.trace.emit({ type: 'velero.restore', cluster: this.deps.node, namespace: restore.metadata.namespace, name: restore.metadata.name, backup: restore.spec.backupName, phase, reason, items });
  }
}

export function restoreController(deps: ResolvedVeleroDeps): ControllerSpec {
  return {
    name: 'velero-restore',
    reconciler: new RestoreReconciler(deps),
    watches: [{ client: deps.client, kind: RestoreKind, namespace: deps.namespace }],
  };
}
