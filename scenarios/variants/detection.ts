// The broken-variant check: run a chaos campaign with a variant switched on and record whether the
// invariants catch it within a fixed budget of runs, after how many runs, by which invariant, and how
// small fast-check shrinks the reproduction. docs/invariants.md records these figures.

import type { CampaignOptions } from '../chaos/campaign.js';
import { runCampaign } from '../chaos/campaign.js';
import type { BrokenVariant } from './variant.js';

/** The campaign docs/invariants.md ("Broken variants") records: one VolRep app, six fault kinds, two actions. */
export const DETECTION_PROFILE = {
  runs: 150,
  runLengthMs: 10 * 60_000,
  seed: 1,
  apps: 1,
  volSync: false,
  faults: ['clusterDown', 'partition', 's3Outage', 'controllerCrash', 'hubDown', 'clockSkew'],
  maxActions: 2,
} as const satisfies Omit<CampaignOptions, 'wrapClient'> & { runs: number };

export interface DetectionFigures {
  variant: string;
  caught: boolean;
  /** 1-based index of the first failing run; undefined when not caught. */
  runsToDetection?: number;
  runBudget: number;
  invariant?: string;
  expected: boolean;
  originalSize?: number;
  shrunkSize?: number;
  shrunkSteps?: number;
  numShrinks?: number;
  reproduced?: boolean;
  wallMs: number;
}

export async function measureDetection(variant: BrokenVariant, options: Omit<CampaignOptions, 'wrapClient' | 'runs'> & { runs: number }): Promise<DetectionFigures> {
  const outcome = await runCampaign({ ...options, wrapClient: variant.wrapClient(), stopOnFailure: true, name: `variant:${variant.name}` });
  const f = outcome.failures[0];
  if (!f) return { variant: variant.name, caught: false, runBudget: options.runs, expected: false, wallMs: outcome.wallMs };
  return {
    variant: variant.name,
    // A liveness verdict is a catch too; only a crash of the harness is not.
    caught: f.failure.class !== 'crash',
    runsToDetection: f.runIndex + 1,
    runBudget: options.runs,
    invariant: f.failure.invariant,
    expected: variant.caughtBy.includes(f.failure.invariant),
    originalSize: f.originalSize,
    shrunkSize: f.shrunkSize,
    shrunkSteps: f.shrunkSteps,
    numShrinks: f.numShrinks,
    reproduced: f.reproduced,
    wallMs: outcome.wallMs,
  };
}
