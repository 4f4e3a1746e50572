// What DR-cluster checkers remember of earlier writes, to judge a transition rather than a state: the
// form an object had before the write being judged (the monitor only reads back the kinds it follows,
// and a transition needs both sides), when a VRG spec flag turned on, and the status a VRG showed last.

import type { KubeObject } from '../../../engine/api/meta.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import type { Observed } from '../checker.js';
import { FOLLOWED_KINDS } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';

/**
 * The stored form of each object of some kinds before and after the write being judged. For kinds the
 * monitor follows it uses the object handed over; for others it reads the store, which at that point
 * holds what the write stored.
 */
export class StoredForms {
  private readonly last = new Map<string, KubeObject>();

  constructor(private readonly apiVersions: Readonly<Record<string, string>>) {}

  /** Call for every event; returns both forms for a write of a kind this instance follows. */
  seen(o: Observed, w: ObservedWorld): { before?: KubeObject; after?: KubeObject } | undefined {
    const e = o.event;
    if (e.type === 'api.wipe') {
      for (const k of [...this.last.keys()]) if (k.startsWith(`${String(e.cluster)}/`)) this.last.delete(k);
      return undefined;
    }
    if (e.type !== 'api.write' || e.noop) return undefined;
    const kind = String(e.kind);
    const apiVersion = this.apiVersions[kind];
    if (apiVersion === undefined) return undefined;
    const cluster = String(e.cluster);
    const ns = e.ns === undefined || e.ns === null ? undefined : String(e.ns);
    const key = `${cluster}/${kind}/${ns ?? ''}/${String(e.name)}`;
    const before = this.last.get(key);
    const after = e.verb === 'remove' ? undefined : FOLLOWED_KINDS[kind] !== undefined ? o.object : w.peek(cluster, apiVersion, kind, String(e.name), ns);
    if (after) this.last.set(key, after);
    else this.last.delete(key);
    // A different uid is a new object: nothing came before it.
    const sameObject = before !== undefined && after !== undefined && before.metadata.uid === after.metadata.uid;
    return { ...(sameObject || (before && !after) ? { before } : {}), ...(after ? { after } : {}) };
  }
}

/**
 * When a boolean of each VRG's spec last turned on (this incarnation), so a checker can give a
 * reconcile that read the spec just before the change time to finish.
 */
export class SpecFlagSince {
  private readonly since = new Map<string, { uid: string; atMs: number }>();

  constructor(private readonly flag: (vrg: VolumeReplicationGroup) => boolean) {}

  observe(o: Observed): void {
    const e = o.event;
    if (e.type === 'api.wipe') {
      for (const k of [...this.since.keys()]) if (k.startsWith(`${String(e.cluster)}/`)) this.since.delete(k);
      return;
    }
    if (e.type !== 'api.write' || e.kind !== 'VolumeReplicationGroup' || !o.object || e.noop) return;
    const vrg = o.object as VolumeReplicationGroup;
    const key = `${String(e.cluster)}/${vrg.metadata.namespace ?? ''}/${vrg.metadata.name}`;
    const uid = vrg.metadata.uid ?? '';
    if (e.verb === 'remove' || !this.flag(vrg)) {
      this.since.delete(key);
      return;
    }
    const prev = this.since.get(key);
    if (!prev || prev.uid !== uid) this.since.set(key, { uid, atMs: e.t });
  }

  /** Whether the flag has been on for longer than `graceMs` at `atMs`. */
  onFor(cluster: string, namespace: string, name: string, atMs: number, graceMs: number): boolean {
    const s = this.since.get(`${cluster}/${namespace}/${name}`);
    return s !== undefined && atMs - s.atMs > graceMs;
  }
}

/** The status each VRG incarnation last showed in an operator status write, to tell a new fact from a carried one. */
export class LastVrgStatus {
  private readonly last = new Map<string, VolumeReplicationGroup>();

  /** Records `vrg` as the latest and returns the one it replaces. */
  swap(cluster: string, vrg: VolumeReplicationGroup): VolumeReplicationGroup | undefined {
    const key = `${cluster}/${vrg.metadata.namespace ?? ''}/${vrg.metadata.name}/${vrg.metadata.uid ?? ''}`;
    const previous = this.last.get(key);
    this.last.set(key, vrg);
    return previous;
  }
}
