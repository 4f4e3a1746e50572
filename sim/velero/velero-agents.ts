// The simulated Velero server of one cluster, as the controllers a Manager runs: location
// validation, backups, restores and backup deletion. Build a fresh set to model a Velero restart:
// in-flight work is forgotten and any Backup or Restore left InProgress is then marked Failed.

import type { ControllerSpec } from '../../engine/runtime/reconcile.js';
import { backupController } from './backup-controller.js';
import { deleteRequestController } from './delete-request-controller.js';
import { locationController } from './location-controller.js';
import { restoreController } from './restore-controller.js';
import { resolveVeleroDeps, type VeleroDeps } from './velero-deps.js';

export function createVeleroAgents(deps: VeleroDeps): ControllerSpec[] {
  const resolved = resolveVeleroDeps(deps);
  return [locationController(resolved), backupController(resolved), restoreController(resolved), deleteRequestController(resolved)];
}
