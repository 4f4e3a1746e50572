// Snapshot-based asynchronous mirroring between two storage systems, in the manner of RBD snapshot
// mirroring: the primary image takes a mirror snapshot every interval and ships it to the peer,
// where it is applied atomically on arrival; a demoted image ships one last (demotion) snapshot so
// that its peer can take over without loss; a diverged image is resynced by copying its peer whole,
// discarding whatever it alone held. One relation per volume handle, between exactly two systems.
//
// Faults acting here: a stalled source ships nothing (and serves no resync until it resumes: a resync
// once asked for is remembered, as Ceph keeps the request on the image, so it still happens after the
// VolumeReplication that asked is gone); a slowed source waits
// `interval * multiplier` between snapshots; a cut network link drops a ship in flight (checked when
// it leaves and when it arrives), and the next interval tries again.

import type { Clock, Scheduler, TimerHandle } from '../../engine/runtime/ports.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { Network } from '../network/network.js';
import { StorageError } from './storage-error.js';
import { imageKey } from './volume-data.js';
import type { ImageKey, VolumeDataModel } from './volume-data.js';

/** What the primary reports about its last completed mirror snapshot. */
export interface SyncInfo {
  /** When the snapshot was taken: the peer holds every write acknowledged before it. */
  snapshotAtMs: number;
  /** From snapshot to arrival at the peer. */
  durationMs: number;
  bytes: number;
}

export interface MirroringHost {
  clock: Clock;
  scheduler: Scheduler;
  network: Network;
  trace: TraceSink;
  data: VolumeDataModel;
  roleOf(key: ImageKey): 'primary' | 'secondary' | undefined;
  setRole(key: ImageKey, role: 'primary' | 'secondary'): void;
  /** Removes an image and everything attached to it, recording its writes as discarded. */
  dropImage(key: ImageKey, reason: 'mirroring-disabled'): void;
  siteOf(storageId: string): string | undefined;
  isAlive(storageId: string): boolean;
}

export interface MirroringOptions {
  bytesPerWrite: number;
  bandwidthBytesPerMs: number;
  demotionRetryMs: number;
}

interface Relation {
  handle: string;
  systems: [string, string];
  intervalMs: number;
  timer: TimerHandle | undefined;
  retryTimer: TimerHandle | undefined;
  inFlight: boolean;
  /** Per source system, its last snapshot that reached the peer. */
  lastSync: Map<string, SyncInfo>;
  /** Systems whose image was demoted and whose demotion snapshot has not reached the peer yet. */
  pendingDemotion: Set<string>;
  /** Systems whose image is being resynced from the peer. */
  resyncing: Set<string>;
  /** Systems whose image was asked to resync while its peer could not serve it yet. */
  resyncWanted: Set<string>;
}

/** ceph-csi's ResyncVolume failure when the local mirror status carries no snapshot details. */
function noSnapshotDetails(why: string): StorageError {
  return new StorageError('Internal', `failed to get last sync info: no snapshot details: last sync time not found (${why})`);
}

export class Mirroring {
  private readonly relations = new Map<string, Relation>();
  private readonly stalled = new Set<string>();
  private readonly slowdown = new Map<string, number>();

  constructor(
    private readonly host: MirroringHost,
    private readonly options: MirroringOptions,
  ) {}

  isMirrored(volumeHandle: string): boolean {
    return this.relations.has(volumeHandle);
  }

  peerOf(storageId: string, volumeHandle: string): string | undefined {
    const rel = this.relations.get(volumeHandle);
    if (!rel || !rel.systems.includes(storageId)) return undefined;
    return rel.systems[0] === storageId ? rel.systems[1] : rel.systems[0];
  }

