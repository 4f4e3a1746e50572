// Goal: resource and namespace filters resolve names as Velero's discovery does (plural, singular,
// kind, short name, group-qualified, any case) with exclusion winning. Method: table checks against
// the real core and VolSync schemas.
import { describe, expect, it } from 'vitest';
import { PersistentVolumeClaimSchema } from '../../../../engine/api/core/persistent-volume-claim.js';
import { ReplicationSourceSchema } from '../../../../engine/api/storage/volsync.js';
import { namespaceSelected, namesResource, resourceSelected, restoreOrder } from '../../../../sim/velero/resource-filter.js';

describe('Velero resource filters', () => {
  it('resolves the spellings Ramen uses', () => {
    expect(namesResource('PersistentVolumeClaims', PersistentVolumeClaimSchema)).toBe(true);
    expect(namesResource('pvc', PersistentVolumeClaimSchema)).toBe(true);
    expect(namesResource('persistentvolumeclaim', PersistentVolumeClaimSchema)).toBe(true);
    expect(namesResource('PersistentVolumes', PersistentVolumeClaimSchema)).toBe(false);
    expect(namesResource('replicationsources.volsync.backube', ReplicationSourceSchema)).toBe(true);
    expect(namesResource('replicationsources.other.io', ReplicationSourceSchema)).toBe(false);
  });

  it('lets exclusion win and treats an empty include list or * as everything', () => {
    expect(resourceSelected({}, PersistentVolumeClaimSchema)).toBe(true);
    expect(resourceSelected({ includes: ['*'], excludes: ['pvc'] }, PersistentVolumeClaimSchema)).toBe(false);
    expect(resourceSelected({ includes: ['configmaps'] }, PersistentVolumeClaimSchema)).toBe(false);
    expect(namespaceSelected({ includes: ['a'], excludes: ['a'] }, 'a')).toBe(false);
    expect(namespaceSelected({ includes: ['*'] }, 'b')).toBe(true);
  });

  it('restores namespaces before configuration before pods, then the rest by name', () => {
    const order = ['services', 'pods', 'deployments.apps', 'configmaps', 'namespaces', 'apps.x'].sort(restoreOrder);
    expect(order).toEqual(['namespaces', 'configmaps', 'pods', 'services', 'apps.x', 'deployments.apps']);
  });
});
