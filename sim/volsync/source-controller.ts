// VolSync's ReplicationSource controller with the rsync-tls mover. It runs the shared state machine
// (sync-state.ts); a sync:
//   1. waits while the source PVC uses a copy trigger (`volsync.backube/use-copy-trigger`, any value
//      but false/no) whose `copy-trigger` is unset or already consumed;
//   2. needs the source PVC bound to a CSI volume and the keySecret's pre-shared key;
//   3. starts the mover Job, takes the point-in-time image of the source (the writes acknowledged
//      so far: what the snapshot of copyMethod Snapshot/Clone holds, and what Direct reads), and
//      streams it to the destination resolved from spec.rsyncTLS.address (mover-transfer.ts);
//   4. on success completes the sync in status (lastSyncTime, lastSyncDuration, lastManualSync,
//      nextSyncTime); on failure records latestMoverStatus Failed and retries after retryMs, with the
//      condition still SyncInProgress, as a failing mover Job does.
// A reconcile waits for its transfer, so the controller runs several workers (one per concurrent
// sync). A paused source does not start a transfer. The source's temporary VolumeSnapshot and PVC
// are not created: the point-in-time image is read from the storage model directly.

import type { KubeObject, OwnerReference } from '../../engine/api/meta.js';
import { ReplicationSourceKind, VolSyncAnnotation, VOLSYNC_API_VERSION, type ReplicationSource, type ReplicationSourceStatus } from '../../engine/api/storage/volsync.js';
import { isNotFound } from '../../engine/runtime/errors.js';
import { rfc3339 } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import { PVC_KIND, type PersistentVolumeClaim } from '../storage/core-shapes.js';
import { CronError } from './cron-schedule.js';
import { readPsk } from './key-secret.js';
import { deleteMoverJob, ensureMoverJob } from './mover-job.js';
import { runTransfer } from './mover-transfer.js';
import { writeStatus } from './status-writer.js';
import { afterCleanup, currentPhase, errorCondition, finishSync, setCondition, startSync, syncingCondition } from './sync-state.js';
import { sourceJobName } from './volsync-names.js';
import type { ResolvedVolSyncDeps } from './volsync-deps.js';
import { pointInTime, resolveClaimImage } from './volume-images.js';

/** VolSync's reading of use-copy-trigger: present and not false/no. */
export function usesCopyTrigger(claim: KubeObject): boolean {
  const v = claim.metadata.annotations?.[VolSyncAnnotation.useCopyTrigger];
  return v !== undefined && v.toLowerCase() !== 'false' && v.toLowerCase() !== 'no';
}

const WAITING_SINCE = 'volsync.backube/latest-copy-trigger-waiting-since';

export class SourceReconciler implements Reconciler {
  /** Which sources read which claim, so a claim's annotation change wakes its sources. */
  private readonly readers = new Map<string, Set<string>>();
  private readonly claimOf = new Map<string, string>();

  constructor(private readonly deps: ResolvedVolSyncDeps) {}

  sourcesOfClaim(namespace: string, claim: string): Request[] {
    return [...(this.readers.get(`${namespace}/${claim}`) ?? [])].sort().map((name) => ({ namespace, name }));
  }

  private index(namespace: string, name: string, claim: string | undefined): void {
    const source = `${namespace}/${name}`;
    const old = this.claimOf.get(source);
    if (old !== undefined) this.readers.get(old)?.delete(name);
    this.claimOf.delete(source);
    if (claim === undefined) return;
    const key = `${namespace}/${claim}`;
    let set = this.readers.get(key);
    if (!set) this.readers.set(key, (set = new Set()));
    set.add(name);
    this.claimOf.set(source, key);
  }

  async reconcile(request: Request): Promise<Result> {
    const { client } = this.deps;
    let rs: ReplicationSource;
    try {
      rs = await client.get<ReplicationSource>(ReplicationSourceKind, request);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      this.index(request.namespace ?? '', request.name, undefined);
      return {};
    }
    this.index(rs.metadata.namespace ?? '', rs.metadata.name, rs.spec.sourcePVC);
    if (rs.metadata.deletionTimestamp) return {};
    const now = this.deps.clock.nowMs();
    if (!rs.spec.rsyncTLS) {
      await this.status(request, (s) => ({ ...s, conditions: setCondition(s.conditions, errorCondition('only the rsyncTLS mover is modelled'), now) }));
      return {};
    }
    switch (currentPhase(rs.status)) {
      case 'Initial':
        await this.status(request, (s) => startSync(s, now));
        return {};
      case 'Synchronizing':
        return this.synchronize(request, rs);
      case 'CleaningUp':
        return this.cleanup(request, rs);
    }
  }

  private async status(request: Request, mutate: (s: ReplicationSourceStatus, rs: ReplicationSource) => ReplicationSourceStatus | undefined): Promise<void> {
    await writeStatus<ReplicationSource>(this.deps.client, ReplicationSourceKind, request, (rs) => mutate(rs.status ?? {}, rs));
  }

  private async fail(request: Request, message: string): Promise<Result> {
    const now = this.deps.clock.nowMs();
    await this.status(request, (s) => ({ ...s, conditions: setCondition(s.conditions, errorCondition(message), now) }));
    return { requeueAfterMs: this.deps.retryMs };
  }

