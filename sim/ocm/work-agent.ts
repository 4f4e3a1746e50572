// The work agent of one managed cluster (OCM's klusterlet work controllers). It watches the
// ManifestWorks in the cluster's namespace on the hub, applies their manifests to the cluster,
// records what it applied in an AppliedManifestWork, and reports conditions back to the hub. Every
// hub call crosses the network, so nothing moves while the hub<->cluster link is cut: new or changed
// works wait, status goes stale, and a deleted work stays Terminating behind its finalizer until the
// agent can clean up. A work that vanishes from the hub without that cleanup (hub restored from
// backup) is evicted only after a grace period, which gives a recovering hub time to recreate it.

import type { KubeObject } from '../../engine/api/meta.js';
import {
  AppliedManifestWorkKind,
  type AppliedManifestResourceMeta,
  type AppliedManifestWork,
} from '../../engine/api/ocm/applied-manifest-work.js';
import {
  MANIFEST_WORK_FINALIZER,
  ManifestWorkKind,
  WORK_APPLIED,
  WORK_AVAILABLE,
  WorkMessages,
  WorkReasons,
  type ManifestCondition,
  type ManifestWork,
  type ManifestWorkStatus,
} from '../../engine/api/ocm/manifest-work.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import { parseRfc3339, rfc3339, type Clock } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { deepEqual } from '../apiserver/json.js';
import { setCondition } from './conditions.js';
import { retryWhenUnreachable } from './remote-client.js';
import { defaultPluralOf, type PluralOf } from './resources.js';
import { applyManifest, deleteOwnedResources, isOrphaned, ownerReferenceTo, resourceMetaOf, strategyFor, type ApplyOutcome } from './work-apply.js';

/** OCM's default `--appliedmanifestwork-eviction-grace-period`. */
export const DEFAULT_EVICTION_GRACE_PERIOD_MS = 60 * 60_000;
export const DEFAULT_WORK_RESYNC_MS = 60_000;
/** How often a cleanup waiting for resources behind finalizers looks again. */
export const WORK_CLEANUP_RECHECK_MS = 5_000;

export interface WorkAgentDeps {
  /** The managed cluster this agent runs on; its hub namespace has the same name. */
  clusterName: string;
  /** The hub's API server as reached from this cluster (a RemoteClient over the network). */
  hub: ClusterClient;
  /** This cluster's own API server. */
  cluster: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  /** How often each work is applied again, so drifted resources are put back. Default 60 s. */
  resyncMs?: number;
  /** Identifies the hub in AppliedManifestWork names. Default `hub`; a different hub evicts the old records. */
  hubHash?: string;
  evictionGracePeriodMs?: number;
  pluralOf?: PluralOf;
  /** The controller's name within its manager. Default `work-agent`. */
  name?: string;
}

class WorkAgent implements Reconciler {
  private readonly hubHash: string;
  private readonly resyncMs: number;
  private readonly graceMs: number;
  private readonly pluralOf: PluralOf;

  constructor(private readonly d: WorkAgentDeps) {
    this.hubHash = d.hubHash ?? 'hub';
    this.resyncMs = d.resyncMs ?? DEFAULT_WORK_RESYNC_MS;
    this.graceMs = d.evictionGracePeriodMs ?? DEFAULT_EVICTION_GRACE_PERIOD_MS;
    this.pluralOf = d.pluralOf ?? defaultPluralOf;
  }

  amwName(workName: string): string {
    return `${this.hubHash}-${workName}`;
  }

  private emit(event: string, fields: Record<string, string | number>): void {
    this.d.trace.emit({ type: `ocm.work.${event}`, cluster: this.d.clusterName, ...fields });
  }

  reconcile(req: Request): Promise<Result> {
    return retryWhenUnreachable(this.resyncMs, () => this.sync(req));
  }

  private async sync(req: Request): Promise<Result> {
    // A key without namespace names an AppliedManifestWork of another hub: it can only be evicted.
    if (req.namespace === undefined) {
      const amw = await ignoreNotFound(this.d.cluster.get<AppliedManifestWork>(AppliedManifestWorkKind, { name: req.name }));
      return this.evict(amw);
    }
    const work = await ignoreNotFound(this.d.hub.get<ManifestWork>(ManifestWorkKind, { namespace: req.namespace, name: req.name }));
    const amw = await ignoreNotFound(this.d.cluster.get<AppliedManifestWork>(AppliedManifestWorkKind, { name: this.amwName(req.name) }));
    if (!work) return this.evict(amw);
    if (work.metadata.deletionTimestamp) return this.finalize(work, amw);
    return this.apply(work, amw);
  }

