// The simulated storage systems behind every cluster's CSI driver: which clusters reach which
// system, each image's replication role, attachments to nodes, network fences, and the faults.
// Agents on a cluster (provisioner, attacher, VolumeReplication and NetworkFence controllers) call
// it as a CSI driver calls its backend; applications write through it. Mirroring between systems is
// delegated to `Mirroring` (mirroring.ts).
//
// Fault model (what can go wrong here, and what cannot):
// - Replication stall: a system ships no mirroring snapshots (and serves no resync) until resumed.
//   Nothing is lost; the peer's lag grows.
// - Replication slowdown: a system's snapshot interval is multiplied (integer factor >= 1).
// - Destroyed cluster: every storage system reached only by that cluster loses all its images at
//   once (recorded as discards); a stretched (metro) system survives the loss of one of its sites.
// - Network: mirroring uses the network between the systems' site clusters, so a cut link stops
//   shipping exactly as a partition would; a snapshot is applied atomically at arrival or not at all.
// Not modelled: partial or torn writes, bit rot, capacity limits, slow or failing individual I/Os.

import type { Clock, Scheduler } from '../../engine/runtime/ports.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { Network } from '../network/network.js';
import { cidrContains } from './cidr.js';
import { Mirroring } from './mirroring.js';
import type { SyncInfo } from './mirroring.js';
import { StorageError } from './storage-error.js';
import { imageKey, VolumeDataModel } from './volume-data.js';
import type { DiscardReason, ImageKey, WriteRecord } from './volume-data.js';

export interface StorageSystemSpec {
  /** The storage instance id; Ramen reads it from the `ramendr.openshift.io/storageid` label. */
  storageId: string;
  /** The CSI driver name, as in StorageClass `provisioner`. */
  provisioner: string;
  /** Clusters whose nodes use this system. Two or more make it stretched (metro, synchronous). */
  clusters: string[];
  /** The system this one mirrors volumes to (regional, asynchronous), if any. Must be symmetric. */
  mirrorPeer?: string;
  /** The StorageClass name the fixtures create for this system. Default `<storageId>-csi`. */
  storageClassName?: string;
}

export interface StorageBackendOptions {
  systems: StorageSystemSpec[];
  /** Node CIDRs per cluster, which a NetworkFence names to cut a cluster off its storage. */
  clusterCidrs?: Record<string, string[]>;
  /** Bytes one application write changes, for `lastSyncBytes` and transfer times. Default 4096. */
  bytesPerWrite?: number;
  /** Mirroring bandwidth between systems. Default 100_000 bytes per ms (100 MB/s). */
  bandwidthBytesPerMs?: number;
  /** How soon an undelivered demotion snapshot is retried. Default 10 s. */
  demotionRetryMs?: number;
}

export type ImageRole = 'primary' | 'secondary';

export type WriteRefusal = 'storage-unreachable' | 'fenced' | 'no-such-volume' | 'read-only' | 'not-attached';

export type WriteOutcome = { ok: true } | { ok: false; reason: WriteRefusal; message: string };

export interface ReplicationInfo {
  lastSync?: SyncInfo;
  healthy: boolean;
  message: string;
}

export interface StorageBackendDeps {
  clock: Clock;
  scheduler: Scheduler;
  network: Network;
  trace: TraceSink;
  data?: VolumeDataModel;
}

export class StorageBackend {
  readonly data: VolumeDataModel;
  readonly bytesPerWrite: number;
  private readonly systems = new Map<string, StorageSystemSpec>();
  private readonly roles = new Map<ImageKey, ImageRole>();
  private readonly attachments = new Map<ImageKey, Set<string>>();
  private readonly fences = new Map<string, Set<string>>();
  private readonly destroyedClusters = new Set<string>();
  private readonly destroyedSystems = new Set<string>();
  private readonly clusterCidrs: Record<string, string[]>;
  readonly mirroring: Mirroring;

