// Broken variant: a relocate that reorders its ManifestWork writes, promoting the target first and
// demoting the old home after, instead of demote, wait for Secondary, then promote (hub spec S1).

import type { ManifestWork } from '../../engine/api/ocm/manifest-work.js';
import type { BrokenVariant } from './variant.js';
import { forwarding, wrapActor } from './variant.js';
import { drpcOfWork, isVrgWork, MW_KIND, promoteWork, vrgOf } from './hub-work-helpers.js';

export const demoteAfterPromote: BrokenVariant = {
  name: 'demote-after-promote',
  description: 'Relocate writes the target\'s primary ManifestWork before the old home\'s demotion instead of after the old home reports Secondary.',
  caughtBy: ['relocate-demotes-first', 'relocate-single-writer', 'relocate-lossless'],
  wrapClient: () =>
    wrapActor('ramen-hub-operator', (n) => n === 'hub', (inner) =>
      forwarding(inner, {
        async update(obj, options) {
          if (isVrgWork(obj) && vrgOf(obj as ManifestWork)?.spec.replicationState === 'secondary') {
            const before = await inner.get<ManifestWork>(MW_KIND, { namespace: obj.metadata.namespace ?? '', name: obj.metadata.name }).catch(() => undefined);
            const drpc = await drpcOfWork(inner, obj as ManifestWork);
            const target = drpc?.spec.preferredCluster;
            if (before && vrgOf(before)?.spec.replicationState === 'primary' && drpc?.spec.action === 'Relocate' && target && target !== obj.metadata.namespace) {
              await promoteWork(inner, drpc, target).catch(() => false);
            }
          }
          return inner.update(obj, options);
        },
      }),
    ),
};
