// Hub spec §18 S17: Ramen never deletes an application namespace on a managed cluster.

import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';

/** Actors that stand for a person; deleting a namespace is their right, not Ramen's. */
const PEOPLE = new Set(['user', 'admin']);

export function namespacesSurvive(): Checker {
  const log = new ViolationLog();
  /** cluster/namespace → seq of the write that created it, for app namespaces that exist now. */
  const existing = new Map<string, number>();
  const userDeleted = new Set<string>();
  return {
    name: 'namespaces-survive',
    kind: 'safety',
    source: 'hub spec §18 S17',
    explanation:
      "An application namespace, once present on a managed cluster, is never deleted there except by a person: Ramen's namespace " +
      'ManifestWorks orphan it and the app deployer leaves it behind on purpose. Checked on every Namespace deletion and, at the end, ' +
      'for every app namespace that existed on a cluster that was not destroyed.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      if (e.type === 'api.wipe') {
        for (const k of [...existing.keys()]) if (k.startsWith(`${String(e.cluster)}/`)) existing.delete(k);
        return;
      }
      if (e.type !== 'api.write' || e.kind !== 'Namespace' || e.cluster === 'hub') return;
      const name = String(e.name);
      if (!w.decl.apps.some((a) => a.namespace === name)) return;
      const key = `${String(e.cluster)}/${name}`;
      if (e.verb === 'create') existing.set(key, e.seq);
      if (e.verb === 'delete' && !e.noop) {
        if (PEOPLE.has(String(e.actor))) userDeleted.add(key);
        else log.add(e.t, `${String(e.actor)} deleted app namespace ${name} on ${String(e.cluster)}`, [e.seq, existing.get(key) ?? -1], key);
      }
      if (e.verb === 'remove' && userDeleted.has(key)) existing.delete(key);
    },
    finish(w: ObservedWorld) {
      for (const [key, seq] of existing) {
        const [cluster, name] = key.split('/') as [string, string];
        if (userDeleted.has(key) || w.peek(cluster, 'v1', 'Namespace', name)) continue;
        log.add(w.nowMs(), `app namespace ${name} is gone from ${cluster}`, [seq], key);
      }
      return log.report('safety');
    },
  };
}
