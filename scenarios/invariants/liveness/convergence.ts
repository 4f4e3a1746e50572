// Liveness after the heal-and-converge phase (hub spec §19 L1-L3, L5, L10; dr-cluster spec §16).

import type { Checker, RunEnd, Waiting } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { appConvergence } from './convergence-state.js';
import type { ObservedWorld } from '../observed-world.js';

export function convergence(): Checker {
  return {
    name: 'convergence',
    kind: 'liveness',
    source: 'hub spec §19 L1-L3, L5, L10; dr-cluster spec §16',
    explanation:
      'After every fault has healed and the converge phase has run its bounded time, every protected app whose DRPC still exists is at ' +
      'rest: phase Deployed, FailedOver or Relocated with progression Completed, Available, PeerReady and Protected True, exactly one ' +
      'primary VRG, on the cluster the action names, and the app running there. Apps that the specs say wait for a person (hub ' +
      'recovery pause, a relocate started before cleanup finished, an invalid failover target, a metro failover awaiting fencing, a ' +
      'VolSync action to the current home before the hub set up VolSync replication, finding F2, a VolSync failover to a ' +
      'cluster that has no ReplicationDestination to restore from, finding F11) are ' +
      'reported as waiting, not as violations. Without a converge phase nothing is judged.',
    finish(w: ObservedWorld, end: RunEnd) {
      const log = new ViolationLog();
      const waiting: Waiting[] = [];
      if (!end.converged) return { verdict: 'measured', violations: [{ atMs: w.nowMs(), message: 'not judged: the run had no heal-and-converge phase', events: [] }] };
      for (const app of w.decl.apps) {
        if (app.protection !== 'drpc') continue;
        const s = appConvergence(w, app);
        if (s.status === 'waiting') waiting.push({ app: app.name, reason: s.reason });
        if (s.status === 'pending') {
          const since = end.convergeStartMs === undefined ? '' : ` ${Math.round((w.nowMs() - end.convergeStartMs) / 60_000)} min after the faults healed`;
          log.add(w.nowMs(), `${app.name} did not converge${since}: ${s.detail}`, [w.drpcs.get(`${app.namespace}/${app.name}`)?.lastSeq ?? -1]);
        }
      }
      return { ...log.report('liveness'), waiting };
    },
  };
}
