// Every invariant checker drsim knows, in the order reports list them: hub safety, DR-cluster safety,
// liveness, then measurements. Each call builds fresh checkers, since checkers keep per-run state.

import type { Checker } from './checker.js';
import { cleanDisable } from './clean-disable.js';
import { convergence } from './convergence.js';
import { disableLeftovers } from './disable-leftovers.js';
import { failoverDataLoss } from './failover-data-loss.js';
import { failoverDemotesAfterDecision } from './failover-demotes-after-decision.js';
import { failoverTargetProven } from './failover-target-proven.js';
import { metroFailoverFenced } from './metro-failover-fenced.js';
import { namespacesSurvive } from './namespaces-survive.js';
import { noDemotionInUse } from './no-demotion-in-use.js';
import { oneActiveDecision } from './one-active-decision.js';
import { progressionLag } from './progression-lag.js';
import { relocateDemotesFirst } from './relocate-demotes-first.js';
import { relocateLossless } from './relocate-lossless.js';
import { relocateSingleWriter } from './relocate-single-writer.js';
import { s3DeletesByPrimaries } from './s3-deletes-by-primaries.js';
import { uploadBeforeProtected } from './upload-before-protected.js';
import { vrFollowsVrg } from './vr-follows-vrg.js';
import { vrgWorkDeletion } from './vrg-work-deletion.js';

export const CHECKER_FACTORIES: readonly (() => Checker)[] = [
  relocateDemotesFirst,
  relocateLossless,
  relocateSingleWriter,
  failoverTargetProven,
  metroFailoverFenced,
  failoverDemotesAfterDecision,
  vrgWorkDeletion,
  oneActiveDecision,
  namespacesSurvive,
  vrFollowsVrg,
  noDemotionInUse,
  uploadBeforeProtected,
  s3DeletesByPrimaries,
  convergence,
  cleanDisable,
  failoverDataLoss,
  progressionLag,
  disableLeftovers,
];

export function allCheckers(): Checker[] {
  return CHECKER_FACTORIES.map((f) => f());
}

export function checkerNames(): string[] {
  return allCheckers().map((c) => c.name);
}