  private async apply(initial: ManifestWork, existingAmw: AppliedManifestWork | undefined): Promise<Result> {
    let work = initial;
    if (!(work.metadata.finalizers ?? []).includes(MANIFEST_WORK_FINALIZER)) {
      work = await this.d.hub.update<ManifestWork>({ ...work, metadata: { ...work.metadata, finalizers: [...(work.metadata.finalizers ?? []), MANIFEST_WORK_FINALIZER] } });
    }
    let amw = existingAmw;
    if (!amw) {
      amw = await this.d.cluster.create<AppliedManifestWork>({
        apiVersion: AppliedManifestWorkKind.apiVersion,
        kind: AppliedManifestWorkKind.kind,
        metadata: { name: this.amwName(work.metadata.name) },
        spec: { hubHash: this.hubHash, agentID: this.d.clusterName, manifestWorkName: work.metadata.name },
      });
    }
    const owner = ownerReferenceTo(amw);
    const manifests: KubeObject[] = work.spec.workload?.manifests ?? [];
    const outcomes: ApplyOutcome[] = [];
    for (const [i, manifest] of manifests.entries()) {
      const meta = resourceMetaOf(manifest, i, this.pluralOf);
      outcomes.push(await applyManifest(this.d.cluster, manifest, meta, strategyFor(work.spec, meta), owner, !isOrphaned(work.spec, meta)));
    }

    // Resources that left the work are removed, if this work still owns them.
    const current = outcomes.flatMap((o) => (o.applied ? [o.applied] : []));
    const previous = amw.status?.appliedResources ?? [];
    const dropped = previous.filter((p) => !current.some((c) => sameResource(c, p)));
    const lingering = await deleteOwnedResources(this.d.cluster, dropped, amw.metadata.uid ?? '');
    const appliedResources = [...current, ...lingering];
    if (!deepEqual(appliedResources, previous) || amw.status?.evictionStartTime) {
      await this.d.cluster.updateStatus<AppliedManifestWork>({ ...amw, status: { appliedResources } });
    }

    const status = this.statusFor(work, outcomes);
    if (!deepEqual(status, work.status ?? {})) {
      await this.d.hub.updateStatus<ManifestWork>({ ...work, status });
      const failed = outcomes.filter((o) => o.error !== undefined).length;
      this.emit('status', { work: work.metadata.name, generation: work.metadata.generation ?? 0, manifests: outcomes.length, failed });
    }
    return { requeueAfterMs: lingering.length > 0 ? WORK_CLEANUP_RECHECK_MS : this.resyncMs };
  }

  private statusFor(work: ManifestWork, outcomes: ApplyOutcome[]): ManifestWorkStatus {
    const now = rfc3339(this.d.clock.nowMs());
    const old = work.status ?? {};
    const manifests: ManifestCondition[] = outcomes.map((o) => {
      const prior = old.resourceStatus?.manifests?.find((m) => deepEqual(m.resourceMeta, o.meta))?.conditions;
      let conditions = setCondition(
        prior,
        o.error === undefined
          ? { type: WORK_APPLIED, status: 'True', reason: WorkReasons.manifestApplied, message: WorkMessages.manifestApplied }
          : { type: WORK_APPLIED, status: 'False', reason: WorkReasons.manifestApplyFailed, message: `Failed to apply manifest: ${o.error}` },
        now,
      );
      conditions = setCondition(
        conditions,
        o.available
          ? { type: WORK_AVAILABLE, status: 'True', reason: WorkReasons.resourceAvailable, message: WorkMessages.resourceAvailable }
          : { type: WORK_AVAILABLE, status: 'False', reason: WorkReasons.resourceNotAvailable, message: WorkMessages.resourceNotAvailable },
        now,
      );
      return { resourceMeta: o.meta, conditions };
    });
    const status: ManifestWorkStatus = { ...old, resourceStatus: { manifests } };
    if (outcomes.length === 0) return status;
    const generation = work.metadata.generation ?? 0;
    const allApplied = outcomes.every((o) => o.error === undefined);
    let conditions = setCondition(
      old.conditions,
      allApplied
        ? { type: WORK_APPLIED, status: 'True', reason: WorkReasons.appliedComplete, message: WorkMessages.appliedComplete, observedGeneration: generation }
        : { type: WORK_APPLIED, status: 'False', reason: WorkReasons.appliedFailed, message: WorkMessages.appliedFailed, observedGeneration: generation },
      now,
    );
    const missing = outcomes.filter((o) => !o.available).length;
    conditions = setCondition(
      conditions,
      missing === 0
        ? { type: WORK_AVAILABLE, status: 'True', reason: WorkReasons.resourcesAvailable, message: WorkMessages.resourcesAvailable, observedGeneration: generation }
        : {
            type: WORK_AVAILABLE,
            status: 'False',
            reason: WorkReasons.resourcesNotAvailable,
            message: `${missing} of ${outcomes.length} resources are not available`,
            observedGeneration: generation,
          },
      now,
    );
    status.conditions = conditions;
    return status;
  }

