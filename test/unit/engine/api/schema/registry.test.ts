// The kind registry must resolve kinds as a REST mapper and kubectl do, and suggest near misses.

import { describe, expect, it } from 'vitest';
import { allKinds, buildIndex, findKind, findKindByName, kindsFor, suggestKind } from '../../../../../engine/api/schema/registry.js';
import { editDistance } from '../../../../../engine/api/schema/edit-distance.js';
import { widgetSchema } from './widget-kind.js';

describe('kind registry', () => {
  it('finds kinds by apiVersion and kind', () => {
    expect(findKind('v1', 'PersistentVolumeClaim')?.plural).toBe('persistentvolumeclaims');
    expect(findKind('storage.k8s.io/v1', 'StorageClass')?.scope).toBe('Cluster');
    expect(findKind('v2', 'PersistentVolumeClaim')).toBeUndefined();
  });

  it('finds kinds by kind, plural, singular, short name and group-qualified name', () => {
    expect(findKindByName('pvc')?.kind).toBe('PersistentVolumeClaim');
    expect(findKindByName('PersistentVolume')?.kind).toBe('PersistentVolume');
    expect(findKindByName('storageclasses')?.kind).toBe('StorageClass');
    expect(findKindByName('namespace')?.kind).toBe('Namespace');
    expect(findKindByName('sc.storage.k8s.io')?.kind).toBe('StorageClass');
    expect(findKindByName('nothing')).toBeUndefined();
  });

  it('lists kinds per role', () => {
    expect(kindsFor('dr').map((k) => k.kind)).toContain('PersistentVolumeClaim');
    expect(kindsFor('hub').every((k) => k.servedOn.includes('hub'))).toBe(true);
    expect(allKinds().length).toBeGreaterThanOrEqual(9);
  });

  it('suggests the closest kind for a typo and nothing for gibberish', () => {
    expect(suggestKind('PersistentVolumeClam')).toBe('PersistentVolumeClaim');
    expect(suggestKind('storagclass')).toBe('StorageClass');
    expect(suggestKind('qqqqqqqqqqqq')).toBeUndefined();
  });

  it('refuses a kind listed twice', () => {
    expect(() => buildIndex([widgetSchema, widgetSchema])).toThrow(/listed twice/);
  });

  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