  enable(storageId: string, peer: string, volumeHandle: string, intervalMs: number): void {
    if (!(intervalMs > 0)) throw new StorageError('InvalidArgument', `scheduling interval must be positive, got ${intervalMs}`);
    const existing = this.relations.get(volumeHandle);
    if (existing) {
      if (!existing.systems.includes(storageId)) throw new StorageError('FailedPrecondition', `volume ${volumeHandle} is mirrored between ${existing.systems.join(' and ')}`);
      if (existing.intervalMs !== intervalMs) {
        existing.intervalMs = intervalMs;
        this.arm(existing);
      }
      return;
    }
    const rel: Relation = {
      handle: volumeHandle,
      systems: [storageId, peer],
      intervalMs,
      timer: undefined,
      retryTimer: undefined,
      inFlight: false,
      lastSync: new Map(),
      pendingDemotion: new Set(),
      resyncing: new Set(),
      resyncWanted: new Set(),
    };
    this.relations.set(volumeHandle, rel);
    this.host.trace.emit({ type: 'storage.mirror.enable', volume: volumeHandle, from: storageId, to: peer, intervalMs });
    // Enabling snapshot mirroring takes the first (full) snapshot at once.
    this.trySnapshot(rel);
    this.arm(rel);
  }

  /** Stops mirroring the volume; the copy on the peer of `storageId` is removed. */
  disable(storageId: string, volumeHandle: string): void {
    const rel = this.relations.get(volumeHandle);
    if (!rel) return;
    rel.timer?.cancel();
    rel.retryTimer?.cancel();
    this.relations.delete(volumeHandle);
    const peer = this.peerOfRel(rel, storageId);
    const peerKey = imageKey(peer, volumeHandle);
    if (this.host.data.has(peerKey) && this.host.roleOf(peerKey) === 'secondary') this.host.dropImage(peerKey, 'mirroring-disabled');
    this.host.trace.emit({ type: 'storage.mirror.disable', volume: volumeHandle, from: storageId });
  }

  /** Called when an image disappears (deleted or destroyed): the relation forgets that side. */
  forgetImage(key: ImageKey): void {
    for (const rel of this.relations.values()) {
      for (const s of rel.systems) {
        if (imageKey(s, rel.handle) !== key) continue;
        rel.pendingDemotion.delete(s);
        rel.resyncing.delete(s);
        rel.resyncWanted.delete(s);
        rel.lastSync.delete(s);
      }
    }
  }

  /** Why a non-forced promotion must fail, or undefined when the peer has orderly handed over. */
  orderlyPromotionBlocker(storageId: string, volumeHandle: string): string | undefined {
    const rel = this.relations.get(volumeHandle);
    if (!rel) return undefined;
    const peer = this.peerOfRel(rel, storageId);
    const peerKey = imageKey(peer, volumeHandle);
    const localKey = imageKey(storageId, volumeHandle);
    if (!this.reachable(storageId, peer) || !this.host.data.has(peerKey)) return `peer ${peer} unreachable: cannot confirm it was demoted`;
    if (this.host.roleOf(peerKey) === 'primary') return `peer image on ${peer} is still primary`;
    if (!this.host.data.isPrefixOf(peerKey, localKey)) return `demotion snapshot from ${peer} not yet replicated`;
    return undefined;
  }

  onPromoted(storageId: string, volumeHandle: string, force: boolean): void {
    const rel = this.relations.get(volumeHandle);
    if (!rel) return;
    rel.pendingDemotion.delete(storageId);
    rel.resyncing.delete(storageId);
    rel.resyncWanted.delete(storageId);
    const peerKey = imageKey(this.peerOfRel(rel, storageId), volumeHandle);
    if (force && this.host.roleOf(peerKey) === 'primary') {
      this.host.trace.emit({ type: 'storage.splitbrain', volume: volumeHandle, primaries: [...rel.systems] });
    }
  }

  onDemoted(storageId: string, volumeHandle: string): void {
    const rel = this.relations.get(volumeHandle);
    if (!rel) return;
    // With the peer already primary (a failover's old home) there is no hand-over to ship: this side
    // only replays from the peer (after a resync if it diverged). A pending demotion left behind would
    // later make this stale image a source, once the peer is demoted in turn.
    if (this.host.roleOf(imageKey(this.peerOfRel(rel, storageId), volumeHandle)) === 'primary') return;
    rel.pendingDemotion.add(storageId);
    this.trySnapshot(rel);
  }

