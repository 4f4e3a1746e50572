// Starts Ramen's hub operator on the world's hub node. (Wired once engine/hub/operator.ts lands; until
// then the hub runs OCM only.)

import type { ObjectStoreFactory } from '../../engine/runtime/object-store.js';
import type { World } from './world.js';

export function hubOperatorActor(_world: World, _objectStores: ObjectStoreFactory): void {}
