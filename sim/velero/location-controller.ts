// Velero's BackupStorageLocation controller: validates each location when first seen and then every
// validation period, by opening its store and listing its prefix, and publishes the outcome as
// status.phase Available or Unavailable. A location whose validationFrequency is 0 is never
// validated, as in Velero. Ramen refuses to create a Backup until its location is Available.

import { parseGoDuration } from '../../engine/api/storage/go-duration.js';
import { BackupStorageLocationKind, type BackupStorageLocation } from '../../engine/api/storage/velero.js';
import { isConflict, isNotFound } from '../../engine/runtime/errors.js';
import { listAll } from '../../engine/runtime/object-store.js';
import { parseRfc3339, rfc3339 } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import { openLocationStore } from './location-store.js';
import type { ResolvedVeleroDeps } from './velero-deps.js';

/** The top-level directories Velero accepts under a location's prefix. */
export const VALID_TOP_LEVEL_DIRS: readonly string[] = ['backups', 'restores', 'restic', 'metadata', 'plugins', 'kopia'];

export class LocationReconciler implements Reconciler {
  constructor(private readonly deps: ResolvedVeleroDeps) {}

  async reconcile(request: Request): Promise<Result> {
    const { client, clock } = this.deps;
    let bsl: BackupStorageLocation;
    try {
      bsl = await client.get<BackupStorageLocation>(BackupStorageLocationKind, request);
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
    if (bsl.metadata.deletionTimestamp) return {};
    const frequencyMs = bsl.spec.validationFrequency === undefined ? this.deps.validationFrequencyMs : parseGoDuration(bsl.spec.validationFrequency) ?? this.deps.validationFrequencyMs;
    if (frequencyMs <= 0) return {};
    const last = parseRfc3339(bsl.status?.lastValidationTime);
    const now = clock.nowMs();
    if (last !== undefined && now - last < frequencyMs) return { requeueAfterMs: frequencyMs - (now - last) };

    const problem = await this.validate(bsl);
    const status = {
      ...(bsl.status ?? {}),
      phase: problem === undefined ? ('Available' as const) : ('Unavailable' as const),
      lastValidationTime: rfc3339(clock.nowMs()),
    };
    if (problem === undefined) delete status.message;
    else status.message = `BackupStorageLocation "${bsl.metadata.name}" is unavailable: ${problem}`;
    this.deps.trace.emit({ type: 'velero.bsl.validate', cluster: this.deps.node, namespace: bsl.metadata.namespace, name: bsl.metadata.name, phase: status.phase, message: status.message });
    try {
      const fresh = await client.get<BackupStorageLocation>(BackupStorageLocationKind, request);
      await client.updateStatus({ ...fresh, status });
    } catch (err) {
      if (isNotFound(err)) return {};
      if (isConflict(err)) return { requeue: true };
      throw err;
    }
    return { requeueAfterMs: frequencyMs };
  }

  /** Returns why the location is unusable, or undefined when it works. */
  private async validate(bsl: BackupStorageLocation): Promise<string | undefined> {
    if (bsl.spec.provider !== 'aws' && bsl.spec.provider !== 'velero.io/aws') return `unable to locate ObjectStore plugin named velero.io/${bsl.spec.provider}`;
    const opened = await openLocationStore(this.deps.client, this.deps.objectStores, this.deps.node, bsl);
    if (!opened.ok) return opened.message;
    const { store, prefix } = opened.value;
    try {
      const keys = await listAll(store, prefix);
      // Only directories count, as with ListCommonPrefixes and a `/` delimiter: plain files are ignored.
      const dirs = new Set(keys.map((k) => k.slice(prefix.length)).filter((rest) => rest.includes('/')).map((rest) => rest.split('/')[0]!));
      const invalid = [...dirs].filter((d) => !VALID_TOP_LEVEL_DIRS.includes(d)).sort();
      if (invalid.length > 3) return `Backup store contains ${invalid.length} invalid top-level directories: [${[...invalid.slice(0, 3), '...'].join(' ')}]`;
      if (invalid.length > 0) return `Backup store contains invalid top-level directories: [${invalid.join(' ')}]`;
      return undefined;
    } catch (err) {
      return `rpc error: ${(err as Error).message}`;
    }
  }
}

export function locationController(deps: ResolvedVeleroDeps): ControllerSpec {
  return {
    name: 'velero-backup-storage-location',
    reconciler: new LocationReconciler(deps),
    watches: [{ client: deps.client, kind: BackupStorageLocationKind, namespace: deps.namespace }],
  };
}
