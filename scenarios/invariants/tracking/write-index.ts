// The trace seq of every acknowledged application write, by PVC and write id, so that a violation
// about lost or diverged data can cite the exact `app.write` events it is about.

export class WriteIndex {
  private readonly seqs = new Map<string, number[]>();

  recorded(pvc: string, writeId: number, seq: number): void {
    let list = this.seqs.get(pvc);
    if (!list) this.seqs.set(pvc, (list = []));
    list[writeId - 1] = seq;
  }

  seqOf(pvc: string, writeId: number): number {
    return this.seqs.get(pvc)?.[writeId - 1] ?? -1;
  }
}
