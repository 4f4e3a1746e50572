// Metro (sync) versus regional (async) classification of a DRPolicy (hub spec §14.3): with no peer
// classes at all the scheduling interval decides (zero or empty means metro); otherwise any sync peer
// class means metro; else regional. The conflict check also wants the metro cluster pairs, which come
// only from sync peer classes with a single storage ID.

import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import { schedulingIntervalSeconds } from './scheduling-interval.js';

export interface MetroVerdict {
  metro: boolean;
  /** Cluster-name pairs in a sync relationship; only when an ID→name map was given. */
  metroClusterPairs?: string[][];
}

export class IntervalParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntervalParseError';
  }
}

/** `dRPolicySupportsMetro`; throws IntervalParseError when the interval must decide and does not parse. */
export function policySupportsMetro(policy: DRPolicy, clusterIdToName?: ReadonlyMap<string, string>): MetroVerdict {
  const sync = policy.status?.sync?.peerClasses ?? [];
  const async = policy.status?.async?.peerClasses ?? [];
  if (sync.length === 0 && async.length === 0) {
    const r = schedulingIntervalSeconds(policy.spec.schedulingInterval);
    if (r.error) throw new IntervalParseError(r.error);
    return { metro: r.seconds === 0 };
  }
  if (sync.length === 0) return { metro: false };
  if (!clusterIdToName) return { metro: true };
  const pairs: string[][] = [];
  for (const pc of sync) {
    if ((pc.storageID ?? []).length !== 1) continue;
    const ids = pc.clusterIDs ?? [];
    if (ids.length === 0) return { metro: false };
    // Unknown IDs map to "" exactly as a Go map lookup returns the zero value.
    pairs.push(ids.map((id) => clusterIdToName.get(id) ?? ''));
  }
  return { metro: true, metroClusterPairs: pairs };
}
