// The record of every write an application saw acknowledged, world-wide. It hands out write ids
// (monotonic per application PVC, across clusters and failovers) and answers the questions the
// invariants ask: which writes were acknowledged, and which of them a given image still holds.
// It is an observer's ledger: nothing in the simulated world reads it to decide anything.
//
// It grows with every write of a long run, so it stores columns, not objects: one write table per
// PVC (ids are dense from 1, so the table is the PVC's whole history), in which each write also
// carries its place among its app's writes, so that the app's order of acknowledgement across its
// PVCs costs nothing while the PVCs are written in a steady turn. Records are built on request.

import { Interner } from '../storage/interner.js';
import type { ImageKey, VolumeDataModel, WriteRecord } from '../storage/volume-data.js';
import { WriteTable } from '../storage/write-table.js';

export interface WriteRefusalRecord {
  app: string;
  pvc: string;
  cluster: string;
  reason: string;
  atMs: number;
}

/** One app's acknowledgements: how many, and the PVCs they went to in order of first write. */
interface AppWrites {
  count: number;
  pvcs: number[];
}

export class WriteLedger {
  private readonly names = new Interner();
  private readonly tables = new Map<number, WriteTable>();
  private readonly byApp = new Map<number, AppWrites>();
  private readonly refusalCounts = new Map<string, number>();
  private lastRefusal: WriteRefusalRecord | undefined;

  /** The id the next write to this PVC will carry if it is acknowledged. */
  nextWriteId(_app: string, pvc: string): number {
    return (this.tableOf(pvc)?.lastId ?? 0) + 1;
  }

  /** Records an acknowledged write; ids must arrive in order per PVC. */
  recordAck(write: WriteRecord): void {
    const expected = this.nextWriteId(write.app, write.pvc);
    if (write.writeId !== expected) throw new Error(`ledger: write ${write.pvc}#${write.writeId} out of order, expected #${expected}`);
    const pvc = this.names.id(write.pvc);
    const app = this.names.id(write.app);
    let table = this.tables.get(pvc);
    if (!table) this.tables.set(pvc, (table = new WriteTable(pvc)));
    let mine = this.byApp.get(app);
    if (!mine) this.byApp.set(app, (mine = { count: 0, pvcs: [] }));
    if (!mine.pvcs.includes(pvc)) mine.pvcs.push(pvc);
    table.put(write.writeId, { app, cluster: this.names.id(write.cluster), image: this.names.id(write.image), atMs: write.atMs, seq: mine.count });
    mine.count++;
  }

  recordRefusal(refusal: WriteRefusalRecord): void {
    this.refusalCounts.set(refusal.app, (this.refusalCounts.get(refusal.app) ?? 0) + 1);
    this.lastRefusal = refusal;
  }

  apps(): string[] {
    return [...this.byApp.keys()].map((a) => this.names.value(a)).sort();
  }

  /** Every acknowledged write of the app, in acknowledgement order; built on each call. */
  acked(app: string): readonly WriteRecord[] {
    const a = this.names.idIfKnown(app);
    const mine = a === undefined ? undefined : this.byApp.get(a);
    if (!mine) return [];
    const out = new Array<WriteRecord>(mine.count);
    for (const pvc of mine.pvcs) {
      const table = this.tables.get(pvc)!;
      for (let id = 1; id <= table.lastId; id++) {
        // A PVC's table may hold another app's writes too.
        const f = table.fields(id)!;
        if (f.app === a) out[f.seq] = table.record(id, this.names)!;
      }
    }
    return out;
  }

  /** How many writes of the app were acknowledged. */
  ackedCount(app: string): number {
    const a = this.names.idIfKnown(app);
    return a === undefined ? 0 : (this.byApp.get(a)?.count ?? 0);
  }

  /** Every acknowledged write of the PVC, oldest first; built on each call. */
  ackedForPvc(pvc: string): readonly WriteRecord[] {
    const table = this.tableOf(pvc);
    if (!table) return [];
    const out: WriteRecord[] = [];
    for (let id = 1; id <= table.lastId; id++) out.push(table.record(id, this.names)!);
    return out;
  }

  ackedCountForPvc(pvc: string): number {
    return this.tableOf(pvc)?.count ?? 0;
  }

  /** The newest acknowledged write of the PVC, from `cluster` when given. */
  lastAcked(pvc: string, cluster?: string): WriteRecord | undefined {
    const table = this.tableOf(pvc);
    if (!table) return undefined;
    if (cluster === undefined) return table.record(table.lastId, this.names);
    const c = this.names.idIfKnown(cluster);
    return c === undefined ? undefined : table.record(table.lastIdFrom(c), this.names);
  }

  refusals(app: string): number {
    return this.refusalCounts.get(app) ?? 0;
  }

  latestRefusal(): WriteRefusalRecord | undefined {
    return this.lastRefusal;
  }

  /** The acknowledged writes of `pvc` that `image` holds. */
  containedIn(data: VolumeDataModel, image: ImageKey, pvc: string): WriteRecord[] {
    return this.recordsWhere(pvc, (id) => data.contains(image, id));
  }

  /** The acknowledged writes of `pvc` that `image` does not hold: what is lost if it serves the PVC now. */
  missingFrom(data: VolumeDataModel, image: ImageKey, pvc: string): WriteRecord[] {
    return this.recordsWhere(pvc, (id) => !data.contains(image, id));
  }

  /** How many acknowledged writes of `pvc` `image` does not hold, without building them. */
  missingCount(data: VolumeDataModel, image: ImageKey, pvc: string): number {
    const last = this.tableOf(pvc)?.lastId ?? 0;
    let n = 0;
    for (let id = 1; id <= last; id++) if (!data.contains(image, id)) n++;
    return n;
  }

  private recordsWhere(pvc: string, keep: (id: number) => boolean): WriteRecord[] {
    const table = this.tableOf(pvc);
    const out: WriteRecord[] = [];
    for (let id = 1; id <= (table?.lastId ?? 0); id++) if (keep(id)) out.push(table!.record(id, this.names)!);
    return out;
  }

  private tableOf(pvc: string): WriteTable | undefined {
    const p = this.names.idIfKnown(pvc);
    return p === undefined ? undefined : this.tables.get(p);
  }
}
