// Broken variant: a hub that trusts stale views. Every ManagedClusterView the hub operator reads is
// served as it stood LAG_MS of virtual time earlier (as far as the hub's own reads saw it), so the
// hub judges managed clusters by what they were, not what they are (hub spec §5.2, S1, S6).

import type { KubeObject } from '../../engine/api/meta.js';
import type { BrokenVariant } from './variant.js';
import { forwarding, wrapActor } from './variant.js';

export const STALE_VIEW_LAG_MS = 2 * 60_000;

export const staleView: BrokenVariant = {
  name: 'stale-view',
  description: `The hub reads every ManagedClusterView as it was ${STALE_VIEW_LAG_MS / 60_000} minutes earlier, trusting what a cluster was instead of what it is.`,
  caughtBy: ['convergence', 'relocate-demotes-first', 'failover-target-proven'],
  wrapClient: () => {
    const history = new Map<string, { seenMs: number; obj: KubeObject }[]>();
    return wrapActor('ramen-hub-operator', (n) => n === 'hub', (inner, world) =>
      forwarding(inner, {
        async get(kind, key) {
          const fresh = await inner.get(kind, key);
          if (kind.kind !== 'ManagedClusterView') return fresh as never;
          const k = `${key.namespace ?? ''}/${key.name}`;
          const now = world.time.nowMs();
          const list = history.get(k) ?? [];
          if (list[list.length - 1]?.obj.metadata.resourceVersion !== fresh.metadata.resourceVersion) list.push({ seenMs: now, obj: fresh });
          history.set(k, list);
          // The newest version at least LAG old; a view younger than that is served as first seen.
          const old = [...list].reverse().find((x) => x.seenMs <= now - STALE_VIEW_LAG_MS) ?? list[0]!;
          // Keep the current metadata so that the hub's own updates of the view do not conflict.
          return { ...old.obj, metadata: fresh.metadata, spec: fresh.spec } as never;
        },
      }),
    );
  },
};
