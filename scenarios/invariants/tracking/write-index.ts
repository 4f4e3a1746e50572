// The trace seq and true virtual time of every acknowledged application write, by PVC and write id.
// Violations about lost or diverged data cite the `app.write` events they are about, and data-loss
// figures use the trace's time rather than the ledger's, which is the writer's possibly skewed clock.

export class WriteIndex {
  private readonly seqs = new Map<string, number[]>();
  private readonly times = new Map<string, number[]>();

  recorded(pvc: string, writeId: number, seq: number, atMs: number): void {
    let s = this.seqs.get(pvc);
    let t = this.times.get(pvc);
    if (!s || !t) {
      this.seqs.set(pvc, (s = []));
      this.times.set(pvc, (t = []));
    }
    s[writeId - 1] = seq;
    t[writeId - 1] = atMs;
  }

  seqOf(pvc: string, writeId: number): number {
    return this.seqs.get(pvc)?.[writeId - 1] ?? -1;
  }

  /** Virtual ms since the world began at which the write was acknowledged. */
  timeOf(pvc: string, writeId: number): number {
    return this.times.get(pvc)?.[writeId - 1] ?? 0;
  }
}
