// Starts Ramen's hub operator on the world's hub node.

import type { ObjectStoreFactory } from '../../engine/runtime/object-store.js';
import { createHubOperator } from '../../engine/hub/operator.js';
import { HUB } from './world.js';
import type { World } from './world.js';

export function hubOperatorActor(world: World, objectStores: ObjectStoreFactory): void {
  const op = createHubOperator({ client: world.client(HUB, 'ramen-hub-operator'), clock: world.hubClock, trace: world.trace, objectStores });
  world.addActor(HUB, 'ramen-hub-operator', 'operator', op.controllers, op.startHook);
}
