// What several DR-cluster checkers read off the stored objects and the S3 buckets: conditions at a
// generation, finalizers, owner labels, which VRGs cover a namespace, a VRG's buckets.

import type { Condition, KubeObject } from '../../../engine/api/meta.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { LABEL_OWNER_NAME, LABEL_OWNER_NAMESPACE_NAME, LABEL_VOLSYNC_OWNER, LABEL_VOLSYNC_OWNER_NAMESPACE, NO_S3_STORE_AVAILABLE } from '../../../engine/api/ramen/dr-constants.js';
import type { TraceEvent } from '../../../sim/trace/recorder.js';
import type { Observed } from '../checker.js';
import { DR_OPERATOR } from '../kinds.js';
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

/** The final sync's temporary PVC name suffix (spec §0): a copy, not a restore. */
export const FINAL_SYNC_TEMP_SUFFIX = '-for-finalsync';

/** The VRG a `dr.vrg.restore` event is about, as last stored. */
export function restoredVrg(e: TraceEvent, w: ObservedWorld): VrgRecord | undefined {
  const [ns = '', name = ''] = String(e.vrg).split('/');
  return w.vrgs.get(String(e.cluster), ns, name);
}