  /**
   * The ResyncVolume answer for a secondary image, as ceph-csi gives it for RBD snapshot mirroring:
   * whether it is healthy, starting a resync if forced.
   *
   * With the peer primary this side replays from it: ready once it holds nothing the peer lacks; a
   * diverged side needs a forced resync, which ceph-csi requests on the image even while the peer is
   * unreachable (the call then fails for want of snapshot details, and the resync runs once it can). With the peer not primary too (a relocate's demoted source),
   * ceph-csi answers ready only when both sites report up+unknown, that is when the peer has applied
   * this side's demotion snapshot and its status is fresh. Until then the local status carries no
   * snapshot details ("remote image is not primary"), so ceph-csi fails the call (Internal: last sync
   * time not found) and csi-addons reports FailedToResync; it never reports Resyncing for this case.
   */
  resync(storageId: string, volumeHandle: string, force: boolean): { ready: boolean } {
    const rel = this.relations.get(volumeHandle);
    if (!rel) return { ready: false };
    const peer = this.peerOfRel(rel, storageId);
    const peerKey = imageKey(peer, volumeHandle);
    const localKey = imageKey(storageId, volumeHandle);
    const reachable = this.reachable(storageId, peer);
    if (rel.resyncing.has(storageId) || rel.resyncWanted.has(storageId)) {
      if (!reachable) throw noSnapshotDetails(`peer ${peer} unreachable`);
      return { ready: false };
    }
    const peerExists = this.host.data.has(peerKey);
    if (!peerExists || this.host.roleOf(peerKey) !== 'primary') {
      if (reachable && peerExists && this.host.data.isPrefixOf(localKey, peerKey)) return { ready: true };
      // The demotion snapshot is still on the way (or the peer's status is stale): keep it moving.
      if (rel.pendingDemotion.has(storageId)) this.trySnapshot(rel);
      const why = !reachable ? `peer ${peer} unreachable` : !peerExists ? `no image on peer ${peer}` : `demotion snapshot not yet replicated to ${peer}`;
      throw noSnapshotDetails(`both images non-primary, ${why}`);
    }
    if (!reachable) {
      // The image replayer cannot reach the primary, so the local status has no snapshot details and
      // ceph-csi fails the call; a forced call has flagged the diverged image for resync first.
      if (force && !this.host.data.isPrefixOf(localKey, peerKey)) rel.resyncWanted.add(storageId);
      throw noSnapshotDetails(`peer ${peer} unreachable`);
    }
    const localAhead = !this.host.data.isPrefixOf(localKey, peerKey);
    if (!localAhead) return { ready: true };
    if (!force) throw new StorageError('FailedPrecondition', `volume ${volumeHandle} on ${storageId} has diverged from primary ${peer} (split-brain); resync needs force`);
    this.startResync(rel, storageId, peer);
    return { ready: false };
  }

  info(storageId: string, volumeHandle: string): { lastSync?: SyncInfo; healthy: boolean; message: string } {
    const rel = this.relations.get(volumeHandle);
    if (!rel) return { healthy: false, message: 'volume is not mirrored' };
    const peer = this.peerOfRel(rel, storageId);
    const lastSync = rel.lastSync.get(storageId);
    const base = lastSync ? { lastSync } : {};
    if (this.stalled.has(storageId)) return { ...base, healthy: false, message: 'mirroring stalled' };
    if (!this.reachable(storageId, peer)) return { ...base, healthy: false, message: `peer ${peer} unreachable` };
    if (this.host.roleOf(imageKey(peer, volumeHandle)) === 'primary' && this.host.roleOf(imageKey(storageId, volumeHandle)) === 'primary') {
      return { ...base, healthy: false, message: 'split-brain: peer image is primary too' };
    }
    return { ...base, healthy: true, message: 'replaying' };
  }

