// The data behind the VolumeSnapshots VolSync publishes as latest images. A snapshot is the exact,
// frozen list of acknowledged writes its source volume held when it was taken; restoring a PVC from
// it (snapshot-populator.ts, or the CSI provisioner through `contentOf`) copies that list into the
// new volume. Shared by every cluster of the world, keyed by cluster, namespace, name and uid, so a
// snapshot re-created under the same name is never confused with its predecessor.

import type { ImageContent, ImageKey } from '../storage/volume-data.js';

export interface SnapshotContent {
  cluster: string;
  namespace: string;
  name: string;
  uid: string;
  /** The storage system the snapshot lives on (that of its source volume). */
  storageId: string;
  /** The image it was taken from. */
  sourceImage: ImageKey;
  takenAtMs: number;
  /** Frozen when the snapshot was cut. */
  writes: ImageContent;
}

export class SnapshotContents {
  private readonly byKey = new Map<string, SnapshotContent>();

  private static key(cluster: string, namespace: string, name: string): string {
    return `${cluster}/${namespace}/${name}`;
  }

  record(content: SnapshotContent): void {
    this.byKey.set(SnapshotContents.key(content.cluster, content.namespace, content.name), { ...content });
  }

  /** The content of the named snapshot; with `uid`, only if it is that very object. */
  contentOf(cluster: string, namespace: string, name: string, uid?: string): SnapshotContent | undefined {
    const c = this.byKey.get(SnapshotContents.key(cluster, namespace, name));
    if (!c || (uid !== undefined && c.uid !== uid)) return undefined;
    return c;
  }

  forget(cluster: string, namespace: string, name: string): void {
    this.byKey.delete(SnapshotContents.key(cluster, namespace, name));
  }

  /** A summary of every snapshot, sorted, for snapshots of the world and invariants. */
  list(): { cluster: string; namespace: string; name: string; uid: string; writeCount: number; lastWriteId: number | undefined; takenAtMs: number }[] {
    return [...this.byKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, c]) => ({ cluster: c.cluster, namespace: c.namespace, name: c.name, uid: c.uid, writeCount: c.writes.length, lastWriteId: c.writes.lastWriteId, takenAtMs: c.takenAtMs }));
  }
}
