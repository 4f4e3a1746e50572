// Generator: the DR actions a user takes during a chaos run: fail over an app, relocate it, or
// disable its protection (delete the DRPC). Like any user, it may ask at a bad time; that is the point.

import fc from 'fast-check';
import type { UserAction } from './chaos-plan.js';
import { CHAOS_CLUSTERS } from './world-shape.js';

export interface UserActionsOptions {
  runLengthMs: number;
  apps: readonly string[];
  /** Most actions in one run. Default 3. */
  maxActions?: number;
  /** Draw disables. Default true. */
  disable?: boolean;
}

const STEP_MS = 10_000;

export function userActionsArb(options: UserActionsOptions): fc.Arbitrary<UserAction[]> {
  if (options.apps.length === 0) return fc.constant([]);
  const kinds = options.disable === false ? fc.constantFrom('failover' as const, 'relocate' as const) : fc.oneof({ weight: 9, arbitrary: fc.constantFrom('failover' as const, 'relocate' as const) }, { weight: 1, arbitrary: fc.constant('disable' as const) });
  const action = fc.record({
    atMs: fc.integer({ min: 0, max: Math.max(0, Math.floor(options.runLengthMs / STEP_MS) - 1) }).map((n) => n * STEP_MS),
    app: fc.constantFrom(...options.apps),
    kind: kinds,
    to: fc.constantFrom(...CHAOS_CLUSTERS),
    fence: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  });
  return fc.array(action, { maxLength: options.maxActions ?? 3 });
}
