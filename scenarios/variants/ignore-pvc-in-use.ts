// Broken variant: a DR-cluster operator that does not check whether a PVC is in use before demoting
// it: its Pod and VolumeAttachment lookups come back empty (dr-cluster spec §15 property 2).

import type { BrokenVariant } from './variant.js';
import { forwarding, wrapActor } from './variant.js';

export const ignorePvcInUse: BrokenVariant = {
  name: 'ignore-pvc-in-use',
  description: 'The DR-cluster operator demotes a VolumeReplication without seeing the Pods and VolumeAttachments that still use the PVC.',
  caughtBy: ['no-demotion-in-use'],
  wrapClient: () =>
    wrapActor('ramen-dr-cluster-operator', (n) => n !== 'hub', (inner) =>
      forwarding(inner, {
        async list(kind, options) {
          if (kind.kind === 'Pod' || kind.kind === 'VolumeAttachment') {
            const real = await inner.list(kind, options);
            return { ...real, items: [] };
          }
          return inner.list(kind, options) as never;
        },
      }),
    ),
};