  /** The work is being deleted: remove what it owns, then the record, then the finalizer. */
  private async finalize(work: ManifestWork, amw: AppliedManifestWork | undefined): Promise<Result> {
    if (!(work.metadata.finalizers ?? []).includes(MANIFEST_WORK_FINALIZER)) return {};
    if (amw) {
      const remaining = await deleteOwnedResources(this.d.cluster, amw.status?.appliedResources ?? [], amw.metadata.uid ?? '');
      if (remaining.length > 0) {
        this.emit('cleanup.waiting', { work: work.metadata.name, remaining: remaining.length });
        return { requeueAfterMs: WORK_CLEANUP_RECHECK_MS };
      }
      await ignoreNotFound(this.d.cluster.delete(AppliedManifestWorkKind, { name: amw.metadata.name }));
    }
    await this.d.hub.update<ManifestWork>({
      ...work,
      metadata: { ...work.metadata, finalizers: (work.metadata.finalizers ?? []).filter((f) => f !== MANIFEST_WORK_FINALIZER) },
    });
    this.emit('cleanup.done', { work: work.metadata.name });
    return {};
  }

  /** The work is gone from the hub (or the record belongs to another hub): evict after the grace period. */
  private async evict(amw: AppliedManifestWork | undefined): Promise<Result> {
    if (!amw || amw.metadata.deletionTimestamp) return {};
    const nowMs = this.d.clock.nowMs();
    const startMs = parseRfc3339(amw.status?.evictionStartTime);
    if (startMs === undefined) {
      await this.d.cluster.updateStatus<AppliedManifestWork>({ ...amw, status: { ...amw.status, evictionStartTime: rfc3339(nowMs) } });
      this.emit('eviction.start', { record: amw.metadata.name, graceMs: this.graceMs });
      return { requeueAfterMs: this.graceMs };
    }
    if (nowMs - startMs < this.graceMs) return { requeueAfterMs: this.graceMs - (nowMs - startMs) };
    const remaining = await deleteOwnedResources(this.d.cluster, amw.status?.appliedResources ?? [], amw.metadata.uid ?? '');
    if (remaining.length > 0) return { requeueAfterMs: WORK_CLEANUP_RECHECK_MS };
    await ignoreNotFound(this.d.cluster.delete(AppliedManifestWorkKind, { name: amw.metadata.name }));
    this.emit('eviction.done', { record: amw.metadata.name });
    return {};
  }
}

function sameResource(a: AppliedManifestResourceMeta, b: AppliedManifestResourceMeta): boolean {
  return (a.group ?? '') === (b.group ?? '') && a.resource === b.resource && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '') && a.uid === b.uid;
}

/**
 * The work agent as a controller for the managed cluster's klusterlet manager. It watches the
 * cluster's ManifestWorks on the hub (through the network) and its own AppliedManifestWorks, so a
 * record whose work has vanished is found again after an agent restart.
 */
export function createWorkAgent(deps: WorkAgentDeps): ControllerSpec {
  const agent = new WorkAgent(deps);
  const hubHash = deps.hubHash ?? 'hub';
  return {
    name: deps.name ?? 'work-agent',
    reconciler: agent,
    watches: [
      { client: deps.hub, kind: ManifestWorkKind, namespace: deps.clusterName },
      {
        client: deps.cluster,
        kind: AppliedManifestWorkKind,
        map: (obj) => {
          const record = obj as AppliedManifestWork;
          return record.spec?.hubHash === hubHash
            ? [{ namespace: deps.clusterName, name: record.spec.manifestWorkName }]
            : [{ name: record.metadata.name }];
        },
      },
    ],
  };
}
