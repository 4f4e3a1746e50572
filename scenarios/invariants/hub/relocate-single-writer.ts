// Issue 5 "relocate: never two writable copies", the storage-side face of hub spec §18 S1.

import type { PersistentVolume } from '../../../sim/storage/core-shapes.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';

interface Episode {
  drpc: string;
  appKey: string;
  namespace: string;
  target: string;
  startSeq: number;
  /** The old home the hub demoted in this episode, once it has: the relocate is then under way. */
  oldHome?: string;
  demoteSeq?: number;
  /** Seq of the first write acknowledged on the target after the demotion. */
  targetWriteSeq?: number;
}

export function relocateSingleWriter(): Checker {
  const log = new ViolationLog();
  const open = new Map<string, Episode>();
  return {
    name: 'relocate-single-writer',
    kind: 'safety',
    source: 'hub spec §18 S1, S3; issue 5',
    explanation:
      'During a relocate (not replaced midway by another action) there are never two writable copies: once the hub has demoted the ' +
      'old home H and the app has an acknowledged write on the new home, H acknowledges none, and no volume of the app is ' +
      'force-promoted into a split brain (two primary images) while the relocate runs. Writes of an older failover\'s uncleaned ' +
      'primary before the relocate demotes it are that failover\'s divergence (N1), measured elsewhere.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      const started = w.current.newEpisode;
      if (started) {
        open.delete(started.key);
        const app = w.appOfDrpc(started.key);
        if (app && started.episode.action === 'Relocate') open.set(started.key, { drpc: started.key, appKey: w.ledgerKey(app), namespace: app.namespace, target: started.episode.target, startSeq: started.episode.startSeq });
      }
      const change = w.current.workChange;
      if (change?.before?.replicationState === 'primary' && change.after?.replicationState === 'secondary') {
        const ep = open.get(change.drpc);
        if (ep && ep.oldHome === undefined && change.cluster !== ep.target) {
          ep.oldHome = change.cluster;
          ep.demoteSeq = e.seq;
        }
      }
      if (e.type === 'app.write') {
        for (const ep of open.values()) {
          if (e.app !== ep.appKey || ep.oldHome === undefined) continue;
          if (e.cluster === ep.target) ep.targetWriteSeq ??= e.seq;
          else if (e.cluster === ep.oldHome && ep.targetWriteSeq !== undefined && !w.drpcs.get(ep.drpc)?.deleting) {
            log.add(e.t, `during the relocate of ${ep.drpc} to ${ep.target}, the old home ${ep.oldHome} acknowledged a write after ${ep.target} had`, [ep.startSeq, ep.demoteSeq ?? -1, ep.targetWriteSeq, e.seq], `${ep.drpc}/${ep.startSeq}`);
          }
        }
        return;
      }
      if (e.type !== 'storage.splitbrain') return;
      const handle = String(e.volume);
      for (const c of w.world.clusterNames()) {
        const pv = w.world.peekAll<PersistentVolume>(c, 'v1', 'PersistentVolume').find((x) => x.spec.csi?.volumeHandle === handle);
        const ns = pv?.spec.claimRef?.namespace;
        if (ns === undefined) continue;
        for (const ep of open.values()) {
          if (ep.namespace !== ns || ep.oldHome === undefined || w.drpcs.get(ep.drpc)?.deleting) continue;
          log.add(e.t, `during the relocate of ${ep.drpc} to ${ep.target}, volume ${handle} was force-promoted while its peer was primary (split brain)`, [ep.startSeq, ep.demoteSeq ?? -1, e.seq], `${ep.drpc}/${e.seq}`);
        }
        break;
      }
    },
    finish: () => log.report('safety'),
  };
}
