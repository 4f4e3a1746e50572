// The DRCluster's Validated, Fenced, Clean and CIDRsValidated conditions with the exact pairs of
// status and reason of hub spec §15.2 (Ramen's setDRCluster*Condition helpers).

import type { Condition } from '../../api/meta.js';
import { DRCLUSTER_CIDRS_VALIDATED, DRCLUSTER_CLEAN, DRCLUSTER_FENCED, DRCLUSTER_VALIDATED } from '../../api/ramen/drcluster.js';
import type { ConditionStatus } from '../conditions.js';
import { setConditionIfNotFound, setStatusCondition } from '../conditions.js';

type Set2 = (conditions: Condition[], generation: number, message: string, nowIso: string) => void;

function pair(fenced: [ConditionStatus, string], clean: [ConditionStatus, string]): Set2 {
  return (conditions, generation, message, nowIso) => {
    setStatusCondition(conditions, { type: DRCLUSTER_FENCED, status: fenced[0], reason: fenced[1], observedGeneration: generation, message }, nowIso);
    setStatusCondition(conditions, { type: DRCLUSTER_CLEAN, status: clean[0], reason: clean[1], observedGeneration: generation, message }, nowIso);
  };
}

export function setInitialConditions(conditions: Condition[], generation: number, message: string, nowIso: string): void {
  for (const type of [DRCLUSTER_VALIDATED, DRCLUSTER_FENCED, DRCLUSTER_CLEAN]) {
    setConditionIfNotFound(conditions, { type, reason: 'Initializing', observedGeneration: generation, status: 'Unknown', message }, nowIso);
  }
}

export const setFencing = pair(['False', 'Fencing'], ['True', 'Fencing']);
export const setUnfencing = pair(['True', 'Unfencing'], ['False', 'Unfencing']);
export const setCleaning = pair(['False', 'Cleaning'], ['False', 'Cleaning']);
export const setFenced = pair(['True', 'Fenced'], ['False', 'Fenced']);
/** After a successful unfence, Clean stays False with reason Fenced until the NetworkFences are removed. */
export const setUnfenced = pair(['False', 'Unfenced'], ['False', 'Fenced']);
export const setClean = pair(['False', 'Clean'], ['True', 'Clean']);
export const setFenceError = pair(['False', 'FenceError'], ['True', 'FenceError']);
export const setUnfenceError = pair(['True', 'UnfenceError'], ['False', 'UnfenceError']);

export function setValidatedTrue(conditions: Condition[], generation: number, message: string, nowIso: string): void {
  setStatusCondition(conditions, { type: DRCLUSTER_VALIDATED, status: 'True', reason: 'Succeeded', observedGeneration: generation, message }, nowIso);
}

export function setCidrsValidated(conditions: Condition[], generation: number, status: ConditionStatus, reason: string, message: string, nowIso: string): void {
  setStatusCondition(conditions, { type: DRCLUSTER_CIDRS_VALIDATED, status, reason, observedGeneration: generation, message }, nowIso);
}
