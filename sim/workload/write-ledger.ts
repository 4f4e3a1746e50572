// The record of every write an application saw acknowledged, world-wide. It hands out write ids
// (monotonic per application PVC, across clusters and failovers) and answers the questions the
// invariants ask: which writes were acknowledged, and which of them a given image still holds.
// It is an observer's ledger: nothing in the simulated world reads it to decide anything.

import type { ImageKey, VolumeDataModel, WriteRecord } from '../storage/volume-data.js';

export interface WriteRefusalRecord {
  app: string;
  pvc: string;
  cluster: string;
  reason: string;
  atMs: number;
}

export class WriteLedger {
  private readonly lastIds = new Map<string, number>();
  private readonly byApp = new Map<string, WriteRecord[]>();
  private readonly byPvc = new Map<string, WriteRecord[]>();
  private readonly refusalCounts = new Map<string, number>();
  private lastRefusal: WriteRefusalRecord | undefined;

  /** The id the next write to this PVC will carry if it is acknowledged. */
  nextWriteId(app: string, pvc: string): number {
    return (this.lastIds.get(pvc) ?? 0) + 1;
  }

  /** Records an acknowledged write; ids must arrive in order per PVC. */
  recordAck(write: WriteRecord): void {
    const expected = this.nextWriteId(write.app, write.pvc);
    if (write.writeId !== expected) throw new Error(`ledger: write ${write.pvc}#${write.writeId} out of order, expected #${expected}`);
    this.lastIds.set(write.pvc, write.writeId);
    push(this.byApp, write.app, write);
    push(this.byPvc, write.pvc, write);
  }

  recordRefusal(refusal: WriteRefusalRecord): void {
    this.refusalCounts.set(refusal.app, (this.refusalCounts.get(refusal.app) ?? 0) + 1);
    this.lastRefusal = refusal;
  }

  apps(): string[] {
    return [...this.byApp.keys()].sort();
  }

  /** Every acknowledged write of the app, in acknowledgement order. */
  acked(app: string): readonly WriteRecord[] {
    return this.byApp.get(app) ?? [];
  }

  ackedForPvc(pvc: string): readonly WriteRecord[] {
    return this.byPvc.get(pvc) ?? [];
  }

  refusals(app: string): number {
    return this.refusalCounts.get(app) ?? 0;
  }

  latestRefusal(): WriteRefusalRecord | undefined {
    return this.lastRefusal;
  }

  /** The acknowledged writes of `pvc` that `image` holds. */
  containedIn(data: VolumeDataModel, image: ImageKey, pvc: string): WriteRecord[] {
    return this.ackedForPvc(pvc).filter((w) => data.contains(image, w.writeId));
  }

  /** The acknowledged writes of `pvc` that `image` does not hold: what is lost if it serves the PVC now. */
  missingFrom(data: VolumeDataModel, image: ImageKey, pvc: string): WriteRecord[] {
    return this.ackedForPvc(pvc).filter((w) => !data.contains(image, w.writeId));
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
