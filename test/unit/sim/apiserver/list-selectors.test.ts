// List: namespace filtering, label selectors with matchLabels and matchExpressions, order and copies.

import { describe, expect, it } from 'vitest';
import { CM, configMap, rigWithNamespaces } from './fixtures.js';

async function seeded() {
  const rig = await rigWithNamespaces();
  const { admin } = rig;
  await admin.create(configMap('b', 'default', {}, { app: 'web', tier: 'front' }));
  await admin.create(configMap('a', 'default', {}, { app: 'web', tier: 'back' }));
  await admin.create(configMap('c', 'default', {}, { app: 'db' }));
  await admin.create(configMap('a', 'other', {}, { app: 'web' }));
  await admin.create(configMap('z', 'other'));
  return rig;
}

const names = (items: { metadata: { namespace?: string; name: string } }[]): string[] => items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

describe('list', () => {
  it('sorts by namespace then name across namespaces', async () => {
    const { admin } = await seeded();
    expect(names((await admin.list(CM)).items)).toEqual(['default/a', 'default/b', 'default/c', 'other/a', 'other/z']);
  });

  it('filters by namespace', async () => {
    const { admin } = await seeded();
    expect(names((await admin.list(CM, { namespace: 'other' })).items)).toEqual(['other/a', 'other/z']);
  });

  it('filters by matchLabels', async () => {
    const { admin } = await seeded();
    expect(names((await admin.list(CM, { labelSelector: { matchLabels: { app: 'web' } } })).items)).toEqual(['default/a', 'default/b', 'other/a']);
  });

  it('filters by matchExpressions with every operator', async () => {
    const { admin } = await seeded();
    const by = async (matchExpressions: NonNullable<Parameters<typeof admin.list>[1]>['labelSelector']) =>
      names((await admin.list(CM, { labelSelector: matchExpressions })).items);
    expect(await by({ matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'web'] }] })).toHaveLength(4);
    expect(await by({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] })).toEqual(['default/c', 'other/z']);
    expect(await by({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] })).toEqual(['default/a', 'default/b']);
    expect(await by({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] })).toEqual(['default/c', 'other/a', 'other/z']);
    expect(await by({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] })).toEqual([
      'default/a',
      'other/a',
    ]);
  });

  it('reports the latest resourceVersion and returns copies', async () => {
    const { admin } = await seeded();
    const first = await admin.list(CM);
    const created = await admin.create(configMap('d'));
    const second = await admin.list(CM);
    expect(second.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(Number(second.resourceVersion)).toBeGreaterThan(Number(first.resourceVersion));
    first.items[0]!.metadata.name = 'mutated';
    expect(names((await admin.list(CM, { namespace: 'default' })).items)[0]).toBe('default/a');
  });
});
