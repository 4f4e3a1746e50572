// What several DR-cluster checkers read off the stored objects: conditions at a generation, owner
// labels, the form an object had before the write being judged (the monitor only reads back the kinds
// it follows, and a transition needs both sides), and when a VRG spec flag turned on.

import type { Condition, KubeObject } from '../../../engine/api/meta.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { LABEL_OWNER_NAME, LABEL_OWNER_NAMESPACE_NAME, LABEL_VOLSYNC_OWNER, LABEL_VOLSYNC_OWNER_NAMESPACE, NO_S3_STORE_AVAILABLE } from '../../../engine/api/ramen/dr-constants.js';
import type { TraceEvent } from '../../../sim/trace/recorder.js';
import type { Observed } from '../checker.js';
import { DR_OPERATOR, FOLLOWED_KINDS } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import { s3ProfilesOf } from '../observed-world.js';
import type { VrgRecord } from '../tracking/vrg-tracker.js';


export function conditionOf(conds: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conds?.find((c) => c.type === type);
}

/** Ramen's "True": status True and observed at `generation`. */
export function trueAt(conds: readonly Condition[] | undefined, type: string, generation: number | undefined): boolean {
  const c = conditionOf(conds, type);
  return c?.status === 'True' && c.observedGeneration === generation;
}

export function hasFinalizer(obj: KubeObject | undefined, finalizer: string): boolean {
  return obj?.metadata.finalizers?.includes(finalizer) ?? false;
}

export function annotationOf(obj: KubeObject | undefined, key: string): string | undefined {
  return obj?.metadata.annotations?.[key];
}

export function isDeleting(obj: KubeObject | undefined): boolean {
  return obj?.metadata.deletionTimestamp !== undefined;
}

/** Whether the object carries Ramen's owner labels (or VolSync's, `volsync`) naming the VRG. */
export function ownedBy(obj: KubeObject, vrgNamespace: string, vrgName: string, volsync = false): boolean {
  const l = obj.metadata.labels ?? {};
  if (volsync) return l[LABEL_VOLSYNC_OWNER] === vrgName && l[LABEL_VOLSYNC_OWNER_NAMESPACE] === vrgNamespace;
  return l[LABEL_OWNER_NAME] === vrgName && l[LABEL_OWNER_NAMESPACE_NAME] === vrgNamespace;
}

/** The VRG (namespace, name) an object's Ramen owner labels name, if any. */
export function ownerOf(obj: KubeObject | undefined): { namespace: string; name: string } | undefined {
  const l = obj?.metadata.labels ?? {};
  const name = l[LABEL_OWNER_NAME];
  const namespace = l[LABEL_OWNER_NAMESPACE_NAME];
  return name !== undefined && namespace !== undefined ? { namespace, name } : undefined;
}

/** A DR-operator write that changed a stored object (not a status-only write, not a deletion). */
export function isOperatorSpecWrite(o: Observed): boolean {
  const e = o.event;
  return e.type === 'api.write' && e.actor === DR_OPERATOR && !e.noop && (e.verb === 'create' || e.verb === 'update' || e.verb === 'patch');
}

/** A DR-operator status write of a VRG that changed it, with the VRG as that write stored it. */
export function operatorVrgStatusWrite(o: Observed): VolumeReplicationGroup | undefined {
  const e = o.event;
  if (e.type !== 'api.write' || e.kind !== 'VolumeReplicationGroup' || e.actor !== DR_OPERATOR || e.verb !== 'status' || e.noop || !o.object) return undefined;
  // Written again before the monitor read it back (skew): the stored object is not this write's.
  if (o.object.metadata.resourceVersion !== e.rv) return undefined;
  return o.object as VolumeReplicationGroup;
}

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

/** The existing VRGs on a cluster whose PVC selection covers a namespace (their own, or the ones they protect). */
export function vrgsCovering(w: ObservedWorld, cluster: string, namespace: string): VrgRecord[] {
  return w.vrgs.all().filter((r) => r.cluster === cluster && r.exists && (r.namespace === namespace || (r.object.spec?.protectedNamespaces ?? []).includes(namespace)));
}

/** The S3 buckets of a VRG's profiles (NoS3 and unknown names skipped), by profile name. */
export function vrgBuckets(w: ObservedWorld, vrg: VolumeReplicationGroup): { profile: string; url: string; keys(prefix: string): string[]; get(key: string): Uint8Array | undefined }[] {
  const profiles = s3ProfilesOf(w);
  const out: ReturnType<typeof vrgBuckets> = [];
  for (const profile of vrg.spec?.s3Profiles ?? []) {
    if (profile === NO_S3_STORE_AVAILABLE) continue;
    const p = profiles.get(profile);
    const ep = p ? w.world.s3.get(p.url) : undefined;
    if (!p || !ep) continue;
    out.push({ profile, url: p.url, keys: (prefix) => ep.keys(p.bucket, prefix), get: (key) => ep.peek(p.bucket, key) });
  }
  return out;
}

export function namesNoS3(vrg: VolumeReplicationGroup): boolean {
  return (vrg.spec?.s3Profiles ?? []).includes(NO_S3_STORE_AVAILABLE);
}

export function inFinalSync(vrg: VolumeReplicationGroup | undefined): boolean {
  return vrg?.spec?.prepareForFinalSync === true || vrg?.spec?.runFinalSync === true;
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

/** The final sync's temporary PVC name suffix (spec §0): a copy, not a restore. */
export const FINAL_SYNC_TEMP_SUFFIX = '-for-finalsync';

/** The VRG a `dr.vrg.restore` event is about, as last stored. */
export function restoredVrg(e: TraceEvent, w: ObservedWorld): VrgRecord | undefined {
  const [ns = '', name = ''] = String(e.vrg).split('/');
  return w.vrgs.get(String(e.cluster), ns, name);
}
