// Measurement: what each failover cost in data (hub spec §18 N1, N3). Never fails a run.

import type { FailoverMeasure } from '../../../reports/result-types.js';
import type { AppDecl } from '../../../sim/world/world-decl.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';

interface PvcMeasure {
  image: string;
  rpoWrites: number;
  rpoMs: number;
}

interface Episode {
  drpc: string;
  app: AppDecl;
  target: string;
  startSeq: number;
  /** Per PVC, write ids no copy held when the failover began (lost earlier, not by this failover). */
  preLost: Map<string, Set<number>>;
  promotedMs?: number;
  promoteSeq?: number;
  pvcs: Map<string, PvcMeasure>;
}

export interface FailoverDataLoss extends Checker {
  /** The failovers of an app (by name) that were measured, in order. */
  failoversOf(app: string): FailoverMeasure[];
}

export function failoverDataLoss(): FailoverDataLoss {
  const log = new ViolationLog();
  const open = new Map<string, Episode>();
  const done = new Map<string, FailoverMeasure[]>();

  function close(w: ObservedWorld, ep: Episode): void {
    if (ep.promotedMs === undefined) return;
    const p = ep.promotedMs;
    let rpoWrites = 0;
    let rpoMs = 0;
    let divergenceWrites = 0;
    let divergenceMs = 0;
    for (const pvc of ep.app.pvcs.map((x) => `${ep.app.namespace}/${x.name}`)) {
      const m = ep.pvcs.get(pvc);
      if (m) {
        rpoWrites += m.rpoWrites;
        rpoMs = Math.max(rpoMs, m.rpoMs);
      }
      // Writes the old site still acknowledged after the hub promoted the target (N1): with regional
      // storage they went to a copy that cleanup will resync away; with metro, to the shared image.
      const diverged = w.env.ledger.ackedForPvc(pvc).filter((x) => w.writes.timeOf(pvc, x.writeId) > p && x.cluster !== ep.target);
      divergenceWrites += diverged.length;
      const last = diverged[diverged.length - 1];
      if (last) divergenceMs = Math.max(divergenceMs, w.writes.timeOf(pvc, last.writeId) - p);
    }
    const measure: FailoverMeasure = { atMs: p, rpoMs, rpoWrites, divergenceMs, divergenceWrites };
    const list = done.get(ep.app.name) ?? [];
    list.push(measure);
    done.set(ep.app.name, list);
    const resumed = ep.pvcs.size > 0 ? '' : ' (the app had not written on the target yet, so the RPO is not measured)';
    log.add(p, `failover of ${ep.drpc} to ${ep.target}: RPO ${rpoWrites} write(s) / ${rpoMs} ms, divergence ${divergenceWrites} write(s) / ${divergenceMs} ms${resumed}`, [ep.startSeq, ep.promoteSeq ?? -1]);
  }

  return {
    name: 'failover-data-loss',
    kind: 'measurement',
    source: 'hub spec §18 N1, N3; dr-cluster spec §13.3',
    explanation:
      'Measured, never failed: for every failover, the RPO (acknowledged writes the promoted copy lacked when the app first wrote ' +
      'there, counting only writes acknowledged before the hub promoted it and not already lost earlier; in writes and as the span ' +
      'from the newest write it held to the last one it lacked) and the divergence (writes the old site still acknowledged after the ' +
      'promotion, in writes and as the span after it). Ramen promises no RPO of zero for failover (N3) and keeps the old primary ' +
      'primary until cleanup (N1).',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      const started = w.current.newEpisode;
      if (started) {
        const prev = open.get(started.key);
        if (prev) close(w, prev);
        open.delete(started.key);
        const app = w.appOfDrpc(started.key);
        if (app && started.episode.action === 'Failover') {
          const preLost = new Map<string, Set<number>>();
          for (const p of app.pvcs) {
            const pvc = `${app.namespace}/${p.name}`;
            const last = w.env.ledger.lastAcked(pvc);
            if (last) preLost.set(pvc, new Set(w.env.ledger.missingFrom(w.env.storage.data, last.image, pvc).map((x) => x.writeId)));
          }
          open.set(started.key, { drpc: started.key, app, target: started.episode.target, startSeq: started.episode.startSeq, preLost, pvcs: new Map() });
        }
      }
      const change = w.current.workChange;
      if (change?.after?.replicationState === 'primary' && change.before?.replicationState !== 'primary') {
        const ep = open.get(change.drpc);
        if (ep && ep.target === change.cluster && ep.promotedMs === undefined) {
          ep.promotedMs = e.t;
          ep.promoteSeq = e.seq;
        }
      }
      if (e.type !== 'app.write') return;
      const pvc = String(e.pvc);
      for (const ep of open.values()) {
        if (ep.promotedMs === undefined || e.app !== w.ledgerKey(ep.app) || e.cluster !== ep.target || ep.pvcs.has(pvc)) continue;
        const image = String(e.image);
        const data = w.env.storage.data;
        const pre = ep.preLost.get(pvc) ?? new Set<number>();
        const toMs = (x: { writeId: number }): number => w.writes.timeOf(pvc, x.writeId);
        const before = w.env.ledger.ackedForPvc(pvc).filter((x) => toMs(x) <= ep.promotedMs!);
        const lost = before.filter((x) => !pre.has(x.writeId) && !data.contains(image, x.writeId));
        const held = before.filter((x) => data.contains(image, x.writeId));
        const newestHeld = held[held.length - 1];
        const lastLost = lost[lost.length - 1];
        const rpoMs = lastLost ? toMs(lastLost) - toMs(newestHeld ?? lost[0]!) : 0;
        ep.pvcs.set(pvc, { image, rpoWrites: lost.length, rpoMs: Math.max(0, rpoMs) });
      }
    },
    finish(w: ObservedWorld) {
      for (const ep of open.values()) close(w, ep);
      open.clear();
      return log.report('measurement');
    },
    failoversOf(app: string): FailoverMeasure[] {
      return done.get(app) ?? [];
    },
  };
}
