// The acknowledged writes of one PVC, stored by column rather than as an object per write. Writes
// arrive in increasing id order and nearly always in long stretches from the same app, cluster and
// image at a fixed interval, so the table keeps segments: a range of consecutive ids that share
// (app, cluster, image) and whose times, and places in their app's order of acknowledgement, form
// arithmetic sequences (an app with two PVCs writes them in turn: each PVC's places step by two).
// A run of a thousand regular writes is one segment; an irregular write costs one segment of its
// own (52 bytes), still far less than an object. A `WriteRecord` exists only while a caller holds one.

import { grownFloat64, grownInt32 } from './growable.js';
import type { Interner } from './interner.js';
import type { WriteRecord } from './volume-data.js';

/** The interned fields of one write. */
export interface WriteFields {
  app: number;
  cluster: number;
  image: number;
  atMs: number;
  /** The write's place among its app's acknowledged writes (0 where no order is kept). */
  seq: number;
}

const INTS = 5; // startId, length, app, cluster, image
const FLOATS = 4; // t0, time step, seq0, seq step

export class WriteTable {
  private ints = new Int32Array(0);
  private floats = new Float64Array(0);
  private segments = 0;
  private writes = 0;

  constructor(readonly pvc: number) {}

  /** How many writes the table holds. */
  get count(): number {
    return this.writes;
  }

  /** How many segments hold the writes: what the table costs, for tests and benchmarks. */
  get segmentCount(): number {
    return this.segments;
  }

  /** The highest id held, 0 when empty. */
  get lastId(): number {
    if (this.segments === 0) return 0;
    const s = (this.segments - 1) * INTS;
    return this.ints[s]! + this.ints[s + 1]! - 1;
  }

  /** Adds a write whose id exceeds every id held (gaps are allowed). */
  put(id: number, f: WriteFields): void {
    if (id <= this.lastId) throw new Error(`write table: id ${id} does not follow ${this.lastId}`);
    this.writes++;
    if (this.extendsLast(id, f)) return;
    this.ints = grownInt32(this.ints, (this.segments + 1) * INTS);
    this.floats = grownFloat64(this.floats, (this.segments + 1) * FLOATS);
    const s = this.segments * INTS;
    this.ints.set([id, 1, f.app, f.cluster, f.image], s);
    this.floats.set([f.atMs, 0, f.seq, 0], this.segments * FLOATS);
    this.segments++;
  }

  has(id: number): boolean {
    return this.segmentOf(id) >= 0;
  }

  /** The fields of write `id`; undefined when the table does not hold it. */
  fields(id: number): WriteFields | undefined {
    const g = this.segmentOf(id);
    if (g < 0) return undefined;
    const s = g * INTS;
    const offset = id - this.ints[s]!;
    return { app: this.ints[s + 2]!, cluster: this.ints[s + 3]!, image: this.ints[s + 4]!, atMs: this.nth(g, 0, offset), seq: this.nth(g, 2, offset) };
  }

  record(id: number, names: Interner): WriteRecord | undefined {
    const f = this.fields(id);
    if (!f) return undefined;
    return { app: names.value(f.app), pvc: names.value(this.pvc), writeId: id, cluster: names.value(f.cluster), image: names.value(f.image), atMs: f.atMs };
  }

  /** The highest id written from `cluster`, or 0; one step per segment, not per write. */
  lastIdFrom(cluster: number): number {
    for (let g = this.segments - 1; g >= 0; g--) {
      const s = g * INTS;
      if (this.ints[s + 3] === cluster) return this.ints[s]! + this.ints[s + 1]! - 1;
    }
    return 0;
  }

  private extendsLast(id: number, f: WriteFields): boolean {
    if (this.segments === 0) return false;
    const g = this.segments - 1;
    const s = g * INTS;
    const len = this.ints[s + 1]!;
    if (this.ints[s]! + len !== id || this.ints[s + 2] !== f.app || this.ints[s + 3] !== f.cluster || this.ints[s + 4] !== f.image) return false;
    const timeStep = this.stepTo(g, 0, len, f.atMs);
    const seqStep = this.stepTo(g, 2, len, f.seq);
    if (timeStep === undefined || seqStep === undefined) return false;
    this.floats[g * FLOATS + 1] = timeStep;
    this.floats[g * FLOATS + 3] = seqStep;
    this.ints[s + 1] = len + 1;
    return true;
  }

  /**
   * The step that makes `value` the next term of the segment's sequence at `col`, or undefined. The
   * step is fixed by a segment's second write; a value it cannot reproduce exactly starts a new segment.
   */
  private stepTo(g: number, col: number, len: number, value: number): number | undefined {
    const first = this.floats[g * FLOATS + col]!;
    const step = len === 1 ? value - first : this.floats[g * FLOATS + col + 1]!;
    return first + step * len === value ? step : undefined;
  }

  private nth(g: number, col: number, offset: number): number {
    return this.floats[g * FLOATS + col]! + this.floats[g * FLOATS + col + 1]! * offset;
  }

  /** Binary search for the segment holding `id`; -1 when none does. */
  private segmentOf(id: number): number {
    let lo = 0;
    let hi = this.segments - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = this.ints[mid * INTS]!;
      if (id < start) hi = mid - 1;
      else if (id >= start + this.ints[mid * INTS + 1]!) lo = mid + 1;
      else return mid;
    }
    return -1;
  }
}
