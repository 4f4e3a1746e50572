// The DRPC state machine as pure functions (hub spec §6): which phases are rest phases, what
// `Available` status a phase implies, the action counter's transition rules (§9.7), and the step each
// action takes given what the hub sees. The reconciler performs the I/O; these decide.

import type { DRState, ProgressionStatus } from '../../api/ramen/drpc.js';
import { Progression } from '../../api/ramen/drpc.js';
import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import type { ConditionStatus } from '../conditions.js';

/** Phases from which entering an action resets the start time (`setStatusInitiating`). */
export const REST_PHASES: readonly DRState[] = ['', 'WaitForUser', 'Deployed', 'FailedOver', 'Relocated'];

export function isRestPhase(phase: DRState | undefined): boolean {
  return REST_PHASES.includes(phase ?? '');
}

/** `getConditionStatusForTypeAvailable`: True in final phases, False while progressing, else Unknown. */
export function availableStatusForPhase(phase: DRState | undefined): ConditionStatus {
  switch (phase) {
    case 'Deployed':
    case 'FailedOver':
    case 'Relocated':
      return 'True';
    case 'Initiating':
    case 'Deploying':
    case 'FailingOver':
    case 'Relocating':
      return 'False';
    default:
      return 'Unknown';
  }
}

const PRE_RELOCATE: readonly ProgressionStatus[] = [
  Progression.PreparingFinalSync,
  Progression.ClearingPlacement,
  Progression.RunningFinalSync,
  Progression.FinalSyncComplete,
  Progression.EnsuringVolumesAreSecondary,
  Progression.WaitOnUserToCleanUp,
];

export function isPreRelocateProgression(p: ProgressionStatus | undefined): boolean {
  return PRE_RELOCATE.includes(p ?? '');
}

export interface ActionCount {
  failover: number;
  relocate: number;
  lastPhase: DRState;
}

export function parseActionCount(value: string | undefined): ActionCount {
  const zero: ActionCount = { failover: 0, relocate: 0, lastPhase: '' };
  if (value === undefined) return zero;
  try {
    const parsed = JSON.parse(value) as Partial<ActionCount>;
    if (typeof parsed !== 'object' || parsed === null) return zero;
    return {
      failover: typeof parsed.failover === 'number' ? parsed.failover : 0,
      relocate: typeof parsed.relocate === 'number' ? parsed.relocate : 0,
      lastPhase: typeof parsed.lastPhase === 'string' ? (parsed.lastPhase as DRState) : '',
    };
  } catch {
    // A malformed value resets the counts, as Go's failed Unmarshal leaves a zero struct.
    return zero;
  }
}

/**
 * `syncDRActionCountAnnotation`: only moves into or out of Initiating are recorded; Initiating →
 * FailingOver counts a failover and Initiating → Relocating a relocate. Returns the new annotation
 * value, or undefined when the annotation must not change.
 */
export function nextActionCountAnnotation(current: string | undefined, phase: DRState): string | undefined {
  const counts = parseActionCount(current);
  if (counts.lastPhase === phase) return undefined;
  if (counts.lastPhase !== 'Initiating' && phase !== 'Initiating') return undefined;
  if (counts.lastPhase === 'Initiating') {
    if (phase === 'FailingOver') counts.failover++;
    else if (phase === 'Relocating') counts.relocate++;
  }
  counts.lastPhase = phase;
  const value = JSON.stringify({ failover: counts.failover, relocate: counts.relocate, lastPhase: counts.lastPhase });
  return value === current ? undefined : value;
}

export const isVrgPrimary = (vrg: VolumeReplicationGroup | undefined): boolean => vrg?.spec?.replicationState === 'primary';
export const isVrgSecondary = (vrg: VolumeReplicationGroup | undefined): boolean => vrg?.spec?.replicationState === 'secondary';

/** The step of initial deployment (§6.2), from the views and the current decision. */
export type DeployStep =
  | { step: 'D0' }
  | { step: 'D2'; deployedOn: string }
  | { step: 'D3' }
  | { step: 'D4'; deployedOn: string };

export function chooseDeployStep(input: {
  preferredCluster: string;
  vrgs: ReadonlyMap<string, VolumeReplicationGroup>;
  currentDecision: string;
}): DeployStep {
  const home = input.preferredCluster;
  if (!home) return { step: 'D0' };
  let deployedOn = '';
  if (input.vrgs.has(home)) deployedOn = home;
  else {
    for (const [cluster, vrg] of input.vrgs) {
      if (cluster !== home && isVrgPrimary(vrg)) {
        deployedOn = cluster;
        break;
      }
    }
  }
  if (deployedOn !== '' && deployedOn !== home) return { step: 'D2', deployedOn };
  if (deployedOn === '' || input.currentDecision !== home) return { step: 'D3' };
  return { step: 'D4', deployedOn };
}

/** F8: the failover source is the decision, else the preferred decision, else the peer of the target. */
export function failoverHomeCluster(input: { currentDecision: string; preferredDecision: string; policyClusters: readonly string[]; target: string }): string {
  if (input.currentDecision) return input.currentDecision;
  if (input.preferredDecision) return input.preferredDecision;
  return input.policyClusters.find((c) => c !== input.target) ?? '';
}

/** The multiple-primary check of relocate (R1): dry-run primaries do not count. */
export function multiplePrimaries(vrgs: ReadonlyMap<string, VolumeReplicationGroup>): boolean {
  let n = 0;
  for (const vrg of vrgs.values()) if (isVrgPrimary(vrg) && !vrg.spec.dryRun) n++;
  return n > 1;
}

/** R1: validate and return the current primary (first primary view, possibly ''), or the error text. */
export function relocateCurrentPrimary(preferredCluster: string, vrgs: ReadonlyMap<string, VolumeReplicationGroup>): { home: string } | { error: string } {
  if (!preferredCluster) return { error: 'preferred cluster not valid' };
  if (vrgs.size === 0) return { error: 'no VRGs exists. Can\'t relocate' };
  if (multiplePrimaries(vrgs)) return { error: 'multiple primaries in transition detected' };
  for (const [cluster, vrg] of vrgs) if (isVrgPrimary(vrg)) return { home: cluster };
  return { home: '' };
}
