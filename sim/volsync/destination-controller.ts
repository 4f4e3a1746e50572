// VolSync's ReplicationDestination controller with the rsync-tls mover. Per destination it keeps:
// - the Service `volsync-rsync-tls-dst-<rd>` (type spec.rsyncTLS.serviceType, default ClusterIP) and
//   its address in status.rsyncTLS.address: the ClusterIP, or for LoadBalancer the ingress address
//   the simulator hands out at once (Ramen treats "address set" as "destination ready");
// - the destination PVC: spec.rsyncTLS.destinationPVC, or `volsync-<rd>-dst` which it provisions
//   (capacity, access modes, storage class) and owns;
// - while synchronizing and not paused, a listener in the fabric that accepts one transfer once the
//   destination PVC is bound and the keySecret holds a pre-shared key.
// When a transfer arrives the destination image takes the source's point-in-time content at once;
// then (copyMethod Snapshot) a VolumeSnapshot `volsync-<rd>-dst-<YYYYMMDDHHMMSS>` of the destination
// PVC is created, owned by the destination, with the exact content recorded in SnapshotContents and
// its status filled in as the CSI snapshotter would (readyToUse, restoreSize); it becomes
// status.latestImage and the sync completes (lastSyncTime, ...). With copyMethod Direct the latest
// image is the PVC itself. A superseded latest image is labeled for cleanup and deleted during
// cleanup unless it carries `volsync.backube/do-not-delete`, and such labeled snapshots lose their
// owner reference to the destination so that deleting the destination keeps them.

import type { KubeObject } from '../../engine/api/meta.js';
import { SNAPSHOT_GROUP, VolumeSnapshotKind, type VolumeSnapshot } from '../../engine/api/storage/volume-snapshot.js';
import { ReplicationDestinationKind, VolSyncLabel, VOLSYNC_RSYNC_TLS_PORT, type ReplicationDestination, type ReplicationDestinationStatus } from '../../engine/api/storage/volsync.js';
import { isAlreadyExists, isNotFound } from '../../engine/runtime/errors.js';
import { rfc3339 } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import { mapToOwner } from '../../engine/runtime/reconcile.js';
import { PVC_KIND, type PersistentVolumeClaim } from '../storage/core-shapes.js';
import type { ImageContent, ImageKey } from '../storage/volume-data.js';
import { CronError } from './cron-schedule.js';
import { readPsk } from './key-secret.js';
import { ownerRef } from './source-controller.js';
import { writeStatus } from './status-writer.js';
import { afterCleanup, currentPhase, errorCondition, finishSync, setCondition, startSync, syncingCondition } from './sync-state.js';
import type { TransferPayload } from './volsync-fabric.js';
import { clusterIpFor, destinationClaimName, destinationServiceName, latestImageSnapshotName, loadBalancerIpFor } from './volsync-names.js';
import type { ResolvedVolSyncDeps } from './volsync-deps.js';
import { applyPointInTime, resolveClaimImage } from './volume-images.js';

export const SERVICE_KIND = { apiVersion: 'v1', kind: 'Service' };

/** VolSync marks superseded snapshots with the owner's uid and deletes them during cleanup. */
export const CLEANUP_LABEL = 'volsync.backube/cleanup';

