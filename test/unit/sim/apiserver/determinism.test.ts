// Same operations, same result: two servers fed one random history end with equal dumps and traces.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import { CM, NS, WIDGET, configMap, makeRig, namespace, widget, type Rig } from './fixtures.js';

type Op =
  | { op: 'create'; kind: 'cm' | 'widget'; ns: string; name: string; owner: number | null; finalizer: boolean }
  | { op: 'update'; kind: 'cm' | 'widget'; ns: string; name: string; value: number }
  | { op: 'status'; ns: string; name: string; value: number }
  | { op: 'dropFinalizers'; kind: 'cm' | 'widget'; ns: string; name: string }
  | { op: 'delete'; kind: 'cm' | 'widget'; ns: string; name: string; orphan: boolean }
  | { op: 'deleteNamespace'; ns: string }
  | { op: 'createNamespace'; ns: string }
  | { op: 'settle' };

const nsArb = fc.constantFrom('a', 'b');
const nameArb = fc.constantFrom('x', 'y', 'z');
const kindArb = fc.constantFrom<'cm' | 'widget'>('cm', 'widget');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('create' as const), kind: kindArb, ns: nsArb, name: nameArb, owner: fc.option(fc.nat(5)), finalizer: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('update' as const), kind: kindArb, ns: nsArb, name: nameArb, value: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('status' as const), ns: nsArb, name: nameArb, value: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('dropFinalizers' as const), kind: kindArb, ns: nsArb, name: nameArb }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), kind: kindArb, ns: nsArb, name: nameArb, orphan: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteNamespace' as const), ns: nsArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('createNamespace' as const), ns: nsArb }) },
  { weight: 2, arbitrary: fc.constant({ op: 'settle' as const }) },
);
const historyArb = fc.array(opArb, { minLength: 10, maxLength: 60 });

/** Plays the history against a fresh server; failures of individual calls are part of the outcome. */
async function play(ops: Op[]): Promise<Rig & { outcomes: string[] }> {
  const rig = makeRig({ name: 'det' });
  const c = rig.server.client({ actor: 'fuzz' });
  const outcomes: string[] = [];
  const watchLog: string[] = [];
  c.watch(CM, {}, { onEvent: (e) => watchLog.push(`${e.type} ${e.object.metadata.name}@${e.object.metadata.resourceVersion}`), onClose: () => undefined });
  await c.create(namespace('a'));
  await c.create(namespace('b'));
  const ref = (k: 'cm' | 'widget') => (k === 'cm' ? CM : WIDGET);
  for (const op of ops) {
    try {
      switch (op.op) {
        case 'create': {
          const obj: KubeObject = op.kind === 'cm' ? configMap(op.name, op.ns) : widget(op.name, op.ns);
          const owners = rig.server.dump().filter((o) => o.metadata.namespace === op.ns);
          const owner = op.owner === null ? undefined : owners[op.owner % Math.max(owners.length, 1)];
          if (owner) obj.metadata.ownerReferences = [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid! }];
          if (op.finalizer) obj.metadata.finalizers = ['f'];
          await c.create(obj);
          break;
        }
        case 'update': {
          const cur = await c.get(ref(op.kind), { namespace: op.ns, name: op.name });
          await c.update(op.kind === 'cm' ? { ...cur, data: { v: String(op.value) } } : { ...cur, spec: { size: op.value } });
          break;
        }
        case 'status': {
          const cur = await c.get(WIDGET, { namespace: op.ns, name: op.name });
          await c.updateStatus({ ...cur, status: { v: op.value } });
          break;
        }
        case 'dropFinalizers':
          await c.patch(ref(op.kind), { namespace: op.ns, name: op.name }, { metadata: { finalizers: null } });
          break;
        case 'delete':
          await c.delete(ref(op.kind), { namespace: op.ns, name: op.name }, op.orphan ? { propagationPolicy: 'Orphan' } : {});
          break;
        case 'deleteNamespace':
          await c.delete(NS, { name: op.ns });
          break;
        case 'createNamespace':
          await c.create(namespace(op.ns));
          break;
        case 'settle':
          await rig.settle();
          break;
      }
      outcomes.push('ok');
    } catch (err) {
      outcomes.push(err instanceof Error ? err.message : String(err));
    }
  }
  await rig.settle();
  outcomes.push(...watchLog);
  return { ...rig, outcomes };
}

describe('determinism', () => {
  it('replays any history to the same dump, trace and watch events', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (ops) => {
        const first = await play(ops);
        const second = await play(ops);
        expect(second.server.dump()).toEqual(first.server.dump());
        expect(second.trace.events).toEqual(first.trace.events);
        expect(second.outcomes).toEqual(first.outcomes);
      }),
      { numRuns: 60, seed: 20260101 },
    );
  });

  it('keeps resource versions strictly increasing across stored writes, and GC leaves no live dependent of a removed owner', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (ops) => {
        const { server, trace } = await play(ops);
        const stored = trace.ofType('api.write').filter((e) => !e.noop && e.verb !== 'delete' && e.verb !== 'remove');
        const rvs = stored.map((e) => Number(e.rv));
        expect(rvs).toEqual([...rvs].sort((x, y) => x - y));
        expect(new Set(rvs).size).toBe(rvs.length);
        const dump = server.dump();
        const uids = new Set(dump.map((o) => o.metadata.uid));
        for (const o of dump) {
          const refs = o.metadata.ownerReferences ?? [];
          if (refs.length > 0 && refs.every((r) => !uids.has(r.uid))) expect(o.metadata.deletionTimestamp).toBeDefined();
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
