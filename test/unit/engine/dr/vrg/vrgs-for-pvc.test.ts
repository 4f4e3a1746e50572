// Goal: a PVC event wakes exactly the VRGs Ramen's filterPVC names, in the same order, now that the index
// looks only at the VRGs of the PVC's namespace, the multi-namespace VRGs and the labelled owner.
// Method: random VRGs (own namespace, the ops namespace with protected namespaces, selectors, deletions)
// and random PVCs, compared with the rule applied to every VRG.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesSelector } from '../../../../../engine/api/meta.js';
import type { KubeObject, LabelSelector } from '../../../../../engine/api/meta.js';
import { LABEL_OWNER_NAME, LABEL_OWNER_NAMESPACE_NAME } from '../../../../../engine/api/ramen/dr-constants.js';
import type { VolumeReplicationGroup } from '../../../../../engine/api/ramen/vrg.js';
import { pvcSelectionOf } from '../../../../../engine/dr/vrg/pvc-selector.js';
import { VrgIndex, vrgsForPvc } from '../../../../../engine/dr/vrg/watches.js';

const OPS = 'ramen-ops';
const namespaces = ['a', 'b', 'c', OPS];
const names = ['v1', 'v2', 'v3'];
const labelValues = ['x', 'y'];

const selector: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.record({ app: fc.constantFrom(...labelValues) }) }),
  fc.constant(null).map((): LabelSelector => ({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] })),
);

const vrgOp = fc.record({
  namespace: fc.constantFrom(...namespaces),
  name: fc.constantFrom(...names),
  pvcSelector: selector,
  protectedNamespaces: fc.subarray(['a', 'b', 'c']),
  deleted: fc.boolean(),
});

const pvc = fc.record({
  namespace: fc.constantFrom('a', 'b', 'c'),
  app: fc.option(fc.constantFrom(...labelValues), { nil: undefined }),
  tier: fc.boolean(),
  owner: fc.option(fc.record({ namespace: fc.constantFrom(...namespaces), name: fc.constantFrom(...names) }), { nil: undefined }),
});

function everyVrg(index: VrgIndex, p: KubeObject): string[] {
  const ownerNs = p.metadata.labels?.[LABEL_OWNER_NAMESPACE_NAME];
  const ownerName = p.metadata.labels?.[LABEL_OWNER_NAME];
  return index
    .all()
    .filter((vrg) => {
      const sel = pvcSelectionOf(vrg, index.config);
      const own = ownerNs === vrg.metadata.namespace && ownerName === vrg.metadata.name;
      return (matchesSelector(p.metadata.labels, sel.labelSelector) && sel.namespaces.includes(p.metadata.namespace ?? '')) || own;
    })
    .map((v) => `${v.metadata.namespace}/${v.metadata.name}`);
}

describe('vrgsForPvc', () => {
  it('names the same VRGs as the rule applied to every VRG', () => {
    fc.assert(
      fc.property(fc.array(vrgOp, { maxLength: 25 }), fc.array(pvc, { minLength: 1, maxLength: 10 }), fc.boolean(), (ops, pvcs, opsConfigured) => {
        const index = new VrgIndex();
        index.config = opsConfigured ? { ramenControllerType: 'dr-cluster', ramenOpsNamespace: OPS } : { ramenControllerType: 'dr-cluster' };
        for (const op of ops) {
          const vrg = { apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'VolumeReplicationGroup', metadata: { namespace: op.namespace, name: op.name }, spec: { pvcSelector: op.pvcSelector, protectedNamespaces: op.protectedNamespaces } } as unknown as VolumeReplicationGroup;
          index.observe(vrg, op.deleted);
        }
        for (const p of pvcs) {
          const labels: Record<string, string> = {};
          if (p.app) labels.app = p.app;
          if (p.tier) labels.tier = 'db';
          if (p.owner) {
            labels[LABEL_OWNER_NAMESPACE_NAME] = p.owner.namespace;
            labels[LABEL_OWNER_NAME] = p.owner.name;
          }
          const obj: KubeObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { namespace: p.namespace, name: 'data', labels } };
          expect(vrgsForPvc(index, obj).map((r) => `${r.namespace}/${r.name}`)).toEqual(everyVrg(index, obj));
        }
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });
});