interface ServiceShape extends KubeObject {
  spec?: { type?: string; clusterIP?: string; [k: string]: unknown };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export class DestinationReconciler implements Reconciler {
  /** Which destinations write into which claim, so the claim binding wakes them. */
  private readonly writers = new Map<string, string>();
  /** Destinations (by uid) whose received sync is being completed: no new listener until it is. */
  private readonly completing = new Set<string>();

  constructor(private readonly deps: ResolvedVolSyncDeps) {}

  destinationsOfClaim(namespace: string, claim: string): Request[] {
    const rd = this.writers.get(`${namespace}/${claim}`);
    return rd === undefined ? [] : [{ namespace, name: rd }];
  }

  async reconcile(request: Request): Promise<Result> {
    const { client, fabric, cluster } = this.deps;
    const namespace = request.namespace ?? '';
    const service = destinationServiceName(request.name);
    let rd: ReplicationDestination;
    try {
      rd = await client.get<ReplicationDestination>(ReplicationDestinationKind, request);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      fabric.close(cluster, namespace, service);
      return {};
    }
    if (rd.metadata.deletionTimestamp) {
      fabric.close(cluster, namespace, service, rd.metadata.uid);
      return {};
    }
    const now = this.deps.clock.nowMs();
    const tls = rd.spec.rsyncTLS;
    if (!tls) {
      await this.status(request, (s) => ({ ...s, conditions: setCondition(s.conditions, errorCondition('only the rsyncTLS mover is modelled'), now) }));
      return {};
    }
    const endpoint = await this.ensureService(rd, service);
    const claimName = tls.destinationPVC ?? destinationClaimName(rd.metadata.name);
    this.writers.set(`${namespace}/${claimName}`, rd.metadata.name);
    if (!tls.destinationPVC) await this.ensureClaim(rd, claimName);
    await this.releaseKeptSnapshots(rd);
    const withAddress = (s: ReplicationDestinationStatus): ReplicationDestinationStatus => ({ ...s, rsyncTLS: { ...(s.rsyncTLS ?? {}), address: endpoint.address } });

    switch (currentPhase(rd.status)) {
      case 'Initial':
        await this.status(request, (s) => startSync(withAddress(s), now));
        return {};
      case 'Synchronizing': {
        await this.status(request, (s) => withAddress(s));
        if (rd.spec.paused) {
          fabric.close(cluster, namespace, service, rd.metadata.uid);
          return {};
        }
        return this.listen(rd, service, endpoint, claimName);
      }
      case 'CleaningUp':
        return this.cleanup(request, rd, withAddress);
    }
  }

  private async status(request: Request, mutate: (s: ReplicationDestinationStatus, rd: ReplicationDestination) => ReplicationDestinationStatus | undefined): Promise<void> {
    await writeStatus<ReplicationDestination>(this.deps.client, ReplicationDestinationKind, request, (rd) => mutate(rd.status ?? {}, rd));
  }

  private async ensureService(rd: ReplicationDestination, name: string): Promise<{ address: string; external: boolean }> {
    const { client, cluster } = this.deps;
    const namespace = rd.metadata.namespace ?? '';
    const type = rd.spec.rsyncTLS?.serviceType ?? 'ClusterIP';
    const external = type === 'LoadBalancer';
    const address = external ? loadBalancerIpFor(cluster, namespace, name) : clusterIpFor(cluster, namespace, name);
    if (!(await client.serves(SERVICE_KIND))) return { address, external };
    let svc: ServiceShape | undefined;
    try {
      svc = await client.get<ServiceShape>(SERVICE_KIND, { namespace, name });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (!svc) {
      const desired: ServiceShape = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace, labels: { [VolSyncLabel.createdBy]: VolSyncLabel.createdByValue }, ownerReferences: [ownerRef(rd)] },
        spec: {
          type,
          clusterIP: clusterIpFor(cluster, namespace, name),
          selector: { 'app.kubernetes.io/name': name },
          ports: [{ name: 'rsync-tls', port: VOLSYNC_RSYNC_TLS_PORT, protocol: 'TCP', targetPort: 'rsync-tls' }],
        },
      };
      try {
        svc = await client.create(desired);
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        svc = await client.get<ServiceShape>(SERVICE_KIND, { namespace, name });
      }
    }
    if (external) {
      // No cloud controller runs in the simulator: VolSync's model hands out the ingress itself.
      const ingress = svc.status?.loadBalancer?.ingress?.[0]?.ip;
      if (ingress) return { address: ingress, external };
      try {
        await client.updateStatus({ ...svc, status: { loadBalancer: { ingress: [{ ip: address }] } } });
      } catch {
        // The address is still the one handed out; a later reconcile records it.
      }
      return { address, external };
    }
    return { address: svc.spec?.clusterIP || address, external };
  }

