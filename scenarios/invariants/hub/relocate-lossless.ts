// Hub spec §18 S2/S3: a relocate loses no acknowledged write.

import type { AppDecl } from '../../../sim/world/world-decl.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';

interface Episode {
  drpc: string;
  app: AppDecl;
  target: string;
  startSeq: number;
  /** pvc → write ids the old home's copy held when the hub demoted it, plus the demotion's seq. */
  expected: Map<string, { cluster: string; image: string; ids: Set<number>; seq: number }>;
  checked: Set<string>;
  /** A cluster was destroyed during the episode: its data is gone by the fault, not by Ramen. */
  voided: boolean;
}

export function relocateLossless(): Checker {
  const log = new ViolationLog();
  const open = new Map<string, Episode>();
  return {
    name: 'relocate-lossless',
    kind: 'safety',
    source: 'hub spec §18 S2, S3; §21 item 4',
    explanation:
      'A relocate (not replaced midway by another action) loses no acknowledged write: when the hub demotes the old home H, the ' +
      "writes H's volume image holds then (and any H still acknowledges afterwards) must all be in the image the app writes to " +
      'on the new home P when it first writes there. Episodes during which a cluster is destroyed are not judged: that data is ' +
      'lost to the fault, which no relocate can undo.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      const started = w.current.newEpisode;
      if (started) {
        open.delete(started.key);
        const app = w.appOfDrpc(started.key);
        if (app && started.episode.action === 'Relocate') {
          open.set(started.key, { drpc: started.key, app, target: started.episode.target, startSeq: started.episode.startSeq, expected: new Map(), checked: new Set(), voided: false });
        }
      }
      if (e.type === 'fault.inject' && e.fault === 'clusterDestroy') for (const ep of open.values()) ep.voided = true;
      const change = w.current.workChange;
      if (change?.after?.replicationState === 'secondary' && change.before?.replicationState === 'primary') {
        const ep = open.get(change.drpc);
        if (ep && change.cluster !== ep.target) {
          const ledger = w.env.ledger;
          for (const p of ep.app.pvcs) {
            const pvc = `${ep.app.namespace}/${p.name}`;
            const last = ledger.lastAcked(pvc, change.cluster);
            if (!last) continue;
            ep.expected.set(pvc, { cluster: change.cluster, image: last.image, ids: new Set(w.env.storage.data.writeIds(last.image)), seq: e.seq });
          }
        }
      }
      if (e.type !== 'app.write') return;
      const pvc = String(e.pvc);
      for (const ep of open.values()) {
        if (e.app !== w.ledgerKey(ep.app) || e.cluster !== ep.target || ep.checked.has(pvc)) continue;
        ep.checked.add(pvc);
        const exp = ep.expected.get(pvc);
        const drpc = w.drpcs.get(ep.drpc);
        if (!exp || ep.voided || drpc?.deleting) continue;
        const data = w.env.storage.data;
        const image = String(e.image);
        // Writes the old home acknowledged after its demotion was requested count as well.
        const later = w.env.ledger.ackedForPvc(pvc).filter((x) => x.image === exp.image && !exp.ids.has(x.writeId)).map((x) => x.writeId);
        const missing = [...exp.ids, ...later].filter((id) => !data.contains(image, id)).sort((a, b) => a - b);
        if (missing.length === 0) continue;
        const first = missing[0]!;
        log.add(
          e.t,
          `relocate of ${ep.drpc} to ${ep.target} lost ${missing.length} acknowledged write(s) of ${pvc} that ${exp.cluster} held (first: #${first})`,
          [ep.startSeq, exp.seq, w.writes.seqOf(pvc, first), e.seq],
          `${ep.drpc}/${ep.startSeq}/${pvc}`,
        );
      }
    },
    finish: () => log.report('safety'),
  };
}
