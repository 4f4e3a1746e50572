// The simulated VolSync operator of one cluster (plus, with Submariner, its MCS export controller
// and, until the provisioner restores from snapshots itself, the snapshot populator), as the
// controllers a Manager runs. Build a fresh set to model an operator restart.

import type { ControllerSpec } from '../../engine/runtime/reconcile.js';
import { destinationController } from './destination-controller.js';
import { serviceExportController } from './service-export-controller.js';
import { snapshotPopulator } from './snapshot-populator.js';
import { sourceController } from './source-controller.js';
import { resolveVolSyncDeps, type VolSyncDeps } from './volsync-deps.js';

export function createVolSyncAgents(deps: VolSyncDeps): ControllerSpec[] {
  const resolved = resolveVolSyncDeps(deps);
  const specs = [sourceController(resolved), destinationController(resolved)];
  if (resolved.submariner) specs.push(serviceExportController(resolved));
  if (resolved.populateRestores) specs.push(snapshotPopulator(resolved));
  return specs;
}
