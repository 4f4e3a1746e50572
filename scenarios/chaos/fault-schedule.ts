// Generator: the faults of a chaos run, each with where, when and for how long. Faults shrink away
// (the array), then toward earlier, shorter and simpler ones. Only faults inside Ramen's model are
// drawn: nothing here corrupts data or breaks the API servers' semantics.

import fc from 'fast-check';
import type { ChaosFault, ChaosFaultKind } from './chaos-plan.js';
import { CHAOS_FAULT_KINDS } from './chaos-plan.js';
import { CHAOS_CLUSTERS } from './world-shape.js';

export interface FaultScheduleOptions {
  runLengthMs: number;
  /** Kinds to draw from. Default: all of CHAOS_FAULT_KINDS. */
  kinds?: readonly ChaosFaultKind[];
  /** Most faults in one run. Default 4. */
  maxFaults?: number;
}

const STEP_MS = 10_000;

/** How often each kind is drawn, relative to the others: the likelier disasters come first. */
const WEIGHTS: Record<ChaosFaultKind, number> = {
  clusterDown: 5,
  partition: 4,
  peerPartition: 2,
  s3Outage: 2,
  replicationStall: 3,
  controllerCrash: 3,
  clockSkew: 1,
  hubDown: 2,
  clusterDestroy: 1,
  hubRestore: 1,
};

function timeArb(maxMs: number): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: Math.max(0, Math.floor(maxMs / STEP_MS)) }).map((n) => n * STEP_MS);
}

function faultArb(kind: ChaosFaultKind, runLengthMs: number): fc.Arbitrary<ChaosFault> {
  const at = timeArb(runLengthMs - STEP_MS);
  const duration = fc.integer({ min: 3, max: 120 }).map((n) => n * STEP_MS);
  const cluster = fc.constantFrom(...CHAOS_CLUSTERS);
  switch (kind) {
    case 'clusterDown':
    case 'clusterDestroy':
    case 'replicationStall':
    case 's3Outage':
      return fc.record({ kind: fc.constant(kind), cluster, atMs: at, durationMs: duration });
    case 'partition':
    case 'peerPartition':
      return fc
        .record({
          pair: kind === 'partition' ? fc.constantFrom<[string, string]>(['hub', 'dr1'], ['hub', 'dr2']) : fc.constant<[string, string]>(['dr1', 'dr2']),
          oneWay: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
          flip: fc.boolean(),
          atMs: at,
          durationMs: duration,
        })
        .map(({ pair, oneWay, flip, atMs, durationMs }) => ({ kind, from: flip ? pair[1] : pair[0], to: flip ? pair[0] : pair[1], oneWay, atMs, durationMs }));
    case 'controllerCrash':
      return fc.record({ kind: fc.constant(kind), node: fc.constantFrom('hub', ...CHAOS_CLUSTERS), atMs: at, durationMs: duration });
    case 'clockSkew':
      return fc.record({ kind: fc.constant(kind), cluster, offsetMs: fc.integer({ min: 1, max: 30 }).map((n) => n * STEP_MS), atMs: at, durationMs: duration });
    case 'hubDown':
      return fc.record({ kind: fc.constant(kind), atMs: at, durationMs: duration });
    case 'hubRestore':
      return fc.record({ kind: fc.constant(kind), atMs: at });
  }
}

export function faultScheduleArb(options: FaultScheduleOptions): fc.Arbitrary<ChaosFault[]> {
  const kinds = options.kinds ?? CHAOS_FAULT_KINDS;
  if (kinds.length === 0) return fc.constant([]);
  const one = fc.oneof(...kinds.map((k) => ({ weight: WEIGHTS[k], arbitrary: faultArb(k, options.runLengthMs) })));
  return fc.array(one, { maxLength: options.maxFaults ?? 4 });
}
