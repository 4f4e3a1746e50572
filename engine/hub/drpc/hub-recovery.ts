// Status reconstruction and hub recovery (hub spec §8). Whenever the phase is "" (a new DRPC, or one
// restored from a hub backup without status) or WaitForUser, the hub compares what the clusters report
// with the DRPC's spec before doing anything: Continue, AllowFailover (WaitForUser, PeerReady True) or
// Stop (Paused). It never guesses (S15). When every VRG query fails, it errors without writing status.

import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import { CONDITION_AVAILABLE, CONDITION_PEER_READY, DRPCReason, Progression } from '../../api/ramen/drpc.js';
import { DESTINATION_CLUSTER_ANNOTATION } from '../../api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { addOrUpdateCondition } from '../conditions.js';
import type { HubDeps } from '../deps.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import type { DRCluster } from '../../api/ramen/drcluster.js';
import { rfc3339 } from '../../runtime/ports.js';
import { lastKnownPrimaryVrgFromS3 } from '../s3/last-primary-vrg.js';
import { ensureVrgsManagedByDrpc } from './adoption.js';
import { getVrgsFromManagedClusters } from './views.js';
import { availableS3Profiles } from './vrg-builder.js';

export type RecoveryProgress = 'Continue' | 'AllowFailover' | 'Stop';

export interface RecoveryInput {
  phase: string;
  action: string;
  failoverCluster: string;
  /** D: failoverCluster for Failover, else preferredCluster. */
  dstCluster: string;
  queriedCount: number;
  failedCluster: string;
  vrgs: ReadonlyMap<string, VolumeReplicationGroup>;
  /** The newest primary VRG in S3; consulted only for row 4 (one query failed, no views). */
  s3Vrg: VolumeReplicationGroup | undefined;
}

export interface RecoveryVerdict {
  progress: RecoveryProgress;
  message: string;
  /** The row of the §8 table that decided (0 is adoption in progress), for the trace. */
  row: number;
}

/** The decision table of §8, rows 1–7 (row 0, adoption, is the caller's), with the deciding row. */
export function recoveryVerdictRow(input: RecoveryInput): RecoveryVerdict {
  const { action, dstCluster: dst, queriedCount: queried, failedCluster: failed, vrgs } = input;
  if (queried === 0) return { row: 1, progress: 'Stop', message: 'Stop - Number of clusters queried is 0' };
  if (queried === 2 && vrgs.size === 0) return { row: 2, progress: 'Continue', message: '' };
  if (input.phase === 'WaitForUser' && action === 'Failover' && input.failoverCluster !== failed) return { row: 3, progress: 'Continue', message: '' };
  if (queried === 1 && vrgs.size === 0) {
    const vrg = input.s3Vrg;
    if (!vrg) {
      if (failed !== dst) return { row: 4, progress: 'Continue', message: '' };
      return { row: 4, progress: 'Stop', message: `Unable to query all clusters and failed to get VRG from s3 store. Failed to query ${failed}` };
    }
    const vrgAction = vrg.spec.action ?? '';
    if (action !== vrgAction) {
      return { row: 4, progress: 'AllowFailover', message: `Failover is allowed - Two different actions - drpcAction is '${action}' and vrgAction from s3 is '${vrgAction}'` };
    }
    const vrgDst = vrg.metadata.annotations?.[DESTINATION_CLUSTER_ANNOTATION] ?? '';
    if (dst === vrgDst && dst !== failed) return { row: 4, progress: 'Continue', message: '' };
    return { row: 4, progress: 'AllowFailover', message: `Failover is allowed - drpcAction:'${action}'. vrgAction:'${vrgAction}'. DRPCDstClstr:'${dst}'. vrgDstClstr:'${vrgDst}'.` };
  }
  if (queried === 1 && vrgs.size === 1) {
    const [cluster, vrg] = [...vrgs][0]!;
    const vrgAction = vrg.spec.action ?? '';
    if (vrg.spec.replicationState === 'primary' && dst === cluster) {
      if (action !== vrgAction) return { row: 5, progress: 'Stop', message: `Stop - Two different actions for the same cluster - drpcAction:'${action}'. vrgAction:'${vrgAction}'` };
      return { row: 5, progress: 'Continue', message: '' };
    }
    if (dst !== cluster && vrg.spec.replicationState === 'secondary') return { row: 5, progress: 'AllowFailover', message: 'Failover is allowed - Primary is assumed to be on the failed cluster' };
    return { row: 5,
      progress: 'AllowFailover',
      message: `Failover is allowed - drpcAction:'${action}'. vrgAction:'${vrgAction}'. DRPCDstClstr:'${dst}'. vrgDstClstr:'${vrg.metadata.annotations?.[DESTINATION_CLUSTER_ANNOTATION] ?? ''}'. ReplicationState: '${vrg.spec.replicationState}'.`,
    };
  }
  if (queried === 2 && vrgs.size >= 1) {
    let cluster = '';
    let vrg: VolumeReplicationGroup | undefined;
    for (const [c, v] of vrgs) {
      cluster = c;
      vrg = v;
      if (v.spec.replicationState === 'primary') break;
    }
    if (vrg!.spec.replicationState === 'secondary' && vrgs.size === 2) return { row: 6, progress: 'Stop', message: 'Stop - Both VRGs have the same secondary state' };
    const vrgAction = vrg!.spec.action ?? '';
    if (action === vrgAction && dst === cluster) return { row: 6, progress: 'Continue', message: '' };
    return { row: 6,
      progress: 'AllowFailover',
      message: `Failover is allowed - VRGs count:'${vrgs.size}'. drpcAction:'${action}'. vrgAction:'${vrgAction}'. DstCluster:'${dst}'. vrgOnCluster '${cluster}'`,
    };
  }
  return { row: 7, progress: 'AllowFailover', message: 'Failover is allowed - User intervention is required' };
}

