// Measurement: progression regressions within a phase, and how far the DRPC's status lags the
// clusters (hub spec §20 Q3, Q14-Q16; §21 item 5). Ramen has both by design; they are shown, not flagged.

import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';

interface PhaseRun {
  phase: string;
  seen: string[];
  last: string;
}

interface Lag {
  target: string;
  startSeq: number;
  primaryMs?: number;
  primarySeq?: number;
}

export function progressionLag(): Checker {
  const log = new ViolationLog();
  const runs = new Map<string, PhaseRun>();
  const lags = new Map<string, Lag>();
  let regressions = 0;
  return {
    name: 'progression-lag',
    kind: 'measurement',
    source: 'hub spec §9.1, §20 Q3, Q14, Q16',
    explanation:
      'Measured, never failed: a progression regression is a DRPC progression that comes back to a value it already showed in the ' +
      'same phase after showing another; the lag is the virtual time from the target cluster\'s VRG first reporting state Primary ' +
      'in a failover or relocate to the DRPC reporting Available True in the phase that ends it. Ramen writes only the last status ' +
      'of a pass and requeues on views, so both are expected.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      const started = w.current.newEpisode;
      if (started && started.episode.action !== '') lags.set(started.key, { target: started.episode.target, startSeq: started.episode.startSeq });
      if (e.type !== 'api.write' || !o.object) return;
      if (e.kind === 'VolumeReplicationGroup' && e.verb === 'status') {
        const key = `${o.object.metadata.namespace ?? ''}/${o.object.metadata.name}`;
        const lag = lags.get(key);
        const state = (o.object.status as { state?: string } | undefined)?.state;
        if (lag && lag.primaryMs === undefined && e.cluster === lag.target && state === 'Primary') {
          lag.primaryMs = e.t;
          lag.primarySeq = e.seq;
        }
        return;
      }
      if (e.kind !== 'DRPlacementControl' || e.cluster !== 'hub') return;
      const rec = w.drpcs.get(`${o.object.metadata.namespace ?? ''}/${o.object.metadata.name}`);
      if (!rec) return;
      const run = runs.get(rec.key);
      if (!run || run.phase !== rec.phase) runs.set(rec.key, { phase: rec.phase, seen: [rec.progression], last: rec.progression });
      else if (run.last !== rec.progression) {
        if (run.seen.includes(rec.progression)) {
          regressions++;
          log.add(e.t, `${rec.key}: progression went back to "${rec.progression}" from "${run.last}" in phase ${rec.phase}`, [e.seq], `${rec.key}/${rec.phase}/${run.last}/${rec.progression}`);
        } else run.seen.push(rec.progression);
        run.last = rec.progression;
      }
      const lag = lags.get(rec.key);
      const available = (rec.object.status?.conditions ?? []).find((c) => c.type === 'Available')?.status === 'True';
      const done = (rec.episode.action === 'Failover' && rec.phase === 'FailedOver') || (rec.episode.action === 'Relocate' && rec.phase === 'Relocated');
      if (lag?.primaryMs !== undefined && available && done) {
        log.add(e.t, `${rec.key}: the DRPC reported ${rec.phase} ${e.t - lag.primaryMs} ms after ${lag.target}'s VRG reported Primary`, [lag.startSeq, lag.primarySeq ?? -1, e.seq]);
        lags.delete(rec.key);
      }
    },
    finish() {
      const r = log.report('measurement');
      if (regressions > 0) r.violations.push({ atMs: 0, message: `${regressions} progression regression(s) in total`, events: [] });
      return r;
    },
  };
}
