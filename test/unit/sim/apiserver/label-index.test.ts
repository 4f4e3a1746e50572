// Goal: a list with a label selector, answered from the label index where a matchLabels pair narrows
// it, returns exactly what filtering every stored object would, in the same order, whatever happened
// to the objects before. Method: random sequences of creates, label changes, deletes with and
// without finalizers, garbage collection of dependents, namespace deletion and wipes (fast-check,
// seeded), each followed by random lists compared with a brute-force filter over `peekAll`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesSelector, type KubeObject, type LabelSelector } from '../../../../engine/api/meta.js';
import { CM, NS, THING, WIDGET, configMap, makeRig, namespace, widget } from './fixtures.js';

const NAMESPACES = ['default', 'other', 'extra'] as const;
const labelKey = fc.constantFrom('app', 'tier', 'team');
const labelValue = fc.constantFrom('web', 'db', 'x');
const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 3 });
const ns = fc.constantFrom(...NAMESPACES);
const name = fc.constantFrom('a', 'b', 'c', 'd');

type Op =
  | { op: 'createCm'; ns: string; name: string; labels: Record<string, string>; finalizer: boolean; owner: 'none' | 'widget' | 'thing' }
  | { op: 'relabelCm'; ns: string; name: string; labels: Record<string, string | null> }
  | { op: 'deleteCm'; ns: string; name: string }
  | { op: 'unfinalizeCm'; ns: string; name: string }
  | { op: 'createWidget'; ns: string }
  | { op: 'deleteWidget'; ns: string }
  | { op: 'createThing'; name: string; labels: Record<string, string> }
  | { op: 'relabelThing'; name: string; labels: Record<string, string | null> }
  | { op: 'deleteThing'; name: string }
  | { op: 'createNamespace'; ns: string }
  | { op: 'deleteNamespace'; ns: string }
  | { op: 'settle' }
  | { op: 'wipe' };

const relabel = fc.dictionary(labelKey, fc.option(labelValue, { nil: null }), { maxKeys: 3 });

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('createCm' as const), ns, name, labels, finalizer: fc.boolean(), owner: fc.constantFrom('none' as const, 'widget' as const, 'thing' as const) }), weight: 12 },
  { arbitrary: fc.record({ op: fc.constant('relabelCm' as const), ns, name, labels: relabel }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('deleteCm' as const), ns, name }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('unfinalizeCm' as const), ns, name }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('createWidget' as const), ns }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('deleteWidget' as const), ns }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('createThing' as const), name, labels }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('relabelThing' as const), name, labels: relabel }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('deleteThing' as const), name }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('createNamespace' as const), ns }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('deleteNamespace' as const), ns: fc.constantFrom('other', 'extra') }), weight: 1 },
  { arbitrary: fc.constant({ op: 'settle' as const }), weight: 2 },
  { arbitrary: fc.constant({ op: 'wipe' as const }), weight: 1 },
);

const selector: fc.Arbitrary<LabelSelector> = fc.record(
  {
    matchLabels: fc.dictionary(labelKey, labelValue, { maxKeys: 2, size: 'xsmall' }),
    matchExpressions: fc.array(
      fc.record({ key: labelKey, operator: fc.constantFrom('In' as const, 'NotIn' as const, 'Exists' as const, 'DoesNotExist' as const), values: fc.array(labelValue, { maxLength: 2 }) }),
      { maxLength: 2, size: 'xsmall' },
    ),
  },
  { requiredKeys: [] },
);

interface Query {
  kind: 'cm' | 'thing';
  ns: string | undefined;
  selector: LabelSelector;
}

const query: fc.Arbitrary<Query> = fc.record({ kind: fc.constantFrom('cm' as const, 'thing' as const), ns: fc.option(ns, { nil: undefined }), selector });

function ownerRef(owner: KubeObject): NonNullable<KubeObject['metadata']['ownerReferences']>[number] {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid! };
}

