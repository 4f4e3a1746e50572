// The hub operator's safety properties (hub spec §18), in report order.

import type { Checker } from '../checker.js';
import { failoverDemotesAfterDecision } from './failover-demotes-after-decision.js';
import { failoverTargetProven } from './failover-target-proven.js';
import { metroFailoverFenced } from './metro-failover-fenced.js';
import { namespacesSurvive } from './namespaces-survive.js';
import { oneActiveDecision } from './one-active-decision.js';
import { relocateDemotesFirst } from './relocate-demotes-first.js';
import { relocateLossless } from './relocate-lossless.js';
import { relocateSingleWriter } from './relocate-single-writer.js';
import { vrgWorkDeletion } from './vrg-work-deletion.js';

export const HUB_SAFETY: readonly (() => Checker)[] = [
  relocateDemotesFirst,
  relocateLossless,
  relocateSingleWriter,
  failoverTargetProven,
  metroFailoverFenced,
  failoverDemotesAfterDecision,
  vrgWorkDeletion,
  oneActiveDecision,
  namespacesSurvive,
];
