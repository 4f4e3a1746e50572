// The contents of every simulated volume image, as ordered logs of acknowledged writes. A volume is
// named by its CSI volume handle; each storage system that holds a copy of it holds one image, keyed
// `<storageId>/<volumeHandle>`. Write ids grow monotonically per application PVC across the whole
// world, and every log is strictly increasing in write id, so "does this image contain write n" is
// a binary search and "writes lost after failover" is an exact count.
//
// Whenever data is thrown away (a diverged image resynced from its peer, a storage system destroyed,
// a volume deleted) the writes removed are kept in a discard record, so invariants can count them.

/** One acknowledged write, as the application saw it acknowledged. */
export interface WriteRecord {
  /** `<namespace>/<app>`. */
  app: string;
  /** `<namespace>/<pvc>`. */
  pvc: string;
  /** Monotonic per (app, pvc), starting at 1. */
  writeId: number;
  /** The cluster the writer ran on. */
  cluster: string;
  /** The image that acknowledged it. */
  image: ImageKey;
  atMs: number;
}

export type ImageKey = string;

export type DiscardReason = 'resync' | 'storage-destroyed' | 'volume-deleted' | 'mirroring-disabled';

export interface DiscardRecord {
  image: ImageKey;
  atMs: number;
  reason: DiscardReason;
  /** Writes the image held that no longer exist anywhere as a result (for resync: not in the new content). */
  writes: readonly WriteRecord[];
}

export function imageKey(storageId: string, volumeHandle: string): ImageKey {
  return `${storageId}/${volumeHandle}`;
}

interface ImageData {
  readonly key: ImageKey;
  readonly storageId: string;
  readonly volumeHandle: string;
  log: WriteRecord[];
}

/** A read-only view of one image for observers. */
export interface ImageSnapshot {
  key: ImageKey;
  storageId: string;
  volumeHandle: string;
  writeCount: number;
  lastWriteId: number | undefined;
}

export class VolumeDataModel {
  private readonly images = new Map<ImageKey, ImageData>();
  private readonly discardLog: DiscardRecord[] = [];

  has(key: ImageKey): boolean {
    return this.images.has(key);
  }

  /** Creates an empty image unless it exists; returns its key. */
  ensureImage(storageId: string, volumeHandle: string): ImageKey {
    const key = imageKey(storageId, volumeHandle);
    if (!this.images.has(key)) this.images.set(key, { key, storageId, volumeHandle, log: [] });
    return key;
  }

  length(key: ImageKey): number {
    return this.images.get(key)?.log.length ?? 0;
  }

  /** The image's log, oldest first. Callers must not mutate it. */
  writes(key: ImageKey): readonly WriteRecord[] {
    return this.images.get(key)?.log ?? [];
  }

  /** Appends an acknowledged write; its id must exceed every id already in the image. */
  append(key: ImageKey, write: WriteRecord): void {
    const img = this.mustGet(key);
    const last = img.log[img.log.length - 1];
    if (last && last.pvc === write.pvc && last.writeId >= write.writeId) {
      throw new Error(`image ${key}: write id ${write.writeId} does not follow ${last.writeId}`);
    }
    img.log.push(write);
  }

  contains(key: ImageKey, writeId: number): boolean {
    const log = this.images.get(key)?.log;
    if (!log) return false;
    let lo = 0;
    let hi = log.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const id = log[mid]!.writeId;
      if (id === writeId) return true;
      if (id < writeId) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Whether `target` holds exactly the first writes of `source` (up to `sourceLength`, default all). */
  isPrefixOf(target: ImageKey, source: ImageKey, sourceLength?: number): boolean {
    const t = this.images.get(target)?.log ?? [];
    const s = this.images.get(source)?.log ?? [];
    const n = sourceLength ?? s.length;
    if (t.length > n || n > s.length) return false;
    // Logs are strictly increasing and share objects when copied, so comparing the last shared
    // entry is enough once the lengths fit; the full walk guards against logs built independently.
    for (let i = t.length - 1; i >= 0; i--) {
      if (t[i] !== s[i] && t[i]!.writeId !== s[i]!.writeId) return false;
    }
    return true;
  }

  /**
   * Applies a mirroring snapshot: the first `sourceLength` writes of `source` become the content of
   * `target`, which must already be a prefix of them (normal replication never rewrites history).
   * Returns the number of writes that arrived.
   */
  applySnapshot(source: ImageKey, target: ImageKey, sourceLength: number): number {
    const s = this.mustGet(source);
    const t = this.mustGet(target);
    if (!this.isPrefixOf(target, source, sourceLength)) throw new Error(`image ${target} has diverged from ${source}; a resync is needed`);
    const before = t.log.length;
    for (let i = before; i < sourceLength; i++) t.log.push(s.log[i]!);
    return sourceLength - before;
  }

  /**
   * Replaces `target`'s content with the first `sourceLength` writes of `source`, as a resync does.
   * Writes of `target` that are not in the new content are discarded and recorded.
   */
  resyncFrom(source: ImageKey, target: ImageKey, sourceLength: number, atMs: number): DiscardRecord {
    const s = this.mustGet(source);
    const t = this.mustGet(target);
    const kept = s.log.slice(0, sourceLength);
    const keptIds = new Set(kept.map((w) => w.writeId));
    const lost = t.log.filter((w) => !keptIds.has(w.writeId));
    t.log = kept;
    const record: DiscardRecord = { image: target, atMs, reason: 'resync', writes: lost };
    this.discardLog.push(record);
    return record;
  }

  /** Removes an image; its writes are recorded as discarded with `reason`. */
  destroy(key: ImageKey, atMs: number, reason: DiscardReason): DiscardRecord | undefined {
    const img = this.images.get(key);
    if (!img) return undefined;
    this.images.delete(key);
    const record: DiscardRecord = { image: key, atMs, reason, writes: img.log };
    this.discardLog.push(record);
    return record;
  }

  discards(): readonly DiscardRecord[] {
    return this.discardLog;
  }

  /** Every image, sorted by key, for snapshots and the replay UI. */
  snapshot(): ImageSnapshot[] {
    return [...this.images.values()]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((i) => ({ key: i.key, storageId: i.storageId, volumeHandle: i.volumeHandle, writeCount: i.log.length, lastWriteId: i.log[i.log.length - 1]?.writeId }));
  }

  private mustGet(key: ImageKey): ImageData {
    const img = this.images.get(key);
    if (!img) throw new Error(`no image ${key}`);
    return img;
  }
}
