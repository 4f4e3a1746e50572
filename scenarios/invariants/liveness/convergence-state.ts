// Where one protected app stands after the faults have healed: converged to a rest state, waiting
// for a user as the specs say Ramen does, or still on its way. The liveness checker judges the end
// state with it; the campaign's converge phase polls it to stop as soon as every app has settled.

import type { DRPlacementControl } from '../../../engine/api/ramen/drpc.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import type { AppDecl } from '../../../sim/world/world-decl.js';
import { RAMEN } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import { volSyncReadinessWait } from './volsync-readiness-wait.js';
import { volSyncRestoreWait } from './volsync-restore-wait.js';

export type AppConvergence = { status: 'converged'; home: string } | { status: 'waiting'; reason: string } | { status: 'pending'; detail: string } | { status: 'gone' };

const REST_PHASES = new Set(['Deployed', 'FailedOver', 'Relocated']);

function condition(drpc: DRPlacementControl, type: string): { status: string; message: string } {
  const c = (drpc.status?.conditions ?? []).find((x) => x.type === type);
  return { status: c?.status ?? 'absent', message: c?.message ?? '' };
}

export function appConvergence(w: ObservedWorld, app: AppDecl): AppConvergence {
  const drpc = w.peek<DRPlacementControl>('hub', RAMEN, 'DRPlacementControl', app.name, app.namespace);
  if (!drpc || drpc.metadata.deletionTimestamp) return { status: 'gone' };
  const phase = drpc.status?.phase ?? '';
  const progression = drpc.status?.progression ?? '';
  const action = drpc.spec.action ?? '';
  const available = condition(drpc, 'Available');
  const rec = w.drpcs.get(`${app.namespace}/${app.name}`);
  // The cases where the specs say Ramen waits for a person (hub spec §8, §18 N4, §19 L2, L5).
  const paused = ['Available', 'PeerReady', 'Protected'].some((t) => (drpc.status?.conditions ?? []).some((c) => c.type === t && c.reason === 'Paused'));
  if (phase === 'WaitForUser' || progression === 'Paused' || paused) return { status: 'waiting', reason: `hub recovery paused the DRPC (phase ${phase || '""'}, progression ${progression || '""'}); the user must pick an action (§8, L5)` };
  if (action === 'Relocate' && rec?.episode.action === 'Relocate' && rec.episode.peerReadyAtStart === 'False' && phase !== 'Relocated') {
    return { status: 'waiting', reason: 'relocate requested before the previous action\'s cleanup finished (PeerReady was False); it never progresses on its own (N4, L10)' };
  }
  // The message outlives the pass that wrote it, so the wait is real only while no cluster has a VRG.
  const noVrg = w.world.clusterNames().every((c) => !w.peek(c, RAMEN, 'VolumeReplicationGroup', app.name, app.namespace));
  if (action === 'Relocate' && (phase === '' || phase === 'Initiating') && /no VRGs exists/.test(available.message) && noVrg) return { status: 'waiting', reason: 'relocate requested before the app was first deployed; Ramen never deploys it under a Relocate action (the user must clear the action)' };
  if (action === 'Failover' && /not a valid Secondary target/.test(available.message)) return { status: 'waiting', reason: `failover target ${drpc.spec.failoverCluster ?? ''} is not a valid secondary (S6); the user must choose another action` };
  const volSyncWait = volSyncReadinessWait(w, drpc, homeOf(drpc)) ?? volSyncRestoreWait(w, drpc);
  if (volSyncWait !== undefined) return { status: 'waiting', reason: volSyncWait };
  if (w.destroyedClusters.size > 0) {
    // Ramen documents replacing a lost cluster as a manual procedure; it does not promise to converge.
    const pending = pendingProblems(w, app, drpc);
    if (pending.length > 0) return { status: 'waiting', reason: `cluster ${[...w.destroyedClusters].join(', ')} was destroyed and came back empty; recovering from a lost cluster is a manual procedure (${pending[0]})` };
  }
  const fencedHome = w.drCluster(homeOf(drpc))?.spec?.clusterFence;
  if (fencedHome === 'Fenced' || fencedHome === 'ManuallyFenced') return { status: 'waiting', reason: `the app's home ${homeOf(drpc)} is fenced; the user must unfence it` };
  // The old home's fence is asked for on its DRCluster; while it is, the wait is the fence's, not the user's.
  const oldHomeFenceAsked = w.world.clusterNames().some((c) => c !== homeOf(drpc) && ['Fenced', 'ManuallyFenced'].includes(w.drCluster(c)?.spec?.clusterFence ?? ''));
  if (action === 'Failover' && progression === 'WaitForFencing' && !oldHomeFenceAsked) return { status: 'waiting', reason: 'metro failover waits for the user to fence the old home (S7)' };
  const problems = pendingProblems(w, app, drpc);
  return problems.length === 0 ? { status: 'converged', home: homeOf(drpc) } : { status: 'pending', detail: problems.join('; ') };
}

function homeOf(drpc: DRPlacementControl): string {
  return drpc.spec.action === 'Failover' ? (drpc.spec.failoverCluster ?? '') : (drpc.spec.preferredCluster ?? '');
}

/** What keeps the app from being at rest, in words; empty when it is. */
function pendingProblems(w: ObservedWorld, app: AppDecl, drpc: DRPlacementControl): string[] {
  const phase = drpc.status?.phase ?? '';
  const progression = drpc.status?.progression ?? '';
  const home = homeOf(drpc);
  const problems: string[] = [];
  if (!REST_PHASES.has(phase)) problems.push(`phase ${phase || '""'}`);
  if (progression !== 'Completed') problems.push(`progression ${progression || '""'}`);
  for (const type of ['Available', 'PeerReady', 'Protected']) {
    const c = condition(drpc, type);
    if (c.status !== 'True') problems.push(`${type} ${c.status}${c.message ? ` (${c.message})` : ''}`);
  }
  const primaries = w.world.clusterNames().filter((c) => {
    const vrg = w.peek<VolumeReplicationGroup>(c, RAMEN, 'VolumeReplicationGroup', app.name, app.namespace);
    return vrg?.spec.replicationState === 'primary';
  });
  if (primaries.length !== 1 || primaries[0] !== home) problems.push(`primary VRG on [${primaries.join(', ')}], expected ${home}`);
  const running = w.env.appRunningOn(app.name);
  if (running.length !== 1 || running[0] !== home) problems.push(`app running on [${running.join(', ')}], expected ${home}`);
  return problems;
}
