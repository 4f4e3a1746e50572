// A built simulation: the world, its fault injector, and the observer questions that scenarios and
// invariants ask of the models (where an application runs, what data it lost).

import type { FaultInjector } from '../faults/fault-injector.js';
import type { World } from './world.js';

export interface SimEnvironment {
  world: World;
  faults: FaultInjector;
  /** Managed clusters on which the app's workload is running now. */
  appRunningOn(app: string): string[];
  /** Acknowledged writes of the app that no copy the app can now read holds. */
  lostWrites(app: string): number;
}