  constructor(
    private readonly deps: StorageBackendDeps,
    options: StorageBackendOptions,
  ) {
    this.data = deps.data ?? new VolumeDataModel();
    this.bytesPerWrite = options.bytesPerWrite ?? 4096;
    this.clusterCidrs = options.clusterCidrs ?? {};
    for (const s of options.systems) {
      if (this.systems.has(s.storageId)) throw new Error(`storage: systems[${s.storageId}] defined twice`);
      if (s.clusters.length === 0) throw new Error(`storage: systems[${s.storageId}].clusters must not be empty`);
      this.systems.set(s.storageId, s);
    }
    for (const s of options.systems) {
      if (s.mirrorPeer === undefined) continue;
      const peer = this.systems.get(s.mirrorPeer);
      if (!peer) throw new Error(`storage: systems[${s.storageId}].mirrorPeer names unknown system ${s.mirrorPeer}`);
      if (peer.mirrorPeer !== s.storageId) throw new Error(`storage: systems[${s.storageId}].mirrorPeer must be mutual`);
    }
    this.mirroring = new Mirroring(
      {
        clock: deps.clock,
        scheduler: deps.scheduler,
        network: deps.network,
        trace: deps.trace,
        data: this.data,
        roleOf: (key) => this.roles.get(key),
        setRole: (key, role) => this.roles.set(key, role),
        dropImage: (key, reason) => this.dropImage(key, reason),
        siteOf: (storageId) => this.siteOf(storageId),
        isAlive: (storageId) => this.isAlive(storageId),
      },
      {
        bytesPerWrite: this.bytesPerWrite,
        bandwidthBytesPerMs: options.bandwidthBytesPerMs ?? 100_000,
        demotionRetryMs: options.demotionRetryMs ?? 10_000,
      },
    );
  }

  // ---- topology -------------------------------------------------------------------------------

  system(storageId: string): StorageSystemSpec | undefined {
    return this.systems.get(storageId);
  }

  systemsList(): StorageSystemSpec[] {
    return [...this.systems.values()];
  }

  /** The system a cluster's CSI driver `provisioner` talks to. */
  systemFor(cluster: string, provisioner: string): StorageSystemSpec | undefined {
    for (const s of this.systems.values()) if (s.provisioner === provisioner && s.clusters.includes(cluster)) return s;
    return undefined;
  }

  isMetro(storageId: string): boolean {
    return (this.systems.get(storageId)?.clusters.length ?? 0) > 1;
  }

  /** The network node mirroring traffic of a system leaves from: its first live cluster. */
  siteOf(storageId: string): string | undefined {
    const s = this.systems.get(storageId);
    return s?.clusters.find((c) => !this.destroyedClusters.has(c));
  }

  isAlive(storageId: string): boolean {
    return this.systems.has(storageId) && !this.destroyedSystems.has(storageId);
  }

  roleOf(key: ImageKey): ImageRole | undefined {
    return this.roles.get(key);
  }

  clusterCidrsOf(cluster: string): string[] {
    return this.clusterCidrs[cluster] ?? [];
  }

  // ---- volumes (CSI controller service) ----------------------------------------------------------

  createVolume(storageId: string, volumeHandle: string): ImageKey {
    this.mustBeAlive(storageId);
    const key = this.data.ensureImage(storageId, volumeHandle);
    if (!this.roles.has(key)) this.roles.set(key, 'primary');
    this.emit({ type: 'storage.volume.create', image: key });
    return key;
  }

  /**
   * Deletes the image (reclaim policy Delete). A mirrored primary takes its peer copy with it; a
   * mirrored secondary is kept, as ceph-csi skips deleting non-primary images, so that removing an
   * application from the secondary cluster never destroys the replica.
   */
  deleteVolume(storageId: string, volumeHandle: string): void {
    const key = imageKey(storageId, volumeHandle);
    if (!this.data.has(key)) return;
    if (this.roles.get(key) === 'secondary' && this.mirroring.isMirrored(volumeHandle)) {
      this.emit({ type: 'storage.volume.delete.skipped', image: key, why: 'mirrored secondary' });
      return;
    }
    if (this.roles.get(key) === 'primary') this.mirroring.disable(storageId, volumeHandle);
    this.dropImage(key, 'volume-deleted');
    this.emit({ type: 'storage.volume.delete', image: key });
  }