async function run(ops: { op: Op; queries: Query[] }[]): Promise<void> {
  const rig = makeRig();
  const admin = rig.server.client({ actor: 'test' });
  // Refusals (a name taken, a namespace missing or terminating, an object gone) are part of the
  // sequence: they must leave the index as they leave the store.
  const attempt = async (write: () => Promise<unknown>): Promise<void> => {
    await write().catch(() => undefined);
  };
  for (const n of NAMESPACES) await attempt(() => admin.create(namespace(n)));
  for (const { op: o, queries } of ops) {
    switch (o.op) {
      case 'createCm': {
        const cm = configMap(o.name, o.ns, {}, o.labels);
        if (o.finalizer) cm.metadata.finalizers = ['test/hold'];
        const owner = o.owner === 'widget' ? rig.server.peek(WIDGET.apiVersion, WIDGET.kind, 'w', o.ns) : o.owner === 'thing' ? rig.server.peek(THING.apiVersion, THING.kind, 'a') : undefined;
        if (owner) cm.metadata.ownerReferences = [ownerRef(owner)];
        await attempt(() => admin.create(cm));
        break;
      }
      case 'relabelCm':
        await attempt(() => admin.patch(CM, { namespace: o.ns, name: o.name }, { metadata: { labels: o.labels } }));
        break;
      case 'deleteCm':
        await attempt(() => admin.delete(CM, { namespace: o.ns, name: o.name }));
        break;
      case 'unfinalizeCm':
        await attempt(() => admin.patch(CM, { namespace: o.ns, name: o.name }, { metadata: { finalizers: null } }));
        break;
      case 'createWidget':
        await attempt(() => admin.create(widget('w', o.ns)));
        break;
      case 'deleteWidget':
        await attempt(() => admin.delete(WIDGET, { namespace: o.ns, name: 'w' }));
        break;
      case 'createThing':
        await attempt(() => admin.create({ apiVersion: THING.apiVersion, kind: THING.kind, metadata: { name: o.name, labels: o.labels } }));
        break;
      case 'relabelThing':
        await attempt(() => admin.patch(THING, { name: o.name }, { metadata: { labels: o.labels } }));
        break;
      case 'deleteThing':
        await attempt(() => admin.delete(THING, { name: o.name }));
        break;
      case 'createNamespace':
        await attempt(() => admin.create(namespace(o.ns)));
        break;
      case 'deleteNamespace':
        await attempt(() => admin.delete(NS, { name: o.ns }));
        break;
      case 'settle':
        await rig.settle();
        break;
      case 'wipe':
        rig.server.wipe();
        break;
    }
    for (const q of queries) {
      const kind = q.kind === 'cm' ? CM : THING;
      const got = await admin.list(kind, { ...(q.ns !== undefined ? { namespace: q.ns } : {}), labelSelector: q.selector });
      // A cluster-scoped kind ignores the namespace, as the REST path would carry none.
      const scanned = rig.server.peekAll(kind.apiVersion, kind.kind, q.kind === 'cm' ? q.ns : undefined);
      expect(got.items).toEqual(scanned.filter((o) => matchesSelector(o.metadata.labels, q.selector)));
    }
  }
}

describe('lists with label selectors', () => {
  it('match a filter over every stored object, through creates, relabels, deletes, GC, namespace deletion and wipes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ op, queries: fc.array(query, { minLength: 1, maxLength: 3 }) }), { minLength: 10, maxLength: 60, size: 'max' }), run),
      { seed: 20261126, numRuns: 150 },
    );
  });

  it('finds nothing for a pair no object carries, and everything for an empty selector', async () => {
    const rig = makeRig();
    const admin = rig.server.client({ actor: 'test' });
    await admin.create(namespace('default'));
    await admin.create(configMap('b', 'default', {}, { app: 'web' }));
    await admin.create(configMap('a', 'default', {}, { app: 'db' }));
    expect((await admin.list(CM, { labelSelector: { matchLabels: { app: 'none' } } })).items).toEqual([]);
    expect((await admin.list(CM, { labelSelector: { matchLabels: { app: 'web', team: 'x' } } })).items).toEqual([]);
    expect((await admin.list(CM, { labelSelector: { matchLabels: {} } })).items.map((o) => o.metadata.name)).toEqual(['a', 'b']);
  });
});
