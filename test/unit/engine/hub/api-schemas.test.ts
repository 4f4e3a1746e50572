// Goal: the hub kinds' schemas carry the spec's validation (hub spec §2): required fields, enums,
// the schedulingInterval pattern, drClusters size and the immutability CEL rules with working checks.
import { describe, expect, it } from 'vitest';
import type { CelRule, Schema } from '../../../../engine/api/schema/types.js';
import { drClusterSchema } from '../../../../engine/api/ramen/drcluster.js';
import { drpcSchema } from '../../../../engine/api/ramen/drpc.js';
import { drPolicySchema } from '../../../../engine/api/ramen/drpolicy.js';

const spec = (s: Schema): Schema => s.properties!.spec!;
const rules = (s: Schema | undefined): CelRule[] => s?.['x-kubernetes-validations'] ?? [];

describe('DRPolicy schema', () => {
  const s = spec(drPolicySchema.schema);
  it('requires drClusters and schedulingInterval, exactly two clusters, immutable', () => {
    expect(s.required).toEqual(['drClusters', 'schedulingInterval']);
    const [size, immutable] = rules(s.properties!.drClusters);
    expect(size!.message).toBe('drClusters requires a list of 2 clusters');
    expect(size!.check(['a'], undefined, false)).toBe(false);
    expect(size!.check(['a', 'b'], undefined, false)).toBe(true);
    expect(size!.check(['a', 'b', 'c'], undefined, false)).toBe(false);
    expect(immutable!.check(['a', 'b'], ['a', 'c'], true)).toBe(false);
    expect(rules(s.properties!.schedulingInterval)[0]!.message).toBe('schedulingInterval is immutable');
  });

  it('selectors default to {} and may not be added or removed later', () => {
    expect(s.properties!.replicationClassSelector!.default).toEqual({});
    const [addRemove] = rules(s);
    expect(addRemove!.check({}, { replicationClassSelector: {} }, true)).toBe(false);
    expect(addRemove!.check({ replicationClassSelector: {} }, { replicationClassSelector: { matchLabels: { a: 'b' } } }, true)).toBe(true);
    expect(rules(s.properties!.volumeGroupSnapshotClassSelector)).toEqual([]);
  });
});

describe('DRPlacementControl schema', () => {
  const s = spec(drpcSchema.schema);
  it('requires placementRef, drPolicyRef and pvcSelector, all immutable; action is an enum', () => {
    expect(s.required).toEqual(['drPolicyRef', 'placementRef', 'pvcSelector']);
    for (const f of ['placementRef', 'drPolicyRef', 'pvcSelector']) {
      const [r] = rules(s.properties![f]);
      expect(r!.message).toBe(`${f} is immutable`);
      expect(r!.check({ name: 'a' }, { name: 'b' }, true)).toBe(false);
    }
    expect(s.properties!.action!.enum).toEqual(['Failover', 'Relocate']);
    expect(drpcSchema.shortNames).toEqual(['drpc']);
  });
});

describe('DRCluster schema', () => {
  const s = spec(drClusterSchema.schema);
  it('requires an immutable s3ProfileName; region immutable; clusterFence enum', () => {
    expect(s.required).toEqual(['s3ProfileName']);
    expect(rules(s.properties!.s3ProfileName)[0]!.message).toBe('s3ProfileName is immutable');
    expect(rules(s.properties!.region)[0]!.message).toBe('region is immutable');
    expect(s.properties!.clusterFence!.enum).toEqual(['Unfenced', 'Fenced', 'ManuallyFenced', 'ManuallyUnfenced']);
  });
});
