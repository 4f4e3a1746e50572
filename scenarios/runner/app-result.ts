// One app's end state for a RunResult, read through a TargetObserver so every backend reports it alike.

import type { DRPlacementControl } from '../../engine/api/ramen/drpc.js';
import type { AppResult, FailoverMeasure } from '../../reports/result-types.js';
import type { AppDecl } from '../format/scenario-types.js';
import { RAMEN } from '../invariants/kinds.js';
import type { TargetObserver } from './target.js';
import { primaryClusterOf } from './target.js';

export function appResultOf(o: TargetObserver, app: AppDecl, ackedWrites: number, failovers: FailoverMeasure[]): AppResult {
  const drpc = o.world.peek<DRPlacementControl>('hub', RAMEN, 'DRPlacementControl', app.name, app.namespace);
  return {
    name: app.name,
    phase: drpc?.status?.phase ?? '',
    progression: drpc?.status?.progression ?? '',
    primary: primaryClusterOf(o, app.name, app.namespace) ?? '',
    ackedWrites,
    lostWrites: o.lostWrites(app.name),
    failovers,
  };
}
