// What each managed cluster's stored VRGs have shown over the run, reduced to the facts the hub's
// gates are about: is this VRG (this incarnation, by uid) a proven Secondary, i.e. has its operator
// reported `state: Secondary` at a generation whose spec was secondary, with no primary spec since?
// Checking the hub's promotions against these facts, rather than against the hub's own views, is
// what lets a checker catch a hub that trusts a stale view.

import type { KubeObject } from '../../../engine/api/meta.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';

export interface VrgRecord {
  cluster: string;
  namespace: string;
  name: string;
  uid: string;
  exists: boolean;
  /** The cluster was wiped (destroyed) while this VRG existed: the record is its last known form. */
  destroyed: boolean;
  specState: string;
  generation: number;
  state: string;
  observedGeneration: number;
  /** Seq of the last write seen. */
  lastSeq: number;
  /** Seq of the write that proved this incarnation Secondary since its spec last became secondary. */
  provenSecondarySeq?: number;
  /** Seq of the write at which the operator first observed the current secondary spec. */
  secondarySpecObservedSeq?: number;
  /** When the spec's replicationState last changed (or the VRG appeared), in virtual ms. */
  specSinceMs: number;
  /** The replicationState before that change ('' for a new VRG). */
  previousSpecState: string;
  /** The last stored form. */
  object: VolumeReplicationGroup;
}

export class VrgTracker {
  private readonly records = new Map<string, VrgRecord>();

  static key(cluster: string, namespace: string, name: string): string {
    return `${cluster}/${namespace}/${name}`;
  }

  get(cluster: string, namespace: string, name: string): VrgRecord | undefined {
    return this.records.get(VrgTracker.key(cluster, namespace, name));
  }

  /** A VRG was written (or removed) on `cluster`. */
  written(cluster: string, obj: KubeObject, seq: number, atMs: number, removed: boolean): void {
    const vrg = obj as VolumeReplicationGroup;
    const k = VrgTracker.key(cluster, vrg.metadata.namespace ?? '', vrg.metadata.name);
    const prev = this.records.get(k);
    const uid = vrg.metadata.uid ?? '';
    const same = prev !== undefined && prev.uid === uid && prev.exists;
    const specState = vrg.spec?.replicationState ?? '';
    const generation = vrg.metadata.generation ?? 0;
    const state = vrg.status?.state ?? '';
    const observedGeneration = vrg.status?.observedGeneration ?? 0;
    const rec: VrgRecord = {
      cluster,
      namespace: vrg.metadata.namespace ?? '',
      name: vrg.metadata.name,
      uid,
      exists: !removed,
      destroyed: false,
      specState,
      generation,
      state,
      observedGeneration,
      lastSeq: seq,
      specSinceMs: same && prev.specState === specState ? prev.specSinceMs : atMs,
      previousSpecState: same ? (prev.specState === specState ? prev.previousSpecState : prev.specState) : '',
      object: vrg,
    };
    // Proofs carry over while the incarnation stays secondary in spec; a primary spec voids them.
    if (same && specState === 'secondary' && prev.specState === 'secondary') {
      if (prev.provenSecondarySeq !== undefined) rec.provenSecondarySeq = prev.provenSecondarySeq;
      if (prev.secondarySpecObservedSeq !== undefined) rec.secondarySpecObservedSeq = prev.secondarySpecObservedSeq;
    }
    if (specState === 'secondary' && observedGeneration === generation) {
      rec.secondarySpecObservedSeq ??= seq;
      if (state === 'Secondary') rec.provenSecondarySeq ??= seq;
    }
    this.records.set(k, rec);
  }

  /** The cluster's API server was wiped: its VRGs are gone, their last forms kept. */
  wiped(cluster: string): void {
    for (const r of this.records.values()) {
      if (r.cluster !== cluster || !r.exists) continue;
      r.exists = false;
      r.destroyed = true;
    }
  }

  /**
   * Whether the VRG's spec asked for `state` at `atMs` or within `graceMs` before it: a reconcile that
   * read the spec just before the hub changed it may still be finishing its writes.
   */
  specWas(rec: VrgRecord, state: string, atMs: number, graceMs: number): boolean {
    if (rec.specState === state) return true;
    return rec.previousSpecState === state && atMs - rec.specSinceMs <= graceMs;
  }

  all(): VrgRecord[] {
    return [...this.records.values()];
  }
}
