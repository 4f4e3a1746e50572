// Broken variant: a relocate that promotes the target as soon as it asks the old home for the final
// sync, instead of after the final sync, the demotion and the Secondary report (hub spec §6.4, S1-S3).

import type { ManifestWork } from '../../engine/api/ocm/manifest-work.js';
import type { BrokenVariant } from './variant.js';
import { forwarding, wrapActor } from './variant.js';
import { drpcOfWork, isVrgWork, promoteWork, vrgOf } from './hub-work-helpers.js';

export const promoteBeforeFinalSync: BrokenVariant = {
  name: 'promote-before-final-sync',
  description: 'Relocate promotes the target when it sets runFinalSync on the old home, before the final sync completes and before the old home is demoted.',
  caughtBy: ['relocate-demotes-first', 'relocate-lossless', 'relocate-single-writer'],
  wrapClient: () =>
    wrapActor('ramen-hub-operator', (n) => n === 'hub', (inner) =>
      forwarding(inner, {
        async update(obj, options) {
          const out = await inner.update(obj, options);
          if (isVrgWork(obj) && vrgOf(obj as ManifestWork)?.spec.runFinalSync) {
            const drpc = await drpcOfWork(inner, obj as ManifestWork);
            const target = drpc?.spec.preferredCluster;
            if (drpc && drpc.spec.action === 'Relocate' && target && target !== obj.metadata.namespace) await promoteWork(inner, drpc, target).catch(() => false);
          }
          return out;
        },
      }),
    ),
};

