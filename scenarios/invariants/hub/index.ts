// The hub operator's safety properties (hub spec §18), in report order.

import type { Checker } from '../checker.js';
import { actionCountExact } from './action-count-exact.js';
import { createPathNoFlip } from './create-path-no-flip.js';
import { decisionOnReadyPrimary } from './decision-on-ready-primary.js';
import { dryRunNonDestructive } from './dry-run-non-destructive.js';
import { failoverDemotesAfterDecision } from './failover-demotes-after-decision.js';
import { failoverTargetProven } from './failover-target-proven.js';
import { metroFailoverFenced } from './metro-failover-fenced.js';
import { namespacesSurvive } from './namespaces-survive.js';
import { oneActiveDecision } from './one-active-decision.js';
import { placementOwnership } from './placement-ownership.js';
import { policyGating } from './policy-gating.js';
import { recoveryNeverGuesses } from './recovery-never-guesses.js';
import { regionalFailoverMaintenance } from './regional-failover-maintenance.js';
import { relocateDemotesFirst } from './relocate-demotes-first.js';
import { relocateLossless } from './relocate-lossless.js';
import { relocateNeedsEveryCluster } from './relocate-needs-every-cluster.js';
import { relocateQuiesceOrder } from './relocate-quiesce-order.js';
import { relocateSingleWriter } from './relocate-single-writer.js';
import { relocateSplitBrainStops } from './relocate-split-brain-stops.js';
import { relocateStartGates } from './relocate-start-gates.js';
import { vrgWorkDeletion } from './vrg-work-deletion.js';

export const HUB_SAFETY: readonly (() => Checker)[] = [
  relocateDemotesFirst,
  relocateLossless,
  relocateSingleWriter,
  relocateQuiesceOrder,
  relocateNeedsEveryCluster,
  relocateStartGates,
  failoverTargetProven,
  metroFailoverFenced,
  regionalFailoverMaintenance,
  decisionOnReadyPrimary,
  failoverDemotesAfterDecision,
  vrgWorkDeletion,
  createPathNoFlip,
  oneActiveDecision,
  policyGating,
  recoveryNeverGuesses,
  placementOwnership,
  namespacesSurvive,
  dryRunNonDestructive,
  relocateSplitBrainStops,
  actionCountExact,
];