  hasVolume(storageId: string, volumeHandle: string): boolean {
    return this.isAlive(storageId) && this.data.has(imageKey(storageId, volumeHandle));
  }

  // ---- attach (ControllerPublish / Unpublish) ----------------------------------------------------

  publish(storageId: string, volumeHandle: string, cluster: string): void {
    this.mustReach(storageId, cluster);
    const key = imageKey(storageId, volumeHandle);
    if (!this.data.has(key)) throw new StorageError('NotFound', `volume ${volumeHandle} not found on ${storageId}`);
    if (this.isFenced(storageId, cluster)) throw new StorageError('FailedPrecondition', `cluster ${cluster} is fenced from ${storageId}`);
    if (this.roles.get(key) !== 'primary') throw new StorageError('FailedPrecondition', `volume ${volumeHandle} is not primary on ${storageId} (read-only)`);
    let set = this.attachments.get(key);
    if (!set) this.attachments.set(key, (set = new Set()));
    if (!set.has(cluster)) {
      set.add(cluster);
      this.emit({ type: 'storage.attach', image: key, cluster });
    }
  }

  unpublish(storageId: string, volumeHandle: string, cluster: string): void {
    const key = imageKey(storageId, volumeHandle);
    const set = this.attachments.get(key);
    if (set?.delete(cluster)) this.emit({ type: 'storage.detach', image: key, cluster });
  }

  attachedClusters(key: ImageKey): string[] {
    return [...(this.attachments.get(key) ?? [])].sort();
  }

  // ---- data path ------------------------------------------------------------------------------------

  /** One application write from `record.cluster`; acknowledged only when it is durable in the image. */
  write(storageId: string, volumeHandle: string, record: Omit<WriteRecord, 'image'>): WriteOutcome {
    const cluster = record.cluster;
    const sys = this.systems.get(storageId);
    if (!sys || !this.isAlive(storageId) || !sys.clusters.includes(cluster) || this.destroyedClusters.has(cluster)) {
      return { ok: false, reason: 'storage-unreachable', message: `storage ${storageId} unreachable from ${cluster}` };
    }
    if (this.isFenced(storageId, cluster)) return { ok: false, reason: 'fenced', message: `cluster ${cluster} is fenced from ${storageId}` };
    const key = imageKey(storageId, volumeHandle);
    if (!this.data.has(key)) return { ok: false, reason: 'no-such-volume', message: `volume ${volumeHandle} not found on ${storageId}` };
    if (this.roles.get(key) !== 'primary') return { ok: false, reason: 'read-only', message: `volume ${volumeHandle} is read-only (secondary) on ${storageId}` };
    if (!this.attachments.get(key)?.has(cluster)) return { ok: false, reason: 'not-attached', message: `volume ${volumeHandle} is not attached on ${cluster}` };
    this.data.append(key, { ...record, image: key });
    return { ok: true };
  }

  // ---- replication (the csi-addons replication service) ------------------------------------------

  enableReplication(storageId: string, volumeHandle: string, intervalMs: number): void {
    this.mustBeAlive(storageId);
    const key = imageKey(storageId, volumeHandle);
    if (!this.data.has(key)) throw new StorageError('NotFound', `volume ${volumeHandle} not found on ${storageId}`);
    const peer = this.systems.get(storageId)?.mirrorPeer;
    if (peer === undefined) throw new StorageError('FailedPrecondition', `storage ${storageId} has no mirroring peer`);
    this.mirroring.enable(storageId, peer, volumeHandle, intervalMs);
  }

  /** Disabling on a secondary keeps the replicated data; on a primary it stops mirroring and drops the peer copy. */
  disableReplication(storageId: string, volumeHandle: string): void {
    const key = imageKey(storageId, volumeHandle);
    if (!this.data.has(key)) throw new StorageError('NotFound', `volume ${volumeHandle} not found on ${storageId}`);
    if (this.roles.get(key) !== 'primary') return;
    this.mirroring.disable(storageId, volumeHandle);
  }