/** The decision table of §8, rows 1–7, as progress and message. */
export function recoveryVerdict(input: RecoveryInput): { progress: RecoveryProgress; message: string } {
  const { progress, message } = recoveryVerdictRow(input);
  return { progress, message };
}

/**
 * `ensureDRPCStatusConsistency`: returns true when the pass must stop here (status then written and
 * requeued); throws — with no status written — when the VRGs cannot be queried at all.
 */
export async function ensureDrpcStatusConsistency(
  deps: HubDeps,
  drpc: DRPlacementControl,
  drClusters: readonly DRCluster[],
  vrgNamespace: string,
  config: RamenConfig,
): Promise<boolean> {
  const phase = drpc.status?.phase ?? '';
  if (phase !== '' && phase !== 'WaitForUser') return false;
  const action = drpc.spec.action ?? '';
  const dst = action === 'Failover' ? (drpc.spec.failoverCluster ?? '') : (drpc.spec.preferredCluster ?? '');
  const query = await getVrgsFromManagedClusters(deps.client, drpc, drClusters, vrgNamespace);
  let progress: RecoveryProgress;
  let message: string;
  let row = 0;
  if (!(await ensureVrgsManagedByDrpc(deps, drpc, vrgNamespace, query.vrgs))) {
    progress = 'Stop';
    message = 'VRG adoption in progress';
  } else {
    const s3Vrg =
      query.queriedCount === 1 && query.vrgs.size === 0
        ? await lastKnownPrimaryVrgFromS3(deps, config, availableS3Profiles(drClusters), drpc.metadata.name, vrgNamespace)
        : undefined;
    ({ progress, message, row } = recoveryVerdictRow({
      phase,
      action,
      failoverCluster: drpc.spec.failoverCluster ?? '',
      dstCluster: dst,
      queriedCount: query.queriedCount,
      failedCluster: query.failedCluster,
      vrgs: query.vrgs,
      s3Vrg,
    }));
  }
  deps.trace.emit({ type: 'hub.drpc.recovery', drpc: `${drpc.metadata.namespace}/${drpc.metadata.name}`, progress, message, row });
  if (progress === 'Continue') return false;
  const gen = drpc.metadata.generation ?? 0;
  const now = rfc3339(deps.clock.nowMs());
  drpc.status ??= {};
  drpc.status.conditions ??= [];
  if (progress === 'AllowFailover') {
    drpc.status.phase = 'WaitForUser';
    drpc.status.observedGeneration = gen;
    drpc.status.progression = Progression.Paused;
    addOrUpdateCondition(drpc.status.conditions, CONDITION_AVAILABLE, gen, 'True', DRPCReason.Success, message, now);
    addOrUpdateCondition(drpc.status.conditions, CONDITION_PEER_READY, gen, 'True', DRPCReason.Success, 'Failover allowed', now);
    return true;
  }
  drpc.status.progression = Progression.Paused;
  addOrUpdateCondition(drpc.status.conditions, CONDITION_AVAILABLE, gen, 'False', DRPCReason.Paused, `Operation Paused - User Intervention Required. ${message}`, now);
  addOrUpdateCondition(drpc.status.conditions, CONDITION_PEER_READY, gen, 'False', DRPCReason.Paused, 'User Intervention Required', now);
  return true;
}