  private async ensureClaim(rd: ReplicationDestination, name: string): Promise<void> {
    const { client } = this.deps;
    const namespace = rd.metadata.namespace ?? '';
    try {
      await client.get(PVC_KIND, { namespace, name });
      return;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    const tls = rd.spec.rsyncTLS!;
    const claim: PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace, labels: { [VolSyncLabel.createdBy]: VolSyncLabel.createdByValue }, ownerReferences: [ownerRef(rd)] },
      spec: {
        accessModes: (tls.accessModes ?? ['ReadWriteOnce']) as PersistentVolumeClaim['spec']['accessModes'],
        resources: { requests: { storage: tls.capacity ?? '1Gi' } },
        ...(tls.storageClassName ? { storageClassName: tls.storageClassName } : {}),
      },
    };
    try {
      await client.create(claim);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  }

  /** Snapshots Ramen keeps (do-not-delete) must survive the destination's deletion. */
  private async releaseKeptSnapshots(rd: ReplicationDestination): Promise<void> {
    const { client } = this.deps;
    if (!(await client.serves(VolumeSnapshotKind))) return;
    const list = await client.list<VolumeSnapshot>(VolumeSnapshotKind, { namespace: rd.metadata.namespace ?? '' });
    for (const snap of list.items) {
      if (snap.metadata.labels?.[VolSyncLabel.doNotDelete] !== 'true') continue;
      const refs = snap.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.uid === rd.metadata.uid)) continue;
      try {
        await client.update({ ...snap, metadata: { ...snap.metadata, ownerReferences: refs.filter((r) => r.uid !== rd.metadata.uid) } });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }

  private async listen(rd: ReplicationDestination, service: string, endpoint: { address: string; external: boolean }, claimName: string): Promise<Result> {
    const { client, storage, fabric, cluster } = this.deps;
    const namespace = rd.metadata.namespace ?? '';
    const target = await resolveClaimImage(client, storage, cluster, namespace, claimName);
    const key = await readPsk(client, namespace, rd.spec.rsyncTLS!.keySecret);
    if (!key.ok) {
      fabric.close(cluster, namespace, service, rd.metadata.uid);
      const now = this.deps.clock.nowMs();
      await this.status({ namespace, name: rd.metadata.name }, (s) => ({ ...s, conditions: setCondition(s.conditions, errorCondition(key.message), now) }));
      return { requeueAfterMs: this.deps.retryMs };
    }
    if (!target.ok) {
      // The mover pod cannot start before its volume is bound; the claim's binding wakes us.
      fabric.close(cluster, namespace, service, rd.metadata.uid);
      return { requeueAfterMs: this.deps.retryMs };
    }
    const now = this.deps.clock.nowMs();
    await this.status({ namespace, name: rd.metadata.name }, (s) => ({ ...s, conditions: setCondition(s.conditions, syncingCondition, now) }));
    if (this.completing.has(rd.metadata.uid ?? '')) return {};
    const current = fabric.listenerOf(cluster, namespace, service);
    if (current && current.rdUid === rd.metadata.uid && current.address === endpoint.address && current.psk === key.psk && current.targetImage === target.key) return {};
    const rdUid = rd.metadata.uid ?? '';
    const listener = {
      cluster,
      namespace,
      service,
      rdName: rd.metadata.name,
      rdUid,
      address: endpoint.address,
      external: endpoint.external,
      psk: key.psk,
      targetImage: target.key as string | undefined,
      receive: (payload: TransferPayload): string | undefined => this.receive(listener, payload, claimName, target.storageId, target.key),
    };
    fabric.listen(listener);
    return {};
  }

  /** Runs at a transfer's arrival: the data lands atomically, then the sync completes in the API. */
  private receive(listener: { cluster: string; namespace: string; service: string; rdName: string; rdUid: string }, payload: TransferPayload, claimName: string, storageId: string, target: ImageKey): string | undefined {
    const { fabric, storage, clock, trace, cluster } = this.deps;
    if (fabric.listenerOf(listener.cluster, listener.namespace, listener.service)?.rdUid !== listener.rdUid) return 'destination is not listening';
    const arrivalMs = clock.nowMs();
    const refused = applyPointInTime(storage.data, payload.source, target, arrivalMs);
    if (refused !== undefined) return refused;
    // One transfer per mover run: the listener closes until the next sync starts.
    fabric.close(listener.cluster, listener.namespace, listener.service, listener.rdUid);
    const content = storage.data.contentOf(target);
    trace.emit({ type: 'volsync.receive', cluster, namespace: listener.namespace, destination: listener.rdName, from: payload.sourceCluster, image: target, writes: content.length, lastWriteId: content.lastWriteId ?? null });
    this.completing.add(listener.rdUid);
    void this.complete({ namespace: listener.namespace, name: listener.rdName }, listener.rdUid, claimName, storageId, target, content, arrivalMs).finally(() => this.completing.delete(listener.rdUid));
    return undefined;
  }