  setStalled(storageId: string, stalled: boolean): void {
    if (stalled) this.stalled.add(storageId);
    else this.stalled.delete(storageId);
    if (stalled) return;
    for (const rel of this.relations.values()) if (rel.systems.includes(storageId) && rel.resyncWanted.size > 0) this.trySnapshot(rel);
  }

  setSlowdown(storageId: string, multiplier: number): void {
    if (multiplier === 1) this.slowdown.delete(storageId);
    else this.slowdown.set(storageId, multiplier);
    for (const rel of this.relations.values()) if (rel.systems.includes(storageId)) this.arm(rel);
  }

  // ---- internals ----------------------------------------------------------------------------------

  private peerOfRel(rel: Relation, storageId: string): string {
    return rel.systems[0] === storageId ? rel.systems[1] : rel.systems[0];
  }

  private reachable(a: string, b: string): boolean {
    if (!this.host.isAlive(a) || !this.host.isAlive(b)) return false;
    const sa = this.host.siteOf(a);
    const sb = this.host.siteOf(b);
    return sa !== undefined && sb !== undefined && this.host.network.canTalk(sa, sb);
  }

  /** The side that ships now: the only primary, or a demoted side still owing its demotion snapshot. */
  private sourceOf(rel: Relation): string | undefined {
    const [a, b] = rel.systems;
    const ra = this.host.roleOf(imageKey(a, rel.handle));
    const rb = this.host.roleOf(imageKey(b, rel.handle));
    if (ra === 'primary' && rb !== 'primary') return a;
    if (rb === 'primary' && ra !== 'primary') return b;
    if (ra === 'secondary' && rel.pendingDemotion.has(a)) return a;
    if (rb === 'secondary' && rel.pendingDemotion.has(b)) return b;
    return undefined;
  }

  private arm(rel: Relation): void {
    rel.timer?.cancel();
    const source = this.sourceOf(rel) ?? rel.systems[0];
    const delayMs = rel.intervalMs * (this.slowdown.get(source) ?? 1);
    rel.timer = this.host.scheduler.after(delayMs, `storage.mirror.tick ${rel.handle}`, () => {
      if (this.relations.get(rel.handle) !== rel) return;
      this.trySnapshot(rel);
      this.arm(rel);
    });
  }

  private retryDemotionSoon(rel: Relation): void {
    if (rel.pendingDemotion.size === 0 || rel.retryTimer) return;
    rel.retryTimer = this.host.scheduler.after(this.options.demotionRetryMs, `storage.mirror.demotion-retry ${rel.handle}`, () => {
      rel.retryTimer = undefined;
      if (this.relations.get(rel.handle) === rel) this.trySnapshot(rel);
    });
  }

  private trySnapshot(rel: Relation): void {
    if (rel.inFlight) return;
    const source = this.sourceOf(rel);
    if (source === undefined) return;
    const target = this.peerOfRel(rel, source);
    const srcKey = imageKey(source, rel.handle);
    const dstKey = imageKey(target, rel.handle);
    const data = this.host.data;
    if (!data.has(srcKey)) return;
    if (rel.resyncWanted.has(target) && !this.stalled.has(source) && this.reachable(source, target)) {
      this.startResync(rel, target, source);
      return;
    }
    if (this.stalled.has(source) || !this.reachable(source, target)) {
      this.host.trace.emit({ type: 'storage.mirror.skip', volume: rel.handle, from: source, to: target, why: this.stalled.has(source) ? 'stalled' : 'unreachable' });
      this.retryDemotionSoon(rel);
      return;
    }
    const snapshotAtMs = this.host.clock.nowMs();
    const length = data.length(srcKey);
    const already = data.has(dstKey) && data.isPrefixOf(dstKey, srcKey, length) ? data.length(dstKey) : 0;
    const bytes = (length - already) * this.options.bytesPerWrite;
    const transferMs = Math.ceil(bytes / this.options.bandwidthBytesPerMs);
    rel.inFlight = true;
    const fromSite = this.host.siteOf(source)!;
    const toSite = this.host.siteOf(target)!;
    this.host.scheduler.after(transferMs, `storage.mirror.transfer ${rel.handle}`, () => {
      this.host.network.send(
        fromSite,
        toSite,
        `storage.mirror.ship ${rel.handle}`,
        () => this.deliver(rel, source, target, length, snapshotAtMs, bytes),
        () => {
          rel.inFlight = false;
          this.host.trace.emit({ type: 'storage.mirror.dropped', volume: rel.handle, from: source, to: target });
          this.retryDemotionSoon(rel);
        },
      );
    });
  }