  private async synchronize(request: Request, rs: ReplicationSource): Promise<Result> {
    const { client, storage, cluster, clock, trace } = this.deps;
    if (rs.spec.paused) return {};
    const namespace = rs.metadata.namespace ?? '';
    const source = await resolveClaimImage(client, storage, cluster, namespace, rs.spec.sourcePVC ?? '');
    if (!source.ok && source.claim === undefined) return this.fail(request, source.message);
    const claim = source.claim!;
    if (usesCopyTrigger(claim)) {
      const wanted = claim.metadata.annotations?.[VolSyncAnnotation.copyTrigger];
      if (!wanted || wanted === claim.metadata.annotations?.[VolSyncAnnotation.latestCopyTrigger]) {
        await this.annotateClaim(claim, { [VolSyncAnnotation.latestCopyStatus]: 'WaitingForTrigger', [WAITING_SINCE]: claim.metadata.annotations?.[WAITING_SINCE] ?? rfc3339(clock.nowMs()) });
        return {};
      }
    }
    if (!source.ok) return this.fail(request, source.message);
    const key = await readPsk(client, namespace, rs.spec.rsyncTLS!.keySecret);
    if (!key.ok) return this.fail(request, key.message);

    const startNow = clock.nowMs();
    await this.status(request, (s) => ({ ...s, conditions: setCondition(s.conditions, syncingCondition, startNow) }));
    const jobName = sourceJobName(rs.metadata.name);
    await ensureMoverJob(client, namespace, jobName, ownerRef(rs), 'source');
    const image = pointInTime(storage.data, source.key);
    if (usesCopyTrigger(claim)) {
      await this.annotateClaim(claim, {
        [VolSyncAnnotation.latestCopyTrigger]: claim.metadata.annotations?.[VolSyncAnnotation.copyTrigger] ?? null,
        [VolSyncAnnotation.latestCopyStatus]: 'Completed',
        [WAITING_SINCE]: null,
      });
    }
    const startedMs = clock.nowMs();
    const label = `volsync.rs.${cluster}.${namespace}.${rs.metadata.name}`;
    trace.emit({ type: 'volsync.sync.start', cluster, namespace, source: rs.metadata.name, image: image.image, writes: image.length, lastWriteId: image.last?.id ?? null, address: rs.spec.rsyncTLS!.address });
    const result = await runTransfer(this.deps, image, rs.spec.rsyncTLS!.address, key.psk, label);
    const now = clock.nowMs();
    if (!result.ok) {
      trace.emit({ type: 'volsync.sync.fail', cluster, namespace, source: rs.metadata.name, message: result.message });
      await this.status(request, (s, fresh) => (fresh.metadata.uid !== rs.metadata.uid ? undefined : { ...s, latestMoverStatus: { result: 'Failed', logs: `${rfc3339(now)} ${result.message}` } }));
      return { requeueAfterMs: this.deps.retryMs };
    }
    trace.emit({
      type: 'volsync.sync.done',
      cluster,
      namespace,
      source: rs.metadata.name,
      destination: `${result.listener.cluster}/${result.listener.namespace}/${result.listener.rdName}`,
      writes: image.length,
      lastWriteId: image.last?.id ?? null,
      bytes: result.bytes,
      durationMs: now - startedMs,
    });
    await this.status(request, (s, fresh) => {
      if (fresh.metadata.uid !== rs.metadata.uid || !s.lastSyncStartTime) return undefined;
      try {
        return { ...finishSync(s, fresh.spec.trigger, now), latestMoverStatus: { result: 'Successful', logs: `sent ${result.bytes} bytes (${result.writes} writes)` } };
      } catch (err) {
        if (!(err instanceof CronError)) throw err;
        return { ...s, conditions: setCondition(s.conditions, errorCondition(err.message), now) };
      }
    });
    return {};
  }

  private async cleanup(request: Request, rs: ReplicationSource): Promise<Result> {
    const namespace = rs.metadata.namespace ?? '';
    await deleteMoverJob(this.deps.client, namespace, sourceJobName(rs.metadata.name));
    const now = this.deps.clock.nowMs();
    let requeueAfterMs: number | undefined;
    await this.status(request, (s, fresh) => {
      try {
        const next = afterCleanup(s, fresh.spec.trigger, now);
        requeueAfterMs = next.requeueAfterMs;
        return next.status;
      } catch (err) {
        if (!(err instanceof CronError)) throw err;
        return { ...s, conditions: setCondition(s.conditions, errorCondition(err.message), now) };
      }
    });
    return requeueAfterMs === undefined ? {} : { requeueAfterMs };
  }

  private async annotateClaim(claim: PersistentVolumeClaim, annotations: Record<string, string | null>): Promise<void> {
    const current = claim.metadata.annotations ?? {};
    if (Object.entries(annotations).every(([k, v]) => (v === null ? current[k] === undefined : current[k] === v))) return;
    try {
      await this.deps.client.patch(PVC_KIND, { namespace: claim.metadata.namespace ?? '', name: claim.metadata.name }, { metadata: { annotations } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

export function ownerRef(obj: KubeObject): OwnerReference {
  return { apiVersion: VOLSYNC_API_VERSION, kind: obj.kind, name: obj.metadata.name, uid: obj.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

export function sourceController(deps: ResolvedVolSyncDeps): ControllerSpec {
  const reconciler = new SourceReconciler(deps);
  return {
    name: 'volsync-replicationsource',
    reconciler,
    // Each running sync holds a worker until its transfer ends, as each mover Job runs on its own.
    workers: 16,
    watches: [
      { client: deps.client, kind: ReplicationSourceKind },
      { client: deps.client, kind: PVC_KIND, map: (obj) => reconciler.sourcesOfClaim(obj.metadata.namespace ?? '', obj.metadata.name) },
    ],
  };
}
