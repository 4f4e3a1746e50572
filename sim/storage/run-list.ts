// The content of one image: which writes it holds, oldest first, as runs of consecutive write ids
// from one write table (`[table, first, last]`). Mirroring copies a prefix of one image onto
// another, so a snapshot appends a run or two instead of a reference per write, and "does this
// image hold write n" is a binary search over runs. Content is compared by write id alone, as the
// object-per-write model compared it.

import { grownInt32 } from './growable.js';

/** One position of an image's content: a write id and the table that holds its fields. */
export interface Entry {
  table: number;
  id: number;
}

export class RunList {
  private runs = new Int32Array(0);
  private runCount = 0;
  private total = 0;
  /** Whether ids strictly increase along the whole list (always, unless an image mixes PVCs). */
  private increasing = true;

  get length(): number {
    return this.total;
  }

  /** The runs, oldest first; for copying and for tests. */
  *eachRun(): Generator<{ table: number; first: number; last: number }> {
    for (let r = 0; r < this.runCount; r++) yield { table: this.runs[r * 3]!, first: this.runs[r * 3 + 1]!, last: this.runs[r * 3 + 2]! };
  }

  /** Whether ids strictly increase along the list, so that `containsId` is exact. */
  get isIncreasing(): boolean {
    return this.increasing;
  }

  get runsHeld(): number {
    return this.runCount;
  }

  last(): Entry | undefined {
    if (this.runCount === 0) return undefined;
    const r = (this.runCount - 1) * 3;
    return { table: this.runs[r]!, id: this.runs[r + 2]! };
  }

  /** Appends ids `first..last` of `table`, merging with the last run when they continue it. */
  push(table: number, first: number, last: number): void {
    const prev = this.last();
    if (prev && first <= prev.id) this.increasing = false;
    this.total += last - first + 1;
    if (prev && prev.table === table && prev.id + 1 === first) {
      this.runs[(this.runCount - 1) * 3 + 2] = last;
      return;
    }
    this.runs = grownInt32(this.runs, (this.runCount + 1) * 3);
    this.runs.set([table, first, last], this.runCount * 3);
    this.runCount++;
  }

  /** A new list holding positions `from` (inclusive) to `to` (exclusive). */
  slice(from: number, to: number): RunList {
    const out = new RunList();
    this.eachRange(from, to, (table, first, last) => out.push(table, first, last));
    return out;
  }

  /** Appends positions `from..to` of `source`. */
  appendFrom(source: RunList, from: number, to: number): void {
    source.eachRange(from, to, (table, first, last) => this.push(table, first, last));
  }

  entryAt(position: number): Entry | undefined {
    let found: Entry | undefined;
    this.eachRange(position, position + 1, (table, first) => (found = { table, id: first }));
    return found;
  }

  /** Every entry, oldest first. */
  *entries(): Generator<Entry> {
    for (const run of this.eachRun()) for (let id = run.first; id <= run.last; id++) yield { table: run.table, id };
  }

  ids(): number[] {
    const out: number[] = [];
    for (const run of this.eachRun()) for (let id = run.first; id <= run.last; id++) out.push(id);
    return out;
  }

  containsId(id: number): boolean {
    if (!this.increasing) return this.containsByPosition(id);
    let lo = 0;
    let hi = this.runCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (id < this.runs[mid * 3 + 1]!) hi = mid - 1;
      else if (id > this.runs[mid * 3 + 2]!) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Whether this list's ids are the first ids of `other`, which must hold at least `otherLength`. */
  isPrefixOf(other: RunList, otherLength: number): boolean {
    if (this.total > otherLength || otherLength > other.total) return false;
    let r = 0;
    let offset = 0;
    let ok = true;
    other.eachRange(0, this.total, (_table, first, last) => {
      let id = first;
      while (ok && id <= last) {
        const runFirst = this.runs[r * 3 + 1]! + offset;
        const runLast = this.runs[r * 3 + 2]!;
        if (runFirst !== id) {
          ok = false;
          return;
        }
        const n = Math.min(runLast - runFirst, last - id) + 1;
        id += n;
        offset += n;
        if (runFirst + n - 1 === runLast) {
          r++;
          offset = 0;
        }
      }
    });
    return ok;
  }

  /** Calls `fn` for each piece of a run that lies within positions `from..to`. */
  private eachRange(from: number, to: number, fn: (table: number, first: number, last: number) => void): void {
    let pos = 0;
    for (let r = 0; r < this.runCount && pos < to; r++) {
      const first = this.runs[r * 3 + 1]!;
      const len = this.runs[r * 3 + 2]! - first + 1;
      const lo = Math.max(from, pos);
      const hi = Math.min(to, pos + len);
      if (lo < hi) fn(this.runs[r * 3]!, first + (lo - pos), first + (hi - pos) - 1);
      pos += len;
    }
  }

  /** The object-per-write model's binary search over positions, kept for lists whose ids do not increase. */
  private containsByPosition(id: number): boolean {
    const ids = this.ids();
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = ids[mid]!;
      if (at === id) return true;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
