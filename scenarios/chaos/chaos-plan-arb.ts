// Generator: one whole chaos run (world, faults, user actions, seed). The parts are independent, so
// fast-check shrinks each on its own: fewer faults and actions first, then simpler ones, then the world.

import fc from 'fast-check';
import type { ChaosFaultKind, ChaosPlan } from './chaos-plan.js';
import { faultScheduleArb } from './fault-schedule.js';
import { userActionsArb } from './user-actions.js';
import { worldShapeArb } from './world-shape.js';

export interface ChaosPlanOptions {
  runLengthMs: number;
  apps: number;
  faultKinds?: readonly ChaosFaultKind[];
  maxFaults?: number;
  maxActions?: number;
  writesPerMinuteMax?: number;
  volSync?: boolean;
  disable?: boolean;
}

export function chaosPlanArb(options: ChaosPlanOptions): fc.Arbitrary<ChaosPlan> {
  const apps = Array.from({ length: options.apps }, (_, i) => `app${i + 1}`);
  return fc.record({
    worldSeed: fc.integer({ min: 1, max: 0x7fffffff }),
    world: worldShapeArb({ apps: options.apps, ...(options.writesPerMinuteMax === undefined ? {} : { writesPerMinuteMax: options.writesPerMinuteMax }), ...(options.volSync === undefined ? {} : { volSync: options.volSync }) }),
    runLengthMs: fc.constant(options.runLengthMs),
    faults: faultScheduleArb({ runLengthMs: options.runLengthMs, ...(options.faultKinds ? { kinds: options.faultKinds } : {}), ...(options.maxFaults === undefined ? {} : { maxFaults: options.maxFaults }) }),
    actions: userActionsArb({ runLengthMs: options.runLengthMs, apps, ...(options.maxActions === undefined ? {} : { maxActions: options.maxActions }), ...(options.disable === undefined ? {} : { disable: options.disable }) }),
  });
}
