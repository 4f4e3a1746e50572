// The csi-addons VolumeReplication controller of one cluster, driving the simulated storage backend
// as the real one drives a CSI driver: enable and promote (retrying with force after
// FailedPrecondition) for `primary`, demote and then resync (forced only with `autoResync`) for
// `secondary`, forced resync for `resync`, replication info for lastSyncTime on a primary, and
// replication disabled when the VR is deleted. Status is written in the exact shape Ramen reads
// (dr-cluster spec §5.4, §13.2). Consistency-group (VolumeGroupReplication) sources are not served.

import type { KubeObject } from '../../engine/api/meta.js';
import { formatGoDuration } from '../../engine/api/storage/go-duration.js';
import type { VolumeReplication, VolumeReplicationStatus, ReplicatedVolumeState } from '../../engine/api/storage/volume-replication.js';
import { VolumeReplicationKind, VRConditionType } from '../../engine/api/storage/volume-replication.js';
import type { VolumeReplicationClass } from '../../engine/api/storage/volume-replication-class.js';
import { SCHEDULING_INTERVAL_PARAMETER, VolumeReplicationClassKind } from '../../engine/api/storage/volume-replication-class.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import type { Clock } from '../../engine/runtime/ports.js';
import { rfc3339 } from '../../engine/runtime/ports.js';
import { generationChanged } from '../../engine/runtime/reconcile.js';
import type { ControllerSpec, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { PersistentVolume, PersistentVolumeClaim } from './core-shapes.js';
import { PV_KIND, PVC_KIND } from './core-shapes.js';
import { infoRefreshIntervalMs, mirrorIntervalMs } from './scheduling-interval.js';
import type { StorageBackend } from './storage-backend.js';
import { isStorageError } from './storage-error.js';
import { sourceOf, VrConditions } from './vr-conditions.js';

/** The finalizer csi-addons keeps on a VolumeReplication until replication is disabled. */
export const VR_FINALIZER = 'replication.storage.openshift.io';
/** The finalizer csi-addons puts on the source PVC while a VolumeReplication uses it. */
export const VR_PVC_FINALIZER = 'replication.storage.openshift.io/pvc-protection';
/** The PVC annotation naming the VolumeReplication that owns it. */
export const VR_NAME_ANNOTATION = 'replication.storage.openshift.io/volume-replication-name';

/** csi-addons requeues a freshly demoted or failing secondary after 15 s, a resyncing one after 30 s. */
export const SECONDARY_REQUEUE_MS = 15_000;
export const RESYNC_REQUEUE_MS = 30_000;

export interface VolumeReplicationControllerDeps {
  cluster: string;
  client: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  storage: StorageBackend;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class VolumeReplicationReconciler {
  constructor(private readonly deps: VolumeReplicationControllerDeps) {}

  async reconcile(request: Request): Promise<Result> {
    const { client, storage } = this.deps;
    let vr = await ignoreNotFound(client.get<VolumeReplication>(VolumeReplicationKind, request));
    if (!vr) return {};
    const status: VolumeReplicationStatus = structuredClone(vr.status ?? {});
    const conds = new VrConditions((status.conditions = status.conditions ?? []), vr.metadata.generation ?? 1, this.deps.clock.nowMs());
    const desired = vr.spec.replicationState;
    const src = sourceOf(vr.spec.dataSource.kind);
    const current = (): ReplicatedVolumeState => status.state || 'Unknown';
    const write = async (state: ReplicatedVolumeState, message: string): Promise<void> => {
      status.state = state;
      status.message = message;
      status.observedGeneration = vr!.metadata.generation ?? 1;
      vr = await client.updateStatus<VolumeReplication>({ ...vr!, status });
    };

    const vrc = await client.get<VolumeReplicationClass>(VolumeReplicationClassKind, { name: vr.spec.volumeReplicationClass }).catch(async (err: unknown) => {
      conds.failure(desired, src, 'failed to get volumeReplication class', messageOf(err));
      await write(current(), messageOf(err));
      throw err;
    });
    const parameters = vrc.spec.parameters ?? {};

    if (vr.spec.dataSource.kind !== 'PersistentVolumeClaim') {
      conds.failure(desired, '', 'unsupported datasource', 'unsupported datasource kind');
      await write(current(), 'unsupported datasource kind');
      return {};
    }

    let pvc: PersistentVolumeClaim;
    let pv: PersistentVolume;
    try {
      ({ pvc, pv } = await this.dataSource(request.namespace ?? '', vr.spec.dataSource.name));
    } catch (err) {
      // csi-addons passes the PVC name where the source kind belongs, so the message has no prefix.
      conds.failure(desired, sourceOf(vr.spec.dataSource.name), 'failed to find PVC', messageOf(err));
      await write(current(), messageOf(err));
      throw err;
    }
    const system = storage.systemFor(this.deps.cluster, vrc.spec.provisioner);
    if (!system) throw new Error(`no replication driver for provisioner ${vrc.spec.provisioner} on ${this.deps.cluster}`);
    const handle = pv.spec.csi?.volumeHandle ?? '';
    const sid = system.storageId;

    if (!vr.metadata.deletionTimestamp) {
      if (!(vr.metadata.finalizers ?? []).includes(VR_FINALIZER)) {
        vr = await client.update<VolumeReplication>({ ...vr, metadata: { ...vr.metadata, finalizers: [...(vr.metadata.finalizers ?? []), VR_FINALIZER] } });
      }
      await this.protectPvc(pvc, vr.metadata.name);
    } else {
      if ((vr.metadata.finalizers ?? []).includes(VR_FINALIZER)) {
        if (handle !== '') {
          try {
            storage.disableReplication(sid, handle);
          } catch (err) {
            if (!isStorageError(err, 'NotFound')) throw err;
          }
        }
        await this.unprotectPvc(pvc);
        await client.update<VolumeReplication>({ ...vr, metadata: { ...vr.metadata, finalizers: (vr.metadata.finalizers ?? []).filter((f) => f !== VR_FINALIZER) } });
        this.deps.trace.emit({ type: 'storage.vr.finalized', cluster: this.deps.cluster, vr: `${request.namespace}/${request.name}` });
      }
      return {};
    }

    let replicationErr: unknown;
    let requeueForResync = false;
    const resync = (force: boolean): void => {
      try {
        const { ready } = storage.resync(sid, handle, force);
        conds.resyncTriggered(src);
        if (ready) conds.notDegraded(src);
        else requeueForResync = true;
      } catch (err) {
        conds.failedResync(src, 'failed to resync volume', messageOf(err));
        replicationErr = err;
      }
    };

    switch (desired) {
      case 'primary':
        if (status.state !== 'Primary') {
          const intervalMs = mirrorIntervalMs(parameters[SCHEDULING_INTERVAL_PARAMETER]);
          try {
            if (intervalMs === undefined) throw new Error(`invalid ${SCHEDULING_INTERVAL_PARAMETER} ${JSON.stringify(parameters[SCHEDULING_INTERVAL_PARAMETER] ?? '')}`);
            storage.enableReplication(sid, handle, intervalMs);
          } catch (err) {
            if (isStorageError(err, 'FailedPrecondition')) conds.failedValidation(src, 'failed to enable volume replication', messageOf(err));
            else conds.failedPromotion(src, 'failed to enable volume replication', messageOf(err));
            await write(current(), messageOf(err));
            throw err;
          }
          replicationErr = this.markPrimary(sid, handle, conds, src);
        }
        if (replicationErr === undefined) conds.promoted(src);
        break;
      case 'secondary':
        if (status.state !== 'Secondary') {
          try {
            storage.demote(sid, handle);
            conds.demoted(src);
            await write('Secondary', 'volume is marked secondary and is degraded');
            return { requeueAfterMs: SECONDARY_REQUEUE_MS };
          } catch (err) {
            conds.failedDemotion(src, 'failed to demote volume', messageOf(err));
            replicationErr = err;
          }
        } else {
          try {
            storage.demote(sid, handle);
            conds.demoted(src);
            resync(vr.spec.autoResync);
          } catch (err) {
            conds.failedDemotion(src, 'failed to demote volume', messageOf(err));
            replicationErr = err;
          }
        }
        break;
      case 'resync':
        resync(true);
        break;
    }

    if (replicationErr !== undefined) {
      await write(current(), messageOf(replicationErr));
      if (status.state === 'Secondary') return { requeueAfterMs: SECONDARY_REQUEUE_MS };
      throw replicationErr;
    }
    if (requeueForResync) {
      conds.remove(VRConditionType.Replicating);
      await write(current(), 'volume is degraded');
      return { requeueAfterMs: RESYNC_REQUEUE_MS };
    }

    const message = desired === 'resync' ? 'volume is marked for resyncing' : `volume is marked ${desired}`;
    status.lastCompletionTime = rfc3339(this.deps.clock.nowMs());
    let requeueAfterMs: number | undefined;
    if (desired === 'primary') {
      try {
        const info = storage.info(sid, handle);
        if (info.lastSync) {
          status.lastSyncTime = rfc3339(info.lastSync.snapshotAtMs);
          status.lastSyncDuration = formatGoDuration(info.lastSync.durationMs);
          if (info.lastSync.bytes !== 0) status.lastSyncBytes = info.lastSync.bytes;
          else delete status.lastSyncBytes;
        }
        conds.replication(src, info.healthy ? 'healthy' : 'degraded', info.message);
        requeueAfterMs = infoRefreshIntervalMs(parameters[SCHEDULING_INTERVAL_PARAMETER]);
      } catch (err) {
        if (!isStorageError(err, 'NotFound')) {
          conds.replication(src, 'unknown', messageOf(err));
          await write('Primary', message);
          throw err;
        }
      }
    }
    if (desired === 'secondary') {
      delete status.lastSyncTime;
      conds.remove(VRConditionType.Replicating);
    }
    await write(desired === 'primary' ? 'Primary' : 'Secondary', message);
    return requeueAfterMs === undefined ? {} : { requeueAfterMs };
  }

  /** Promotes, retrying with force when the driver answers FailedPrecondition; returns the error, if any. */
  private markPrimary(sid: string, handle: string, conds: VrConditions, src: string): unknown {
    try {
      this.deps.storage.promote(sid, handle, false);
      return undefined;
    } catch (err) {
      if (!isStorageError(err, 'FailedPrecondition')) {
        conds.failedPromotion(src, 'failed to promote volume', messageOf(err));
        return err;
      }
    }
    try {
      this.deps.storage.promote(sid, handle, true);
      this.deps.trace.emit({ type: 'storage.vr.force-promote', cluster: this.deps.cluster, volume: handle });
      return undefined;
    } catch (err) {
      conds.failedPromotion(src, 'failed to force promote volume', messageOf(err));
      return err;
    }
  }

  private async dataSource(namespace: string, name: string): Promise<{ pvc: PersistentVolumeClaim; pv: PersistentVolume }> {
    const pvc = await this.deps.client.get<PersistentVolumeClaim>(PVC_KIND, { namespace, name });
    if (pvc.status?.phase !== 'Bound') throw new Error(`PVC "${name}" is not bound to any PV`);
    if (pvc.metadata.deletionTimestamp && !(pvc.metadata.finalizers ?? []).includes(VR_PVC_FINALIZER)) {
      throw new Error(`PVC "${name}" is marked for deletion, cannot be part of VolumeReplication`);
    }
    const pv = await this.deps.client.get<PersistentVolume>(PV_KIND, { name: pvc.spec.volumeName ?? '' });
    return { pvc, pv };
  }

  private async protectPvc(pvc: PersistentVolumeClaim, vrName: string): Promise<void> {
    const annotations = pvc.metadata.annotations ?? {};
    const owner = annotations[VR_NAME_ANNOTATION];
    if (owner !== undefined && owner !== '' && owner !== vrName) {
      throw new Error(`PVC (${pvc.metadata.namespace}/${pvc.metadata.name}) not owned by correct VolumeReplication/VolumeGroupReplication "${vrName}"`);
    }
    const finalizers = pvc.metadata.finalizers ?? [];
    if (owner === vrName && finalizers.includes(VR_PVC_FINALIZER)) return;
    await this.deps.client.update<PersistentVolumeClaim>({
      ...pvc,
      metadata: {
        ...pvc.metadata,
        annotations: { ...annotations, [VR_NAME_ANNOTATION]: vrName },
        finalizers: finalizers.includes(VR_PVC_FINALIZER) ? finalizers : [...finalizers, VR_PVC_FINALIZER],
      },
    });
  }

  private async unprotectPvc(pvc: PersistentVolumeClaim): Promise<void> {
    const annotations = { ...(pvc.metadata.annotations ?? {}) };
    const finalizers = pvc.metadata.finalizers ?? [];
    if (!(VR_NAME_ANNOTATION in annotations) && !finalizers.includes(VR_PVC_FINALIZER)) return;
    delete annotations[VR_NAME_ANNOTATION];
    await this.deps.client.update<PersistentVolumeClaim>({
      ...pvc,
      metadata: { ...pvc.metadata, annotations, finalizers: finalizers.filter((f) => f !== VR_PVC_FINALIZER) },
    });
  }
}

export function volumeReplicationController(deps: VolumeReplicationControllerDeps): ControllerSpec {
  const reconciler = new VolumeReplicationReconciler(deps);
  return {
    name: 'csi-addons-volumereplication',
    reconciler,
    watches: [{ client: deps.client, kind: VolumeReplicationKind, predicate: (obj: KubeObject, old: KubeObject | undefined) => generationChanged(obj, old) }],
  };
}
