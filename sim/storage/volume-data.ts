// The contents of every simulated volume image, as ordered logs of acknowledged writes. A volume is
// named by its CSI volume handle; each storage system that holds a copy of it holds one image, keyed
// `<storageId>/<volumeHandle>`. Write ids grow monotonically per application PVC across the whole
// world, and every log is strictly increasing in write id, so "does this image contain write n" is
// a binary search and "writes lost after failover" is an exact count.
//
// Logs are runs of write ids over per-PVC write tables (run-list.ts, write-table.ts): a write's
// fields are stored once, however many images hold it, and a `WriteRecord` is built when read.
//
// Whenever data is thrown away (a diverged image resynced from its peer, a storage system destroyed,
// a volume deleted) the writes removed are kept in a discard record, so invariants can count them.

import { Interner } from './interner.js';
import { RunList, type Entry } from './run-list.js';
import { WriteTable } from './write-table.js';

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
  /** How many writes `writes` holds, without building them. */
  readonly writeCount: number;
  /** Writes the image held that no longer exist anywhere as a result (for resync: not in the new content). Built on each read. */
  readonly writes: readonly WriteRecord[];
}

export function imageKey(storageId: string, volumeHandle: string): ImageKey {
  return `${storageId}/${volumeHandle}`;
}

/**
 * Where a write's fields live: its table and id. Two images hold the same write exactly when their
 * refs are equal, which is what callers once checked by comparing record objects.
 */
export type WriteRef = Entry;

interface ImageData {
  readonly key: ImageKey;
  readonly storageId: string;
  readonly volumeHandle: string;
  log: RunList;
}

/**
 * A frozen copy of an image's content, as a snapshot keeps it: runs over the model's write tables,
 * so keeping one costs a few numbers per run rather than a record per write.
 */
export interface ImageContent {
  readonly length: number;
  readonly lastWriteId: number | undefined;
  ids(): number[];
  /** The writes, oldest first; built on each call. */
  records(): WriteRecord[];
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
  private readonly names = new Interner();
  private readonly tables: WriteTable[] = [];
  /** Table indexes per interned PVC; more than one only when writes with one id but different fields were appended. */
  private readonly tablesOfPvc = new Map<number, number[]>();
  /** The runs behind each content this model froze, for `restore`. */
  private readonly frozen = new WeakMap<ImageContent, RunList>();

  has(key: ImageKey): boolean {
    return this.images.has(key);
  }

  /** Creates an empty image unless it exists; returns its key. */
  ensureImage(storageId: string, volumeHandle: string): ImageKey {
    const key = imageKey(storageId, volumeHandle);
    if (!this.images.has(key)) this.images.set(key, { key, storageId, volumeHandle, log: new RunList() });
    return key;
  }

  length(key: ImageKey): number {
    return this.images.get(key)?.log.length ?? 0;
  }

  /** The image's log, oldest first, built on each call: prefer `length`, `lastWriteId` or `writeIds`. */
  writes(key: ImageKey): readonly WriteRecord[] {
    const log = this.images.get(key)?.log;
    return log ? this.recordsOf(log) : [];
  }

  /** The ids of the image's writes, oldest first. */
  writeIds(key: ImageKey): number[] {
    return this.images.get(key)?.log.ids() ?? [];
  }

  lastWriteId(key: ImageKey): number | undefined {
    return this.images.get(key)?.log.last()?.id;
  }

  /** The write at `position` of the image (0 is the oldest); compare refs to tell writes apart. */
  refAt(key: ImageKey, position: number): WriteRef | undefined {
    return this.images.get(key)?.log.entryAt(position);
  }

  /** The image's current content, frozen (later writes, resyncs or deletion do not change it). */
  contentOf(key: ImageKey): ImageContent {
    const log = this.images.get(key)?.log ?? EMPTY;
    const runs = log.slice(0, log.length);
    const content: ImageContent = { length: runs.length, lastWriteId: runs.last()?.id, ids: () => runs.ids(), records: () => this.recordsOf(runs) };
    this.frozen.set(content, runs);
    return content;
  }

  /** Appends a frozen content's writes to the image, as appending each of its records would. */
  restore(key: ImageKey, content: ImageContent): void {
    const runs = this.frozen.get(content);
    const img = this.mustGet(key);
    if (runs && img.log.length === 0) {
      img.log.appendFrom(runs, 0, runs.length);
      return;
    }
    for (const w of content.records()) this.append(key, w);
  }

