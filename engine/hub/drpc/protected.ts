// The DRPC's `Protected` condition, evaluated from one VRG (hub spec §9.4, Ramen's protected_condition.go).
// The first rule that yields a verdict wins; a pure function of the VRG, so it is unit-tested directly.

import type { Condition } from '../../api/meta.js';
import { ProtectedReason } from '../../api/ramen/drpc.js';
import { GLOBAL_VGR_LABEL } from '../../api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { VRG_ERROR_REASONS } from '../../api/ramen/vrg.js';
import type { ConditionStatus } from '../conditions.js';
import { findCondition } from '../conditions.js';

export interface ProtectedVerdict {
  status: ConditionStatus;
  reason: string;
  message: string;
}

function vrgRef(vrg: VolumeReplicationGroup, cluster: string): string {
  return `VolumeReplicationGroup (${vrg.metadata.namespace ?? ''}/${vrg.metadata.name}) on cluster ${cluster}`;
}

const atGen = (c: Condition | undefined, vrg: VolumeReplicationGroup): boolean => (c?.observedGeneration ?? 0) === (vrg.metadata.generation ?? 0);

/** The generic check: undefined means "satisfied, continue". */
function generic(vrg: VolumeReplicationGroup, cluster: string, type: string, msgUnknown: string, msgProgressing: string, msgError: string): ProtectedVerdict | undefined {
  const c = findCondition(vrg.status?.conditions, type);
  if (c && c.status === 'True' && atGen(c, vrg)) return undefined;
  if (!c || !atGen(c, vrg) || c.status === 'Unknown') {
    return {
      status: 'Unknown',
      reason: ProtectedReason.Unknown,
      message: `${vrgRef(vrg, cluster)} is not reporting any status about ${msgUnknown}, retrying till ${type} condition is met`,
    };
  }
  if (VRG_ERROR_REASONS.includes(c.reason)) {
    return {
      status: 'False',
      reason: ProtectedReason.Error,
      message: `${vrgRef(vrg, cluster)} is reporting errors (${c.message}) ${msgError}, retrying till ${type} condition is met`,
    };
  }
  return {
    status: 'False',
    reason: ProtectedReason.Progressing,
    message: `${vrgRef(vrg, cluster)} is progressing on ${msgProgressing} (${c.message}), retrying till ${type} condition is met`,
  };
}

export function evaluateProtected(vrg: VolumeReplicationGroup, cluster: string): ProtectedVerdict {
  const conds = vrg.status?.conditions;
  const primary = vrg.spec.replicationState === 'primary';
  const secondary = vrg.spec.replicationState === 'secondary';

  // 1. A failed hook at the current generation is an error.
  const hooks = findCondition(conds, 'HooksReady');
  if (hooks && atGen(hooks, vrg) && hooks.status === 'False' && hooks.reason === 'HookFailed') {
    return { status: 'False', reason: ProtectedReason.Error, message: `${vrgRef(vrg, cluster)} hook execution failed: ${hooks.message}` };
  }
  // 2. Workload resources restored (primary only).
  if (primary) {
    const v = generic(vrg, cluster, 'ClusterDataReady', 'workload resources readiness', 'restoring workload resources', 'restoring workload resources');
    if (v) return v;
  }
  // 3. Data readiness and protection, by replication state.
  if (primary) {
    const v = generic(vrg, cluster, 'DataReady', 'workload data readiness', 'readying workload data', 'readying workload data');
    if (v) return v;
    const dp = findCondition(conds, 'DataProtected');
    const skip = dp !== undefined && atGen(dp, vrg) && ((dp.reason === 'Replicating' && dp.status === 'False') || dp.status === 'True');
    if (!skip) {
      const w = generic(vrg, cluster, 'DataProtected', 'workload data protection', 'protecting workload data', 'protecting workload data');
      if (w) return w;
    }
  } else if (secondary) {
    const dr = findCondition(conds, 'DataReady');
    const skipReady = dr === undefined || (atGen(dr, vrg) && dr.status === 'False' && dr.reason === 'Replicating' && vrg.spec.async !== undefined && vrg.spec.action === 'Failover');
    if (!skipReady) {
      const v = generic(vrg, cluster, 'DataReady', 'workload data readiness', 'readying workload data', 'readying workload data');
      if (v) return v;
    }
    if (findCondition(conds, 'DataProtected')) {
      const v = generic(vrg, cluster, 'DataProtected', 'workload data protection', 'protecting workload data', 'protecting workload data');
      if (v) return v;
    }
  }
  // 4. Destination info, when reported.
  const dest = findCondition(conds, 'DestinationInfoAvailable');
  if (dest && !(dest.status === 'True' && atGen(dest, vrg))) {
    const v = generic(vrg, cluster, 'DestinationInfoAvailable', 'destination info availability', 'waiting for destination info', 'destination info');
    if (v) return v;
  }
  // 5. No cluster-data conflict (absent counts as Unknown, so a VRG that never reports it is never Protected).
  const conflict = generic(vrg, cluster, 'NoClusterDataConflict', 'workload data protection', 'checking for workload data conflict', 'conflicting workload data');
  if (conflict) return conflict;
  // 6. Status generation, state, and (async, without global VGR) a group sync time.
  if ((vrg.status?.observedGeneration ?? 0) !== (vrg.metadata.generation ?? 0)) {
    return {
      status: 'False',
      reason: ProtectedReason.Unknown,
      message: `${vrgRef(vrg, cluster)} is not reporting status for current generation as ${vrg.spec.replicationState}, retrying till status is met`,
    };
  }
  const expected = primary ? 'Primary' : secondary ? 'Secondary' : 'Unknown';
  if ((vrg.status?.state ?? '') !== expected) {
    return { status: 'False', reason: ProtectedReason.Progressing, message: `${vrgRef(vrg, cluster)} is not reporting status as ${vrg.spec.replicationState}, retrying till status is met` };
  }
  if (vrg.spec.async !== undefined && !vrg.metadata.labels?.[GLOBAL_VGR_LABEL] && !vrg.status?.lastGroupSyncTime) {
    return {
      status: 'False',
      reason: ProtectedReason.Progressing,
      message: `${vrgRef(vrg, cluster)} is not reporting any lastGroupSyncTime as ${vrg.spec.replicationState}, retrying till status is met`,
    };
  }
  // 7. Cluster data protected (primary only).
  if (primary) {
    const v = generic(vrg, cluster, 'ClusterDataProtected', 'workload resource protection', 'protecting workload resources', 'protecting workload resources');
    if (v) return v;
  }
  return { status: 'True', reason: ProtectedReason.Protected, message: `${vrgRef(vrg, cluster)} is protecting required resources and data` };
}
