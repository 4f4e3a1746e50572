// The condition sets the csi-addons VolumeReplication controller writes after each driver call,
// with its exact types, reasons and messages: Ramen's status checks (dr-cluster spec §5.4) read
// them condition by condition, each with its own observedGeneration.

import type { Condition } from '../../engine/api/meta.js';
import { rfc3339 } from '../../engine/runtime/ports.js';
import { VRConditionMessage as M, VRConditionReason as R, VRConditionType as T } from '../../engine/api/storage/volume-replication.js';

/** csi-addons prefixes messages with the source: `volume` for a PVC, `volume group` for a VGR, else empty. */
export function sourceOf(dataSourceKind: string): string {
  if (dataSourceKind === 'PersistentVolumeClaim') return 'volume';
  if (dataSourceKind === 'VolumeGroupReplication') return 'volume group';
  return '';
}

export class VrConditions {
  constructor(
    readonly list: Condition[],
    private readonly generation: number,
    private readonly nowMs: number,
  ) {}

  /** Upserts one condition: the transition time moves only when the status changes. */
  set(type: string, status: Condition['status'], reason: string, message: string): void {
    const existing = this.list.find((c) => c.type === type);
    if (!existing) {
      this.list.push({ type, status, reason, message, observedGeneration: this.generation, lastTransitionTime: rfc3339(this.nowMs) });
      return;
    }
    if (existing.status !== status) {
      existing.status = status;
      existing.lastTransitionTime = rfc3339(this.nowMs);
    }
    existing.message = message;
    existing.reason = reason;
    existing.observedGeneration = this.generation;
  }

  remove(type: string): void {
    const i = this.list.findIndex((c) => c.type === type);
    if (i >= 0) this.list.splice(i, 1);
  }

  promoted(src: string): void {
    this.set(T.Completed, 'True', R.Promoted, `${src} ${M.Promoted}`);
    this.set(T.Degraded, 'False', R.Healthy, `${src} ${M.Healthy}`);
    this.set(T.Resyncing, 'False', R.NotResyncing, `${src} ${M.NotResyncing}`);
  }

  failedPromotion(src: string, completedMessage: string, detail: string): void {
    this.set(T.Completed, 'False', R.FailedToPromote, completedMessage);
    this.set(T.Degraded, 'True', R.Error, `${src} ${M.FailedPromoted}: ${detail}`);
    this.set(T.Resyncing, 'False', R.NotResyncing, `${src} ${M.NotResyncing}`);
    this.set(T.Validated, 'True', R.PrerequisiteMet, `${src} ${M.Validated}`);
  }

  failedValidation(src: string, degradedMessage: string, detail: string): void {
    this.set(T.Completed, 'False', R.FailedToPromote, `${src} ${M.FailedPromoted}`);
    this.set(T.Degraded, 'True', R.Error, degradedMessage);
    this.set(T.Resyncing, 'False', R.NotResyncing, `${src} ${M.NotResyncing}`);
    this.set(T.Validated, 'False', R.PrerequisiteNotMet, `${src} ${M.FailedPreCondition}: ${detail}`);
  }

  notDegraded(src: string): void {
    this.set(T.Degraded, 'False', R.Healthy, `${src} ${M.Demoted}`);
    this.set(T.Resyncing, 'False', R.NotResyncing, `${src} ${M.NotResyncing}`);
  }

  demoted(src: string): void {
    this.set(T.Completed, 'True', R.Demoted, `${src} ${M.Demoted}`);
    this.set(T.Degraded, 'True', R.VolumeDegraded, `${src} ${M.Degraded}`);
    this.set(T.Resyncing, 'False', R.NotResyncing, `${src} ${M.NotResyncing}`);
  }

  failedDemotion(src: string, completedMessage: string, detail: string): void {
    this.set(T.Completed, 'False', R.FailedToDemote, completedMessage);
    this.set(T.Degraded, 'True', R.Error, `${src} ${M.FailedDemoted}: ${detail}`);
    this.set(T.Resyncing, 'False', R.NotResyncing, `${src} ${M.NotResyncing}`);
  }

  resyncTriggered(src: string): void {
    this.set(T.Completed, 'True', R.Demoted, `${src} ${M.Demoted}`);
    this.set(T.Degraded, 'True', R.VolumeDegraded, `${src} ${M.Degraded}`);
    this.set(T.Resyncing, 'True', R.ResyncTriggered, `${src} ${M.ResyncTriggered}`);
  }

  failedResync(src: string, completedMessage: string, detail: string): void {
    this.set(T.Completed, 'False', R.FailedToResync, completedMessage);
    this.set(T.Degraded, 'True', R.Error, `${src} ${M.ResyncFailed}: ${detail}`);
    this.set(T.Resyncing, 'False', R.FailedToResync, `${src} ${M.NotResyncing}`);
  }

  replication(src: string, health: 'healthy' | 'degraded' | 'unknown', detail: string): void {
    if (health === 'healthy') this.set(T.Replicating, 'True', R.Replicating, `${src} ${M.Replicating}: ${detail}`);
    else if (health === 'degraded') this.set(T.Replicating, 'False', R.NotReplicating, `${src} ${M.NotReplicating}: ${detail}`);
    else this.set(T.Replicating, 'Unknown', R.Replicating, `${src} ${M.UnknownReplicationState}: ${detail}`);
  }

  /** The failure set matching the requested state, as csi-addons does for lookup failures. */
  failure(replicationState: string, src: string, message: string, detail: string): void {
    if (replicationState === 'primary') this.failedPromotion(src, message, detail);
    else if (replicationState === 'secondary') this.failedDemotion(src, message, detail);
    else if (replicationState === 'resync') this.failedResync(src, message, detail);
  }
}
