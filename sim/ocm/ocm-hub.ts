// Everything OCM runs on the hub besides the app deployer, wired for the hub's OCM manager:
// registration (acceptance, leases, taints), the Placement and PlacementRule schedulers, and the
// policy propagator. All of them talk to the hub's own API server.

import type { ClusterClient } from '../../engine/runtime/client.js';
import type { Clock } from '../../engine/runtime/ports.js';
import type { ControllerSpec } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { createHubRegistrationController } from './hub-registration-controller.js';
import { createPlacementController } from './placement-controller.js';
import { createPlacementRuleController } from './placement-rule-controller.js';
import { createPolicyPropagator } from './policy-propagator.js';

export interface OcmHubDeps {
  hub: ClusterClient;
  clock: Clock;
  trace: TraceSink;
}

export function createOcmHubControllers(d: OcmHubDeps): ControllerSpec[] {
  return [
    createHubRegistrationController(d),
    createPlacementController(d),
    createPlacementRuleController(d),
    createPolicyPropagator({ hub: d.hub, trace: d.trace }),
  ];
}
