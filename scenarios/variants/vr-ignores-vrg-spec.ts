// Broken variant: a DR-cluster operator that keeps its volumes primary: every VolumeReplication it
// writes as secondary is written as primary instead (dr-cluster spec §15 property 1).

import type { KubeObject } from '../../engine/api/meta.js';
import type { BrokenVariant } from './variant.js';
import { forwarding, wrapActor } from './variant.js';

function keepPrimary<T extends KubeObject>(obj: T): T {
  const spec = (obj as { spec?: { replicationState?: string } }).spec;
  if (obj.kind !== 'VolumeReplication' || spec?.replicationState !== 'secondary') return obj;
  return { ...obj, spec: { ...spec, replicationState: 'primary' } };
}

export const vrIgnoresVrgSpec: BrokenVariant = {
  name: 'vr-ignores-vrg-spec',
  description: 'The DR-cluster operator writes VolumeReplications as primary when its VRG asks for secondary.',
  caughtBy: ['vr-follows-vrg'],
  wrapClient: () =>
    wrapActor('ramen-dr-cluster-operator', (n) => n !== 'hub', (inner) =>
      forwarding(inner, {
        create: (obj, options) => inner.create(keepPrimary(obj), options),
        update: (obj, options) => inner.update(keepPrimary(obj), options),
      }),
    ),
};
