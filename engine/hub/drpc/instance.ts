// The working instance of one DRPC reconcile (Ramen's DRPCInstance): the DRPC held in memory and
// mutated throughout the pass, the placement, policy, DR clusters and this pass's VRG views. Only the
// final in-memory status is written at the end of the pass, so observers never see intermediate phases.

import type { Condition } from '../../api/meta.js';
import type { DRCluster } from '../../api/ramen/drcluster.js';
import type { DRPlacementControl, DRState, ProgressionStatus } from '../../api/ramen/drpc.js';
import { CONDITION_AVAILABLE, CONDITION_PEER_READY } from '../../api/ramen/drpc.js';
import { DR_ACTION_COUNT_ANNOTATION } from '../../api/ramen/hub-constants.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { formatGoDuration } from '../../api/storage/go-duration.js';
import { parseRfc3339, rfc3339 } from '../../runtime/ports.js';
import type { ConditionStatus } from '../conditions.js';
import { addOrUpdateCondition } from '../conditions.js';
import type { HubDeps } from '../deps.js';
import type { UserPlacement } from './placement.js';
import { availableStatusForPhase, isRestPhase, nextActionCountAnnotation } from './progression.js';

export type DRType = 'sync' | 'async';

export interface DrpcInstance {
  deps: HubDeps;
  drpc: DRPlacementControl;
  placement: UserPlacement;
  policy: DRPolicy;
  /** The policy's DRClusters, in the policy's order. */
  drClusters: DRCluster[];
  /** This pass's VRG views by cluster, in the policy's order (deterministic, unlike Go's map). */
  vrgs: Map<string, VolumeReplicationGroup>;
  queriedCount: number;
  vrgNamespace: string;
  drType: DRType;
  volSyncDisabled: boolean;
  config: RamenConfig;
  /** Set by the fresh-view checks when a view could not be read (§17 MCV-in-progress requeue). */
  mcvRequestInProgress: boolean;
  requeueAfterMs?: number;
}

export function nowIso(d: Pick<DrpcInstance, 'deps'>): string {
  return rfc3339(d.deps.clock.nowMs());
}

export function generationOf(d: DrpcInstance): number {
  return d.drpc.metadata.generation ?? 0;
}

export function policyClusters(d: Pick<DrpcInstance, 'policy'>): string[] {
  return [...d.policy.spec.drClusters];
}

export function conditionsOf(d: DrpcInstance): Condition[] {
  d.drpc.status ??= {};
  d.drpc.status.conditions ??= [];
  return d.drpc.status.conditions;
}

export function phaseOf(d: DrpcInstance): DRState {
  return d.drpc.status?.phase ?? '';
}

export function progressionOf(d: DrpcInstance): ProgressionStatus {
  return d.drpc.status?.progression ?? '';
}

export function setCondition(d: DrpcInstance, type: string, status: ConditionStatus, reason: string, message: string): boolean {
  return addOrUpdateCondition(conditionsOf(d), type, generationOf(d), status, reason, message, nowIso(d));
}

/** `Available` with the status the current phase implies and the phase as its reason. */
export function setAvailableForPhase(d: DrpcInstance, message: string): void {
  setCondition(d, CONDITION_AVAILABLE, availableStatusForPhase(phaseOf(d)), phaseOf(d), message);
}

export function setPeerReady(d: DrpcInstance, status: ConditionStatus, reason: string, message: string): void {
  setCondition(d, CONDITION_PEER_READY, status, reason, message);
}

/** `setDRState`: a phase change records the generation, counts actions, and is traced as Ramen records an event. */
export function setDRState(d: DrpcInstance, next: DRState): void {
  d.drpc.status ??= {};
  if (d.drpc.status.phase === next) return;
  d.drpc.status.phase = next;
  d.drpc.status.observedGeneration = generationOf(d);
  // The transition is counted the moment it happens, so two phase moves in one pass both count (S20).
  const count = nextActionCountAnnotation(d.drpc.metadata.annotations?.[DR_ACTION_COUNT_ANNOTATION], next);
  if (count !== undefined) d.drpc.metadata.annotations = { ...(d.drpc.metadata.annotations ?? {}), [DR_ACTION_COUNT_ANNOTATION]: count };
  d.deps.trace.emit({ type: 'hub.drpc.phase', drpc: `${d.drpc.metadata.namespace}/${d.drpc.metadata.name}`, phase: next });
}

export function setProgression(d: DrpcInstance, next: ProgressionStatus): void {
  d.drpc.status ??= {};
  d.drpc.status.progression = next;
}

/** Entering an action: only from a rest phase, so switching actions mid-flight keeps the start time. */
export function setStatusInitiating(d: DrpcInstance): void {
  if (!isRestPhase(phaseOf(d))) return;
  setDRState(d, 'Initiating');
  setProgression(d, '');
  d.drpc.status!.actionStartTime = nowIso(d);
  delete d.drpc.status!.actionDuration;
}

/** Set once, at Completed, when a start time exists and no duration was recorded yet. */
export function setActionDuration(d: DrpcInstance): void {
  const status = d.drpc.status;
  if (!status || status.actionDuration !== undefined || status.actionStartTime === undefined) return;
  const start = parseRfc3339(status.actionStartTime);
  if (start === undefined) return;
  status.actionDuration = formatGoDuration(Math.max(0, d.deps.clock.nowMs() - start));
}

/** `updatePreferredDecision`: filled from preferredCluster only while empty. */
export function updatePreferredDecision(d: DrpcInstance): void {
  const preferred = d.drpc.spec.preferredCluster ?? '';
  d.drpc.status ??= {};
  const pd = d.drpc.status.preferredDecision;
  if (preferred !== '' && !pd?.clusterName && !pd?.clusterNamespace) {
    d.drpc.status.preferredDecision = { clusterName: preferred, clusterNamespace: preferred };
  }
}

export function drpcKey(d: Pick<DrpcInstance, 'drpc'>): string {
  return `${d.drpc.metadata.namespace}/${d.drpc.metadata.name}`;
}

/** A reconcile step that did not finish: the caller writes status and retries (rate-limited). */
export class WaitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WaitError';
  }
}