  private deliver(rel: Relation, source: string, target: string, length: number, snapshotAtMs: number, bytes: number): void {
    rel.inFlight = false;
    if (this.relations.get(rel.handle) !== rel) return;
    const data = this.host.data;
    const srcKey = imageKey(source, rel.handle);
    const dstKey = imageKey(target, rel.handle);
    if (!data.has(srcKey) || !this.host.isAlive(target) || rel.resyncing.has(target)) return;
    if (!data.has(dstKey)) {
      data.ensureImage(target, rel.handle);
      this.host.setRole(dstKey, 'secondary');
    }
    if (this.host.roleOf(dstKey) === 'primary') {
      this.host.trace.emit({ type: 'storage.mirror.refused', volume: rel.handle, from: source, to: target, why: 'target is primary' });
      return;
    }
    if (!data.isPrefixOf(dstKey, srcKey, length)) {
      this.host.trace.emit({ type: 'storage.mirror.refused', volume: rel.handle, from: source, to: target, why: 'target diverged' });
      return;
    }
    const arrived = data.applySnapshot(srcKey, dstKey, length);
    const now = this.host.clock.nowMs();
    rel.lastSync.set(source, { snapshotAtMs, durationMs: now - snapshotAtMs, bytes });
    if (rel.pendingDemotion.has(source) && data.length(dstKey) === data.length(srcKey)) rel.pendingDemotion.delete(source);
    this.host.trace.emit({ type: 'storage.mirror.synced', volume: rel.handle, from: source, to: target, writes: arrived, snapshotAtMs, lagMs: now - snapshotAtMs });
  }

  private startResync(rel: Relation, target: string, source: string): void {
    if (this.stalled.has(source)) {
      rel.resyncWanted.add(target);
      return;
    }
    rel.resyncWanted.delete(target);
    rel.resyncing.add(target);
    const srcKey = imageKey(source, rel.handle);
    const dstKey = imageKey(target, rel.handle);
    const length = this.host.data.length(srcKey);
    const transferMs = Math.ceil((length * this.options.bytesPerWrite) / this.options.bandwidthBytesPerMs);
    this.host.trace.emit({ type: 'storage.resync.start', volume: rel.handle, from: source, to: target });
    const fromSite = this.host.siteOf(source)!;
    const toSite = this.host.siteOf(target)!;
    this.host.scheduler.after(transferMs, `storage.resync.transfer ${rel.handle}`, () => {
      this.host.network.send(
        fromSite,
        toSite,
        `storage.resync.copy ${rel.handle}`,
        () => {
          if (!rel.resyncing.delete(target)) return;
          if (this.relations.get(rel.handle) !== rel || !this.host.data.has(srcKey) || !this.host.data.has(dstKey)) return;
          if (this.host.roleOf(dstKey) !== 'secondary') return;
          const discarded = this.host.data.resyncFrom(srcKey, dstKey, length, this.host.clock.nowMs());
          rel.pendingDemotion.delete(target);
          this.host.trace.emit({ type: 'storage.resync.done', volume: rel.handle, from: source, to: target, discardedWrites: discarded.writeCount });
        },
        () => {
          // The request stays on the image: the next interval tries again.
          if (rel.resyncing.delete(target)) rel.resyncWanted.add(target);
          this.host.trace.emit({ type: 'storage.resync.dropped', volume: rel.handle, from: source, to: target });
        },
      );
    });
  }
}