  promote(storageId: string, volumeHandle: string, force: boolean): void {
    this.mustBeAlive(storageId);
    const key = imageKey(storageId, volumeHandle);
    if (!this.data.has(key)) throw new StorageError('NotFound', `volume ${volumeHandle} not found on ${storageId}`);
    if (this.roles.get(key) === 'primary') return;
    if (!force) {
      const reason = this.mirroring.orderlyPromotionBlocker(storageId, volumeHandle);
      if (reason !== undefined) throw new StorageError('FailedPrecondition', reason);
    }
    this.roles.set(key, 'primary');
    this.mirroring.onPromoted(storageId, volumeHandle, force);
    this.emit({ type: 'storage.promote', image: key, force });
  }

  demote(storageId: string, volumeHandle: string): void {
    this.mustBeAlive(storageId);
    const key = imageKey(storageId, volumeHandle);
    if (!this.data.has(key)) throw new StorageError('NotFound', `volume ${volumeHandle} not found on ${storageId}`);
    if (this.roles.get(key) === 'secondary') return;
    const users = this.attachedClusters(key);
    // A volume still mapped by a node cannot be demoted; Ramen relies on this to never demote data in use.
    if (users.length > 0) throw new StorageError('FailedPrecondition', `volume ${volumeHandle} is in use (attached on ${users.join(', ')})`);
    this.roles.set(key, 'secondary');
    this.emit({ type: 'storage.demote', image: key });
    this.mirroring.onDemoted(storageId, volumeHandle);
  }

  /**
   * Returns whether the secondary image is healthy (replaying from, or handed over to, its peer);
   * fails (Internal) while both images are non-primary and the peer has not applied this side's
   * demotion snapshot, as ceph-csi does (see `Mirroring.resync`).
   */
  resync(storageId: string, volumeHandle: string, force: boolean): { ready: boolean } {
    this.mustBeAlive(storageId);
    const key = imageKey(storageId, volumeHandle);
    if (!this.data.has(key)) throw new StorageError('NotFound', `volume ${volumeHandle} not found on ${storageId}`);
    if (this.roles.get(key) !== 'secondary') throw new StorageError('FailedPrecondition', `volume ${volumeHandle} is primary on ${storageId}; demote it first`);
    return this.mirroring.resync(storageId, volumeHandle, force);
  }

  info(storageId: string, volumeHandle: string): ReplicationInfo {
    const key = imageKey(storageId, volumeHandle);
    if (!this.isAlive(storageId) || !this.data.has(key)) throw new StorageError('NotFound', `volume ${volumeHandle} not found on ${storageId}`);
    return this.mirroring.info(storageId, volumeHandle);
  }

  // ---- fencing ------------------------------------------------------------------------------------

  fence(storageId: string, cidrs: string[]): void {
    this.mustBeAlive(storageId);
    let set = this.fences.get(storageId);
    if (!set) this.fences.set(storageId, (set = new Set()));
    for (const c of cidrs) set.add(c);
    this.emit({ type: 'storage.fence', storageId, cidrs: [...cidrs] });
    // Fencing blocklists the clients: existing mappings from fenced nodes stop working at once.
    for (const [key, clusters] of this.attachments) {
      if (!key.startsWith(`${storageId}/`)) continue;
      for (const c of [...clusters]) if (this.isFenced(storageId, c)) clusters.delete(c);
    }
  }

  unfence(storageId: string, cidrs: string[]): void {
    this.mustBeAlive(storageId);
    const set = this.fences.get(storageId);
    for (const c of cidrs) set?.delete(c);
    this.emit({ type: 'storage.unfence', storageId, cidrs: [...cidrs] });
  }

  fencedCidrs(storageId: string): string[] {
    return [...(this.fences.get(storageId) ?? [])].sort();
  }

  /** A cluster is fenced from a system when any of its node CIDRs lies inside a fenced CIDR. */
  isFenced(storageId: string, cluster: string): boolean {
    const fenced = this.fences.get(storageId);
    if (!fenced || fenced.size === 0) return false;
    return this.clusterCidrsOf(cluster).some((own) => [...fenced].some((f) => cidrContains(f, own)));
  }