  private async complete(request: Request, rdUid: string, claimName: string, storageId: string, image: ImageKey, content: ImageContent, arrivalMs: number): Promise<void> {
    for (;;) {
      try {
        const done = await this.completeOnce(request, rdUid, claimName, storageId, image, content, arrivalMs);
        if (done) return;
      } catch (err) {
        if (isNotFound(err)) return;
      }
      await new Promise<void>((resolve) => void this.deps.scheduler.after(this.deps.retryMs, 'volsync.rd.complete.retry', resolve));
    }
  }

  /** Returns true when finished (or moot), false to retry. */
  private async completeOnce(request: Request, rdUid: string, claimName: string, storageId: string, image: ImageKey, content: ImageContent, arrivalMs: number): Promise<boolean> {
    const { client, snapshots, cluster, trace } = this.deps;
    const namespace = request.namespace ?? '';
    let rd: ReplicationDestination;
    try {
      rd = await client.get<ReplicationDestination>(ReplicationDestinationKind, request);
    } catch (err) {
      if (isNotFound(err)) return true;
      throw err;
    }
    if (rd.metadata.uid !== rdUid || !rd.status?.lastSyncStartTime) return true;
    const copyMethod = rd.spec.rsyncTLS?.copyMethod ?? 'Snapshot';
    let latestImage: { apiGroup: string; kind: string; name: string };
    if (copyMethod === 'Direct' || copyMethod === 'None') {
      latestImage = { apiGroup: '', kind: 'PersistentVolumeClaim', name: claimName };
    } else {
      const snap = await this.takeSnapshot(rd, claimName, arrivalMs);
      snapshots.record({ cluster, namespace, name: snap.metadata.name, uid: snap.metadata.uid ?? '', storageId, sourceImage: image, takenAtMs: arrivalMs, writes: content });
      latestImage = { apiGroup: SNAPSHOT_GROUP, kind: 'VolumeSnapshot', name: snap.metadata.name };
    }
    const previous = rd.status.latestImage;
    if (previous && previous.kind === 'VolumeSnapshot' && previous.name !== latestImage.name) await this.markForCleanup(rd, previous.name);
    const now = this.deps.clock.nowMs();
    const written = await writeStatus<ReplicationDestination>(client, ReplicationDestinationKind, request, (fresh) => {
      if (fresh.metadata.uid !== rdUid || !fresh.status?.lastSyncStartTime) return undefined;
      let next: ReplicationDestinationStatus;
      try {
        next = finishSync(fresh.status, fresh.spec.trigger, now);
      } catch (err) {
        if (!(err instanceof CronError)) throw err;
        next = { ...fresh.status, conditions: setCondition(fresh.status.conditions, errorCondition(err.message), now) };
      }
      return { ...next, latestImage, latestMoverStatus: { result: 'Successful', logs: `received ${content.length} writes` } };
    });
    if (written) trace.emit({ type: 'volsync.latest-image', cluster, namespace, destination: rd.metadata.name, kind: latestImage.kind, name: latestImage.name, writes: content.length, lastWriteId: content.lastWriteId ?? null });
    return true;
  }

