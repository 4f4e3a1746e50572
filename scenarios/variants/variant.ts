// A deliberately broken operator, for proving that the invariants have teeth: a named client
// wrapper that intercepts one operator's calls at world-build time. Nothing in engine/ changes; the
// variant exists only in the run that asks for it (BuildOptions.wrapClient).

import type { ClusterClient } from '../../engine/runtime/client.js';
import type { ClientWrapper, World } from '../../sim/world/world.js';

export interface BrokenVariant {
  name: string;
  /** What is broken, in Ramen's terms. */
  description: string;
  /** The invariants expected to catch it. */
  caughtBy: readonly string[];
  /** A fresh wrapper for one run (variants may keep per-run state). */
  wrapClient(): ClientWrapper;
}

/** Wraps only the client of one process (by node predicate and actor name); the rest pass through. */
export function wrapActor(actor: string, onNode: (node: string) => boolean, wrap: (client: ClusterClient, world: World, node: string) => ClusterClient): ClientWrapper {
  return (node, name, client, world) => (name === actor && onNode(node) ? wrap(client, world, node) : client);
}

/** A client that forwards every call to `inner`; variants override the calls they break. */
export function forwarding(inner: ClusterClient, overrides: Partial<ClusterClient>): ClusterClient {
  return {
    clusterName: inner.clusterName,
    get: overrides.get ?? ((kind, key) => inner.get(kind, key)),
    list: overrides.list ?? ((kind, options) => inner.list(kind, options)),
    create: overrides.create ?? ((obj, options) => inner.create(obj, options)),
    update: overrides.update ?? ((obj, options) => inner.update(obj, options)),
    patch: overrides.patch ?? ((kind, key, patch, options) => inner.patch(kind, key, patch, options)),
    updateStatus: overrides.updateStatus ?? ((obj, options) => inner.updateStatus(obj, options)),
    delete: overrides.delete ?? ((kind, key, options) => inner.delete(kind, key, options)),
    watch: overrides.watch ?? ((kind, options, callbacks) => inner.watch(kind, options, callbacks)),
    serves: overrides.serves ?? ((kind) => inner.serves(kind)),
  } as ClusterClient;
}
