// Broken variant: a metro failover that does not wait for the old home to be fenced: whenever the
// hub reports it is waiting for fencing, it promotes the failover target anyway (hub spec S7).

import type { DRPlacementControl } from '../../engine/api/ramen/drpc.js';
import type { BrokenVariant } from './variant.js';
import { forwarding, wrapActor } from './variant.js';
import { promoteWork } from './hub-work-helpers.js';

export const skipMetroFencing: BrokenVariant = {
  name: 'skip-metro-fencing',
  description: "Metro failover promotes the target without the old home's DRCluster reporting Fenced at its generation.",
  caughtBy: ['metro-failover-fenced'],
  wrapClient: () =>
    wrapActor('ramen-hub-operator', (n) => n === 'hub', (inner) =>
      forwarding(inner, {
        async updateStatus(obj, options) {
          const out = await inner.updateStatus(obj, options);
          const drpc = obj as unknown as DRPlacementControl;
          if (obj.kind === 'DRPlacementControl' && drpc.status?.progression === 'WaitForFencing' && drpc.spec.action === 'Failover' && drpc.spec.failoverCluster) {
            await promoteWork(inner, drpc, drpc.spec.failoverCluster).catch(() => false);
          }
          return out;
        },
      }),
    ),
};