  private async takeSnapshot(rd: ReplicationDestination, claimName: string, arrivalMs: number): Promise<VolumeSnapshot> {
    const { client } = this.deps;
    const namespace = rd.metadata.namespace ?? '';
    const name = latestImageSnapshotName(rd.metadata.name, arrivalMs);
    const vsc = rd.spec.rsyncTLS?.volumeSnapshotClassName;
    const desired: VolumeSnapshot = {
      apiVersion: VolumeSnapshotKind.apiVersion,
      kind: VolumeSnapshotKind.kind,
      metadata: { name, namespace, labels: { [VolSyncLabel.createdBy]: VolSyncLabel.createdByValue }, ownerReferences: [ownerRef(rd)] },
      spec: { source: { persistentVolumeClaimName: claimName }, ...(vsc ? { volumeSnapshotClassName: vsc } : {}) },
    };
    let snap: VolumeSnapshot;
    try {
      snap = await client.create(desired);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      snap = await client.get<VolumeSnapshot>(VolumeSnapshotKind, { namespace, name });
    }
    if (snap.status?.readyToUse) return snap;
    let restoreSize = rd.spec.rsyncTLS?.capacity ?? '1Gi';
    try {
      const claim = await client.get<PersistentVolumeClaim>(PVC_KIND, { namespace, name: claimName });
      restoreSize = claim.status?.capacity?.['storage'] ?? claim.spec.resources?.requests?.['storage'] ?? restoreSize;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    // The CSI snapshotter's part: the content is cut at creation, so the snapshot is ready at once.
    return client.updateStatus({
      ...snap,
      status: { boundVolumeSnapshotContentName: `snapcontent-${snap.metadata.uid ?? name}`, creationTime: rfc3339(arrivalMs), readyToUse: true, restoreSize },
    });
  }

  private async markForCleanup(rd: ReplicationDestination, snapshotName: string): Promise<void> {
    const { client } = this.deps;
    const namespace = rd.metadata.namespace ?? '';
    let snap: VolumeSnapshot;
    try {
      snap = await client.get<VolumeSnapshot>(VolumeSnapshotKind, { namespace, name: snapshotName });
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (snap.metadata.labels?.[VolSyncLabel.doNotDelete] === 'true') return;
    await client.patch(VolumeSnapshotKind, { namespace, name: snapshotName }, { metadata: { labels: { [CLEANUP_LABEL]: rd.metadata.uid ?? '' } } });
  }

  private async cleanup(request: Request, rd: ReplicationDestination, withAddress: (s: ReplicationDestinationStatus) => ReplicationDestinationStatus): Promise<Result> {
    const { client, snapshots, cluster } = this.deps;
    const namespace = rd.metadata.namespace ?? '';
    if (await client.serves(VolumeSnapshotKind)) {
      const marked = await client.list<VolumeSnapshot>(VolumeSnapshotKind, { namespace, labelSelector: { matchLabels: { [CLEANUP_LABEL]: rd.metadata.uid ?? '' } } });
      for (const snap of marked.items) {
        if (snap.metadata.labels?.[VolSyncLabel.doNotDelete] === 'true') continue;
        try {
          await client.delete(VolumeSnapshotKind, { namespace, name: snap.metadata.name });
          snapshots.forget(cluster, namespace, snap.metadata.name);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
    }
    const now = this.deps.clock.nowMs();
    let requeueAfterMs: number | undefined;
    await this.status(request, (s, fresh) => {
      try {
        const next = afterCleanup(withAddress(s), fresh.spec.trigger, now);
        requeueAfterMs = next.requeueAfterMs;
        return next.status;
      } catch (err) {
        if (!(err instanceof CronError)) throw err;
        return { ...s, conditions: setCondition(s.conditions, errorCondition(err.message), now) };
      }
    });
    return requeueAfterMs === undefined ? {} : { requeueAfterMs };
  }
}

export function destinationController(deps: ResolvedVolSyncDeps): ControllerSpec {
  const reconciler = new DestinationReconciler(deps);
  return {
    name: 'volsync-replicationdestination',
    reconciler,
    watches: [
      { client: deps.client, kind: ReplicationDestinationKind },
      { client: deps.client, kind: PVC_KIND, map: (obj) => [...mapToOwner('ReplicationDestination')(obj), ...reconciler.destinationsOfClaim(obj.metadata.namespace ?? '', obj.metadata.name)] },
      { client: deps.client, kind: VolumeSnapshotKind, map: (obj) => mapToOwner('ReplicationDestination')(obj) },
    ],
  };
}
