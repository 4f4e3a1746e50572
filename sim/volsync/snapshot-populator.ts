// Restores from a VolSync latest image: a PVC whose dataSource (or dataSourceRef) names a
// VolumeSnapshot recorded in SnapshotContents gets, once bound to a new empty volume, exactly the
// snapshot's writes. This stands in for the CSI driver's CreateVolume-from-snapshot until the
// storage provisioner does it itself: a provisioner that restores at creation calls
// `restoreFromSnapshot` (or reads `SnapshotContents.contentOf`) and this populator then finds the
// volume already filled and leaves it alone. A bound volume that already holds writes of its own is
// never overwritten; that is reported in the trace as `volsync.populate.skipped`.

import { SNAPSHOT_GROUP, VolumeSnapshotKind, type VolumeSnapshot } from '../../engine/api/storage/volume-snapshot.js';
import { isNotFound } from '../../engine/runtime/errors.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import { PVC_KIND, type PersistentVolumeClaim } from '../storage/core-shapes.js';
import type { ImageKey, VolumeDataModel } from '../storage/volume-data.js';
import type { SnapshotContent } from './snapshot-contents.js';
import type { ResolvedVolSyncDeps } from './volsync-deps.js';
import { resolveClaimImage } from './volume-images.js';

interface ClaimWithRef extends PersistentVolumeClaim {
  spec: PersistentVolumeClaim['spec'] & { dataSourceRef?: { apiGroup?: string; kind: string; name: string; namespace?: string } };
}

/** The snapshot a claim is restored from, if any: dataSourceRef wins over dataSource, as in kube. */
export function snapshotSourceOf(claim: ClaimWithRef): { namespace: string; name: string } | undefined {
  const ref = claim.spec.dataSourceRef ?? claim.spec.dataSource;
  if (!ref || ref.kind !== 'VolumeSnapshot' || (ref.apiGroup ?? '') !== SNAPSHOT_GROUP) return undefined;
  const ns = 'namespace' in ref && typeof ref.namespace === 'string' ? ref.namespace : (claim.metadata.namespace ?? '');
  return { namespace: ns, name: ref.name };
}

/**
 * Fills an empty image with a snapshot's writes. Returns false (and changes nothing) when the image
 * already holds data. For provisioners that restore at volume creation.
 */
export function restoreFromSnapshot(data: VolumeDataModel, image: ImageKey, content: SnapshotContent): boolean {
  if (data.length(image) > 0) return false;
  data.restore(image, content.writes);
  return true;
}

export class SnapshotPopulator implements Reconciler {
  /** Images already examined; a restart forgets them and re-examines (then finds them non-empty). */
  private readonly done = new Set<ImageKey>();

  constructor(private readonly deps: ResolvedVolSyncDeps) {}

  async reconcile(request: Request): Promise<Result> {
    const { client, storage, cluster, snapshots, trace } = this.deps;
    let claim: ClaimWithRef;
    try {
      claim = await client.get<ClaimWithRef>(PVC_KIND, request);
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
    const source = snapshotSourceOf(claim);
    if (!source || claim.status?.phase !== 'Bound') return {};
    let snap: VolumeSnapshot;
    try {
      snap = await client.get<VolumeSnapshot>(VolumeSnapshotKind, source);
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
    const content = snapshots.contentOf(cluster, source.namespace, source.name, snap.metadata.uid);
    if (!content) return {};
    const target = await resolveClaimImage(client, storage, cluster, claim.metadata.namespace ?? '', claim.metadata.name);
    if (!target.ok || this.done.has(target.key)) return {};
    this.done.add(target.key);
    const filled = restoreFromSnapshot(storage.data, target.key, content);
    trace.emit({
      type: filled ? 'volsync.populate' : 'volsync.populate.skipped',
      cluster,
      namespace: claim.metadata.namespace,
      claim: claim.metadata.name,
      snapshot: source.name,
      image: target.key,
      writes: content.writes.length,
      lastWriteId: content.writes.lastWriteId ?? null,
    });
    return {};
  }
}

export function snapshotPopulator(deps: ResolvedVolSyncDeps): ControllerSpec {
  return { name: 'volsync-snapshot-populator', reconciler: new SnapshotPopulator(deps), watches: [{ client: deps.client, kind: PVC_KIND }] };
}
