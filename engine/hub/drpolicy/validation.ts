// DRPolicy checks (hub spec §14.1 step 6, §14.6): every named DRCluster must exist and at least one be
// Validated; a policy may not hold both sync and async peer classes; against every older policy, a
// shared cluster inside a metro pair is a conflict (only the newer policy is invalidated).

import type { DRCluster } from '../../api/ramen/drcluster.js';
import { DRCLUSTER_VALIDATED } from '../../api/ramen/drcluster.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import { DRPolicyReason } from '../../api/ramen/drpolicy.js';
import { parseRfc3339 } from '../../runtime/ports.js';
import { findCondition } from '../conditions.js';
import { policySupportsMetro } from './metro.js';

export class PolicyValidationError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'PolicyValidationError';
  }
}

/** `validateDRPolicy`; throws PolicyValidationError with the reason to report. */
export function validateDrPolicy(policy: DRPolicy, drClusters: readonly DRCluster[]): void {
  const names = policy.spec.drClusters;
  if (names.length === 0) throw new PolicyValidationError(DRPolicyReason.ValidationFailed, 'missing DRClusters list in policy');
  let found = 0;
  let validated = 0;
  for (const name of names) {
    for (const c of drClusters) {
      if (c.metadata.name !== name) continue;
      found++;
      if (findCondition(c.status?.conditions, DRCLUSTER_VALIDATED)?.status === 'True') validated++;
    }
  }
  const list = `[${names.join(' ')}]`;
  if (found !== names.length) throw new PolicyValidationError(DRPolicyReason.DRClusterNotFound, `failed to find DRClusters specified in policy (${list})`);
  if (validated === 0) throw new PolicyValidationError(DRPolicyReason.DRClustersUnavailable, `none of the DRClusters are validated (${list})`);
}

function overlappingMetroZones(a: DRPolicy, b: DRPolicy, idToName: ReadonlyMap<string, string>): boolean {
  const common = a.spec.drClusters.filter((c) => b.spec.drClusters.includes(c));
  if (common.length === 0) return false;
  const metroPairs = (p: DRPolicy): string[][] => {
    try {
      const v = policySupportsMetro(p, idToName);
      return v.metro ? (v.metroClusterPairs ?? []) : [];
    } catch {
      return [];
    }
  };
  for (const pair of metroPairs(b)) if (pair.some((c) => common.includes(c))) return true;
  for (const pair of metroPairs(a)) if (pair.some((c) => common.includes(c))) return true;
  return false;
}

/** `validatePolicyConflicts`; returns the error text or undefined. */
export function policyConflict(policy: DRPolicy, all: readonly DRPolicy[], idToName: ReadonlyMap<string, string>): string | undefined {
  if ((policy.status?.sync?.peerClasses ?? []).length > 0 && (policy.status?.async?.peerClasses ?? []).length > 0) {
    return 'invalid DRPolicy: a policy cannot contain both sync and async configurations';
  }
  const created = parseRfc3339(policy.metadata.creationTimestamp) ?? 0;
  for (const other of all) {
    if (other.metadata.name === policy.metadata.name) continue;
    // Only the newer policy of a pair is invalidated.
    if (created < (parseRfc3339(other.metadata.creationTimestamp) ?? 0)) continue;
    if (overlappingMetroZones(policy, other, idToName)) {
      return `validate managed cluster in drpolicy failed: drpolicy: ${policy.metadata.name} has overlapping clusters with another drpolicy ${other.metadata.name}`;
    }
  }
  return undefined;
}
