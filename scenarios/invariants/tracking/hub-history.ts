// A short memory of the hub objects the hub operator's gates read (DRPCs, DRPolicies, DRClusters, the
// user's placements and their decisions, and the ManagedClusterViews through which it sees VRGs), so
// a checker can ask what any of them showed during the pass that made a write.
//
// Why a window and not the object as stored at the write: a DRPC pass reads the DRPC, the policy,
// the DRClusters and every view at its start and writes later. Hub API calls complete without virtual
// time passing, so most passes are one instant, but a pass that reads S3 (a regional failover looking
// for the last primary VRG, hub recovery) waits a network round trip per call, and a pass in flight
// when its operator crashes finishes its writes anyway. A pass never waits on anything else (no timers
// in engine/hub), so every pass lasts far less than PASS_SPAN_MS: whatever the pass read is among the
// versions current at some moment of [write time - PASS_SPAN_MS, write time]. A checker that accepts
// a write when *any* of those versions satisfies the gate is sound; it can only miss a violation
// whose window also held a satisfying version.

import type { KindRef, KubeObject } from '../../../engine/api/meta.js';
import { HubKinds } from '../../../engine/hub/kinds.js';

/** An upper bound on one hub pass in virtual time (see above); generous on purpose. */
export const PASS_SPAN_MS = 5_000;

/** Older versions are kept this long after they were replaced, comfortably more than PASS_SPAN_MS. */
const KEEP_MS = 60_000;

/** The hub kinds whose recent versions are kept, by kind name. */
export const HUB_HISTORY_KINDS: ReadonlyMap<string, KindRef> = new Map(
  [HubKinds.drpc, HubKinds.drPolicy, HubKinds.drCluster, HubKinds.placement, HubKinds.placementRule, HubKinds.placementDecision, HubKinds.view].map((k) => [k.kind, k]),
);

export interface HubVersion<T extends KubeObject = KubeObject> {
  /** Undefined while the object did not exist. */
  object: T | undefined;
  seq: number;
  /** Virtual ms at which this version was stored. */
  atMs: number;
}

export class HubHistory {
  private readonly versions = new Map<string, HubVersion[]>();

  static key(kind: string, namespace: string | undefined, name: string): string {
    return `${kind}/${namespace ?? ''}/${name}`;
  }

  /** A write stored `object` (undefined: the object is gone). */
  written(kind: string, namespace: string | undefined, name: string, object: KubeObject | undefined, seq: number, atMs: number): void {
    const key = HubHistory.key(kind, namespace, name);
    const list = this.versions.get(key) ?? [];
    list.push({ object, seq, atMs });
    // Drop versions replaced more than KEEP_MS ago; the newest such one stays as the state before.
    let drop = 0;
    while (drop + 1 < list.length && list[drop + 1]!.atMs < atMs - KEEP_MS) drop++;
    if (drop > 0) list.splice(0, drop);
    this.versions.set(key, list);
  }

  /** The hub's API server was wiped (hub restore): every object is gone until written again. */
  wiped(seq: number, atMs: number): void {
    for (const [key, list] of this.versions) if (list.at(-1)?.object !== undefined) this.versions.set(key, [...list, { object: undefined, seq, atMs }]);
  }

  /**
   * Every version current at some moment of [fromMs, now]: the last one stored at or before fromMs
   * (or "absent" when there was none), then every later one. Never empty.
   */
  since<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string, fromMs: number): HubVersion<T>[] {
    const list = (this.versions.get(HubHistory.key(kind, namespace, name)) ?? []) as HubVersion<T>[];
    let first = 0;
    for (let i = 0; i < list.length; i++) if (list[i]!.atMs <= fromMs) first = i;
    const out = list.slice(first);
    if (out.length === 0 || out[0]!.atMs > fromMs) out.unshift({ object: undefined, seq: -1, atMs: Number.NEGATIVE_INFINITY });
    return out;
  }

  /** The newest version ("absent" when none was seen). */
  latest<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.versions.get(HubHistory.key(kind, namespace, name))?.at(-1)?.object as T | undefined;
  }

  /** The version stored before the newest one ("absent" when there was none). */
  previous<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const list = this.versions.get(HubHistory.key(kind, namespace, name)) ?? [];
    return list.at(-2)?.object as T | undefined;
  }

  /** The versions a pass that wrote at `atMs` may have read. */
  duringPass<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string, atMs: number): HubVersion<T>[] {
    return this.since<T>(kind, namespace, name, atMs - PASS_SPAN_MS);
  }
}