  /** Appends an acknowledged write; its id must exceed every id already in the image. */
  append(key: ImageKey, write: WriteRecord): void {
    const img = this.mustGet(key);
    const last = img.log.last();
    if (last && this.tables[last.table]!.pvc === this.names.id(write.pvc) && last.id >= write.writeId) {
      throw new Error(`image ${key}: write id ${write.writeId} does not follow ${last.id}`);
    }
    const table = this.tableFor(write);
    img.log.push(table, write.writeId, write.writeId);
  }

  contains(key: ImageKey, writeId: number): boolean {
    return this.images.get(key)?.log.containsId(writeId) ?? false;
  }

  /** Whether `target` holds exactly the first writes of `source` (up to `sourceLength`, default all). */
  isPrefixOf(target: ImageKey, source: ImageKey, sourceLength?: number): boolean {
    const t = this.images.get(target)?.log ?? EMPTY;
    const s = this.images.get(source)?.log ?? EMPTY;
    return t.isPrefixOf(s, sourceLength ?? s.length);
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
    t.log.appendFrom(s.log, before, sourceLength);
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
    const keptIds = kept.isIncreasing ? undefined : new Set(kept.ids());
    const lost = new RunList();
    for (const e of t.log.entries()) if (!(keptIds ? keptIds.has(e.id) : kept.containsId(e.id))) lost.push(e.table, e.id, e.id);
    t.log = kept;
    return this.recordDiscard(target, atMs, 'resync', lost);
  }

  /** Removes an image; its writes are recorded as discarded with `reason`. */
  destroy(key: ImageKey, atMs: number, reason: DiscardReason): DiscardRecord | undefined {
    const img = this.images.get(key);
    if (!img) return undefined;
    this.images.delete(key);
    return this.recordDiscard(key, atMs, reason, img.log);
  }

  discards(): readonly DiscardRecord[] {
    return this.discardLog;
  }

  /** Every image, sorted by key, for snapshots and the replay UI. */
  snapshot(): ImageSnapshot[] {
    return [...this.images.values()]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((i) => ({ key: i.key, storageId: i.storageId, volumeHandle: i.volumeHandle, writeCount: i.log.length, lastWriteId: i.log.last()?.id }));
  }

  private recordDiscard(image: ImageKey, atMs: number, reason: DiscardReason, lost: RunList): DiscardRecord {
    const build = (): readonly WriteRecord[] => this.recordsOf(lost);
    const record: DiscardRecord = {
      image,
      atMs,
      reason,
      writeCount: lost.length,
      get writes() {
        return build();
      },
    };
    this.discardLog.push(record);
    return record;
  }

  private recordsOf(log: RunList): WriteRecord[] {
    const out: WriteRecord[] = [];
    for (const e of log.entries()) out.push(this.tables[e.table]!.record(e.id, this.names)!);
    return out;
  }

  /**
   * The table that holds this write's fields, adding them where needed. A write copied from another
   * image (a snapshot restore) finds its fields already stored; only a write that reuses an id with
   * different fields (a test appending by hand) opens another table for its PVC.
   */
  private tableFor(write: WriteRecord): number {
    const pvc = this.names.id(write.pvc);
    const fields = { app: this.names.id(write.app), cluster: this.names.id(write.cluster), image: this.names.id(write.image), atMs: write.atMs, seq: 0 };
    let list = this.tablesOfPvc.get(pvc);
    if (!list) this.tablesOfPvc.set(pvc, (list = []));
    for (const t of list) {
      const table = this.tables[t]!;
      const held = table.fields(write.writeId);
      if (held) {
        if (held.app === fields.app && held.cluster === fields.cluster && held.image === fields.image && held.atMs === fields.atMs) return t;
      } else if (write.writeId > table.lastId) {
        table.put(write.writeId, fields);
        return t;
      }
    }
    const t = this.tables.length;
    this.tables.push(new WriteTable(pvc));
    this.tables[t]!.put(write.writeId, fields);
    list.push(t);
    return t;
  }

  private mustGet(key: ImageKey): ImageData {
    const img = this.images.get(key);
    if (!img) throw new Error(`no image ${key}`);
    return img;
  }
}

const EMPTY = new RunList();
