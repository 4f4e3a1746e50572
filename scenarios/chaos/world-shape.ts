// Generator: the world of a chaos run. Two managed clusters (a DRPolicy pairs exactly two), regional
// or metro storage, the scheduling interval, the S3 layout and the apps. Shrinks toward a regional
// world with per-cluster S3 and a 5-minute interval, the library's defaults.

import fc from 'fast-check';
import type { AppDecl, WorldDecl } from '../../sim/world/world-decl.js';

export interface WorldShapeOptions {
  /** Number of protected apps. */
  apps: number;
  /** Writes per minute of each app, at most. Default 30. */
  writesPerMinuteMax?: number;
  /** Draw VolSync (CephFS) apps in regional worlds too. Default true. */
  volSync?: boolean;
}

export const CHAOS_CLUSTERS = ['dr1', 'dr2'] as const;

function appArb(index: number, writesPerMinuteMax: number, options: WorldShapeOptions): fc.Arbitrary<Omit<AppDecl, 'dataPath'> & { volsync: boolean }> {
  const name = `app${index + 1}`;
  return fc.record({
    name: fc.constant(name),
    namespace: fc.constant(name),
    pvcs: fc.integer({ min: 1, max: 2 }).map((n) => Array.from({ length: n }, (_, i) => ({ name: `data${i + 1}`, size: '1Gi' }))),
    writesPerMinute: fc.integer({ min: 1, max: Math.max(1, writesPerMinuteMax) }),
    volsync: options.volSync === false ? fc.constant(false) : fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    kubeObjectProtection: fc.constant(false),
    protection: fc.constant('drpc' as const),
    cluster: fc.constantFrom(...CHAOS_CLUSTERS),
  });
}

export function worldShapeArb(options: WorldShapeOptions): fc.Arbitrary<WorldDecl> {
  const wpm = options.writesPerMinuteMax ?? 30;
  return fc
    .record({
      metro: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      schedulingInterval: fc.constantFrom('5m', '1m', '10m'),
      shared: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      apps: fc.tuple(...Array.from({ length: options.apps }, (_, i) => appArb(i, wpm, options))),
    })
    .map(({ metro, schedulingInterval, shared, apps }) => ({
      clusters: [
        { name: 'dr1', region: 'east' },
        { name: 'dr2', region: 'west' },
      ],
      storage: metro ? ('metro' as const) : ('regional' as const),
      schedulingInterval,
      s3: shared ? ('shared' as const) : ('per-cluster' as const),
      ramen: 'configured' as const,
      apps: apps.map(({ volsync, ...a }) => ({ ...a, dataPath: volsync && !metro ? ('volsync' as const) : ('volrep' as const) })),
    }));
}
