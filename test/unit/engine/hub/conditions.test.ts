// Goal: condition updates follow Ramen's semantics: rewrite only on change, move lastTransitionTime only
// when the status flips or the generation changes, store empty texts as `none` (hub spec §9.1).
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../../engine/api/meta.js';
import { addOrUpdateCondition, genericConditionSet, isTrueAtGeneration } from '../../../../engine/hub/conditions.js';

describe('addOrUpdateCondition', () => {
  it('appends, then reports no change for an identical update', () => {
    const c: Condition[] = [];
    expect(addOrUpdateCondition(c, 'Available', 1, 'True', 'Deployed', 'ok', 't1')).toBe(true);
    expect(addOrUpdateCondition(c, 'Available', 1, 'True', 'Deployed', 'ok', 't2')).toBe(false);
    expect(c).toEqual([{ type: 'Available', status: 'True', reason: 'Deployed', message: 'ok', observedGeneration: 1, lastTransitionTime: 't1' }]);
  });

  it('keeps the transition time on a reason change, moves it on a status flip or a new generation', () => {
    const c: Condition[] = [];
    addOrUpdateCondition(c, 'A', 1, 'False', 'X', 'm', 't1');
    addOrUpdateCondition(c, 'A', 1, 'False', 'Y', 'm2', 't2');
    expect(c[0]!.lastTransitionTime).toBe('t1');
    addOrUpdateCondition(c, 'A', 1, 'True', 'Y', 'm2', 't3');
    expect(c[0]!.lastTransitionTime).toBe('t3');
    addOrUpdateCondition(c, 'A', 2, 'True', 'Y', 'm2', 't4');
    expect(c[0]).toMatchObject({ lastTransitionTime: 't4', observedGeneration: 2 });
  });

  it('stores an empty reason or message on an existing condition as none', () => {
    const c: Condition[] = [];
    addOrUpdateCondition(c, 'A', 1, 'True', 'R', 'M', 't1');
    addOrUpdateCondition(c, 'A', 1, 'True', '', '', 't2');
    expect(c[0]).toMatchObject({ reason: 'none', message: 'none' });
  });
});

describe('genericConditionSet and generation checks', () => {
  it('rewrites every field, including the transition time, on any change', () => {
    const c: Condition[] = [];
    genericConditionSet(c, 'Validated', 1, 'False', 'A', 'm', 't1');
    expect(genericConditionSet(c, 'Validated', 1, 'False', 'B', 'm', 't2')).toBe(true);
    expect(c[0]!.lastTransitionTime).toBe('t2');
    expect(genericConditionSet(c, 'Validated', 1, 'False', 'B', 'm', 't3')).toBe(false);
  });

  it('a condition is trusted only at the viewed object generation', () => {
    const c: Condition[] = [{ type: 'DataReady', status: 'True', reason: 'Ready', message: '', observedGeneration: 2, lastTransitionTime: 't' }];
    expect(isTrueAtGeneration(c, 'DataReady', 2)).toBe(true);
    expect(isTrueAtGeneration(c, 'DataReady', 3)).toBe(false);
    expect(isTrueAtGeneration(c, 'ClusterDataReady', 2)).toBe(false);
  });
});