  // ---- faults -------------------------------------------------------------------------------------

  /** Stops (or resumes) every mirroring ship and resync leaving `storageId`. */
  stallReplication(storageId: string, stalled: boolean): void {
    this.mirroring.setStalled(storageId, stalled);
    this.emit({ type: 'storage.fault', fault: stalled ? 'replication-stall' : 'replication-resume', storageId });
  }

  /** Multiplies the snapshot interval of mirroring leaving `storageId`; 1 restores it. */
  slowReplication(storageId: string, multiplier: number): void {
    if (!Number.isInteger(multiplier) || multiplier < 1) throw new RangeError(`slowReplication: multiplier must be an integer >= 1, got ${multiplier}`);
    this.mirroring.setSlowdown(storageId, multiplier);
    this.emit({ type: 'storage.fault', fault: 'replication-slowdown', storageId, multiplier });
  }

  /** Stalls (or resumes) mirroring from every storage system `cluster` uses. */
  stallReplicationFrom(cluster: string, stalled: boolean): void {
    for (const s of this.systems.values()) if (s.clusters.includes(cluster) && s.mirrorPeer !== undefined) this.stallReplication(s.storageId, stalled);
  }

  /** Slows mirroring from every storage system `cluster` uses. */
  slowReplicationFrom(cluster: string, multiplier: number): void {
    for (const s of this.systems.values()) if (s.clusters.includes(cluster) && s.mirrorPeer !== undefined) this.slowReplication(s.storageId, multiplier);
  }

  /** The cluster is gone for good: systems only it used lose every image. */
  destroyCluster(cluster: string): void {
    if (this.destroyedClusters.has(cluster)) return;
    this.destroyedClusters.add(cluster);
    this.emit({ type: 'storage.fault', fault: 'cluster-destroyed', cluster });
    for (const set of this.attachments.values()) set.delete(cluster);
    for (const s of this.systems.values()) {
      if (!s.clusters.includes(cluster) || s.clusters.some((c) => !this.destroyedClusters.has(c))) continue;
      this.destroyedSystems.add(s.storageId);
      for (const img of this.data.snapshot()) if (img.storageId === s.storageId) this.dropImage(img.key, 'storage-destroyed');
      this.emit({ type: 'storage.system.destroyed', storageId: s.storageId });
    }
  }

  /**
   * A destroyed cluster is rebuilt under the same name: its storage systems come back empty. Volumes
   * still mirrored from a surviving peer are recreated here by the next snapshot (a full copy).
   */
  rebuildCluster(cluster: string): void {
    if (!this.destroyedClusters.delete(cluster)) return;
    for (const s of this.systems.values()) {
      if (!s.clusters.includes(cluster) || !this.destroyedSystems.delete(s.storageId)) continue;
      // New storage keeps no blocklist from the old one.
      this.fences.delete(s.storageId);
    }
    this.emit({ type: 'storage.fault', fault: 'cluster-rebuilt', cluster });
  }

  isClusterDestroyed(cluster: string): boolean {
    return this.destroyedClusters.has(cluster);
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private dropImage(key: ImageKey, reason: DiscardReason): void {
    this.mirroring.forgetImage(key);
    this.data.destroy(key, this.deps.clock.nowMs(), reason);
    this.roles.delete(key);
    this.attachments.delete(key);
  }

  private mustBeAlive(storageId: string): void {
    if (!this.systems.has(storageId)) throw new StorageError('NotFound', `no storage system ${storageId}`);
    if (this.destroyedSystems.has(storageId)) throw new StorageError('Unavailable', `storage system ${storageId} is destroyed`);
  }

  private mustReach(storageId: string, cluster: string): void {
    this.mustBeAlive(storageId);
    if (!this.systems.get(storageId)!.clusters.includes(cluster) || this.destroyedClusters.has(cluster)) {
      throw new StorageError('Unavailable', `storage ${storageId} unreachable from ${cluster}`);
    }
  }

  private emit(event: { type: string; [k: string]: string | number | boolean | string[] }): void {
    this.deps.trace.emit(event);
  }
}
