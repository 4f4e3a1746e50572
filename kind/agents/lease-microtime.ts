// A client shim for one known fidelity gap: Lease spec.acquireTime/renewTime are metav1.MicroTime,
// which a real kube-apiserver only parses with six fractional digits ("...T15:04:05.000000Z"). The
// simulator's Lease schema (engine/api/ocm/lease.ts) accepts plain RFC 3339 and sim/ocm writes
// second precision, so over a real server every lease renewal is refused with BadRequest. Until both
// are fixed upstream, Lease writes are widened here; a value that already has fractions passes as is.

import type { KubeObject } from '../../engine/api/meta.js';
import type { ClusterClient } from '../../engine/runtime/client.js';

const SECONDS_ONLY = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)Z$/;

export function toMicroTime(ts: unknown): unknown {
  if (typeof ts !== 'string') return ts;
  const m = SECONDS_ONLY.exec(ts);
  return m ? `${m[1]}.000000Z` : ts;
}

function widen<T>(obj: T): T {
  const o = obj as KubeObject | null;
  if (!o || typeof o !== 'object' || o.kind !== 'Lease' || !o.spec || typeof o.spec !== 'object') return obj;
  const spec = { ...(o.spec as Record<string, unknown>) };
  for (const k of ['acquireTime', 'renewTime']) if (k in spec) spec[k] = toMicroTime(spec[k]);
  return { ...o, spec } as T;
}

function widenPatch(kindName: string, patch: unknown): unknown {
  if (kindName !== 'Lease' || !patch || typeof patch !== 'object') return patch;
  const p = patch as { spec?: Record<string, unknown> };
  if (!p.spec || typeof p.spec !== 'object') return patch;
  const spec = { ...p.spec };
  for (const k of ['acquireTime', 'renewTime']) if (k in spec) spec[k] = toMicroTime(spec[k]);
  return { ...p, spec };
}

export function withMicroTimeLeases(client: ClusterClient): ClusterClient {
  return {
    get clusterName() {
      return client.clusterName;
    },
    get: (k, key) => client.get(k, key),
    list: (k, o) => client.list(k, o),
    create: (obj, o) => client.create(widen(obj), o),
    update: (obj, o) => client.update(widen(obj), o),
    patch: (k, key, p, o) => client.patch(k, key, widenPatch(k.kind, p), o),
    updateStatus: (obj, o) => client.updateStatus(widen(obj), o),
    delete: (k, key, o) => client.delete(k, key, o),
    watch: (k, o, cb) => client.watch(k, o, cb),
    serves: (k) => client.serves(k),
  };
}
