// Every invariant checker drsim knows, in the order reports list them: hub safety, DR-cluster safety,
// liveness, then measurements. Each call builds fresh checkers, since checkers keep per-run state.

import type { Checker } from './checker.js';
import { DR_SAFETY } from './dr/index.js';
import { HUB_SAFETY } from './hub/index.js';
import { relocateOverStaleView } from './hub/relocate-stale-view.js';
import { cleanDisable } from './liveness/clean-disable.js';
import { convergence } from './liveness/convergence.js';
import { disableLeftovers } from './measurements/disable-leftovers.js';
import { failoverDataLoss } from './measurements/failover-data-loss.js';
import { progressionLag } from './measurements/progression-lag.js';

export const CHECKER_FACTORIES: readonly (() => Checker)[] = [
  ...HUB_SAFETY,
  ...DR_SAFETY,
  convergence,
  cleanDisable,
  failoverDataLoss,
  progressionLag,
  disableLeftovers,
  relocateOverStaleView,
];

export function allCheckers(): Checker[] {
  return CHECKER_FACTORIES.map((f) => f());
}

export function checkerNames(): string[] {
  return allCheckers().map((c) => c.name);
}
