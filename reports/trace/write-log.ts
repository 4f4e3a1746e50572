// Every acknowledged application write in a trace, by PVC, in trace order. Replication lag and RPO
// are questions about writes ("the newest write the peer holds", "writes after the last sync"), and
// this answers them by binary search. It is append-only, so the replay UI can share one log among
// all its snapshots: a query bounded by a sequence number sees exactly the writes before it.

import type { TraceEvent } from './read-trace.js';

interface PvcWrites {
  seqs: number[];
  times: number[];
  /** writeId to time; write ids count up per PVC but may skip (refused writes). */
  byId: Map<number, number>;
}

/** Index of the first element greater than `x` in an ascending array. */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class WriteLog {
  private readonly pvcs = new Map<string, PvcWrites>();
  /** Volume handle to PVC key (`ns/name`), learned from writes and provisioning. */
  private readonly volumes = new Map<string, string>();

  add(e: TraceEvent): void {
    if (e.type === 'storage.provision' && typeof e.volume === 'string' && typeof e.pvc === 'string') {
      this.volumes.set(e.volume, e.pvc);
      return;
    }
    if (e.type !== 'app.write' || typeof e.pvc !== 'string') return;
    let w = this.pvcs.get(e.pvc);
    if (!w) this.pvcs.set(e.pvc, (w = { seqs: [], times: [], byId: new Map() }));
    w.seqs.push(e.seq);
    w.times.push(e.t);
    if (typeof e.writeId === 'number') w.byId.set(e.writeId, e.t);
    if (typeof e.image === 'string') {
      const slash = e.image.indexOf('/');
      if (slash >= 0) this.volumes.set(e.image.slice(slash + 1), e.pvc);
    }
  }

  pvcOfVolume(volume: string): string | undefined {
    return this.volumes.get(volume);
  }

  timeOfWrite(pvc: string, writeId: number): number | undefined {
    return this.pvcs.get(pvc)?.byId.get(writeId);
  }

  /** Writes recorded at or before sequence number `seq`. */
  countUpToSeq(pvc: string, seq: number): number {
    const w = this.pvcs.get(pvc);
    return w ? upperBound(w.seqs, seq) : 0;
  }

  /** Writes with time after `afterMs`, recorded at or before sequence number `seq`. */
  countAfter(pvc: string, afterMs: number, seq: number): number {
    const w = this.pvcs.get(pvc);
    if (!w) return 0;
    const end = upperBound(w.seqs, seq);
    const start = Math.min(upperBound(w.times, afterMs), end);
    return end - start;
  }

  /** Time of the newest write recorded at or before `seq`. */
  lastWriteTime(pvc: string, seq: number): number | undefined {
    const w = this.pvcs.get(pvc);
    if (!w) return undefined;
    const n = upperBound(w.seqs, seq);
    return n > 0 ? w.times[n - 1] : undefined;
  }

  firstWriteTime(pvc: string): number | undefined {
    return this.pvcs.get(pvc)?.times[0];
  }

  pvcKeys(): string[] {
    return [...this.pvcs.keys()].sort();
  }
}

/**
 * The time of the newest write the peer copy of a PVC holds, if the event says: a mirroring snapshot
 * holds every write made before the snapshot was taken; a VolSync transfer names its last write.
 */
export function heldThrough(e: TraceEvent, log: WriteLog): { pvc: string; heldThroughMs: number; from?: string; to?: string } | undefined {
  if (e.type === 'storage.mirror.synced' && typeof e.volume === 'string') {
    const pvc = log.pvcOfVolume(e.volume);
    if (!pvc) return undefined;
    const lag = typeof e.lagMs === 'number' ? e.lagMs : 0;
    return { pvc, heldThroughMs: e.t - lag, ...(typeof e.from === 'string' ? { from: e.from } : {}), ...(typeof e.to === 'string' ? { to: e.to } : {}) };
  }
  if (e.type === 'volsync.receive' && typeof e.namespace === 'string' && typeof e.destination === 'string') {
    // Ramen names a PVC's ReplicationDestination after the PVC.
    const pvc = `${e.namespace}/${e.destination}`;
    const at = typeof e.lastWriteId === 'number' ? log.timeOfWrite(pvc, e.lastWriteId) : undefined;
    if (at === undefined) return undefined;
    return { pvc, heldThroughMs: at, ...(typeof e.from === 'string' ? { from: e.from } : {}), ...(typeof e.cluster === 'string' ? { to: e.cluster } : {}) };
  }
  return undefined;
}
