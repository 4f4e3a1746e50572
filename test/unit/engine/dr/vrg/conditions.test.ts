// Goal: condition setting and merging behave exactly as Ramen's util.SetStatusCondition and
// util.MergeConditions, including the per-PVC reason mapping quirks. Method: pure functions.

import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../../../engine/api/meta.js';
import type { ProtectedPvc } from '../../../../../engine/api/ramen/vrg.js';
import {
  mergeConditions,
  mergedConditionOf,
  setInitialConditions,
  setPvcClusterDataProtected,
  setPvcDataProtected,
  setPvcDataReady,
  setStatusCondition,
} from '../../../../../engine/dr/vrg/conditions.js';
import type { NewCondition } from '../../../../../engine/dr/vrg/conditions.js';

const c = (status: NewCondition['status'], reason: string, message: string, gen = 1, type = 'DataReady'): NewCondition => ({ type, status, reason, message, observedGeneration: gen });

describe('setStatusCondition', () => {
  it('bumps lastTransitionTime on a status or generation change only, and stores empty texts as "none"', () => {
    const list: Condition[] = [];
    setStatusCondition(list, c('True', 'Ready', 'ok'), 't1');
    setStatusCondition(list, c('True', 'Other', 'changed'), 't2');
    expect(list[0]).toMatchObject({ reason: 'Other', message: 'changed', lastTransitionTime: 't1' });
    setStatusCondition(list, c('False', '', ''), 't3');
    expect(list[0]).toMatchObject({ status: 'False', reason: 'none', message: 'none', lastTransitionTime: 't3' });
    setStatusCondition(list, c('False', 'x', 'y', 2), 't4');
    expect(list[0]).toMatchObject({ observedGeneration: 2, lastTransitionTime: 't4' });
  });

  it('initializes the eight summary types as Unknown/Initializing, without touching existing ones', () => {
    const list: Condition[] = [];
    setStatusCondition(list, c('True', 'Ready', 'kept', 3), 't0');
    setInitialConditions(list, 3, 't1');
    expect(list.map((x) => x.type)).toEqual(['DataReady', 'DataProtected', 'ClusterDataReady', 'KubeObjectsReady', 'ClusterDataProtected', 'AutoCleanup', 'NoClusterDataConflict', 'HooksReady']);
    expect(list[0]).toMatchObject({ status: 'True', message: 'kept' });
    expect(list[1]).toMatchObject({ status: 'Unknown', reason: 'Initializing', message: 'Initializing VolumeReplicationGroup' });
  });
});

describe('mergeConditions', () => {
  it('prefers False over Unknown over True and writes nothing when all inputs are absent', () => {
    expect(mergedConditionOf([c('True', 'Ready', 'a'), c('Unknown', 'UnknownError', 'b'), c('False', 'Error', 'c')])).toMatchObject({ status: 'False', message: 'c' });
    expect(mergedConditionOf([c('True', 'Ready', 'a'), c('Unknown', 'UnknownError', 'b')])).toMatchObject({ status: 'Unknown' });
    const list: Condition[] = [];
    expect(mergeConditions(list, [undefined, undefined], 't')).toBeUndefined();
    expect(list).toEqual([]);
  });

  it('keeps only the oldest generation within the chosen status, then folds messages', () => {
    const merged = mergedConditionOf([c('False', 'Error', 'new', 3), c('False', 'Progressing', 'old', 2), c('False', 'Error', 'old2', 2)]);
    expect(merged).toMatchObject({ reason: 'Progressing', message: 'old. old2', observedGeneration: 2 });
  });

  it('ignores Unused sub-conditions unless all are Unused', () => {
    expect(mergedConditionOf([c('True', 'Unused', 'volsync'), c('True', 'Ready', 'volrep')])).toMatchObject({ reason: 'Ready', message: 'volrep' });
    expect(mergedConditionOf([c('True', 'Ready', 'volrep'), c('True', 'Unused', 'volsync')])).toMatchObject({ reason: 'Ready', message: 'volrep' });
    expect(mergedConditionOf([c('True', 'Unused', 'a'), c('True', 'Unused', 'b')])).toMatchObject({ reason: 'Unused', message: 'a. b' });
    expect(mergedConditionOf([c('True', 'NoConflictDetected', 'x'), c('True', 'ClusterDataConflictPrimary', 'y')])).toMatchObject({ reason: 'NoConflictDetected', message: 'x. y' });
  });

  it('upserts under the merged condition\'s own type (the sync-mode quirk)', () => {
    const list: Condition[] = [];
    mergeConditions(list, [c('True', 'Unused', 'no pvcs', 1, 'DataProtected')], 't');
    expect(list.map((x) => x.type)).toEqual(['DataProtected']);
  });
});

describe('per-PVC setters', () => {
  const entry = (): ProtectedPvc => ({ namespace: 'ns', name: 'p' });
  it('maps DataReady reasons and turns an unknown reason into Error "Unknown reason: X"', () => {
    const e = entry();
    setPvcDataReady(e, 'Replicated', 'm', 1, 't');
    expect(e.conditions![0]).toMatchObject({ type: 'DataReady', status: 'True', reason: 'Replicated' });
    setPvcDataReady(e, 'PeerClassNotFound', 'm', 1, 't');
    expect(e.conditions![0]).toMatchObject({ status: 'Unknown', reason: 'PeerClassNotFound' });
    setPvcDataReady(e, 'Bogus', 'm', 1, 't');
    expect(e.conditions![0]).toMatchObject({ status: 'False', reason: 'Error', message: 'Unknown reason: Bogus' });
  });

  it('maps DataProtected Ready to False/Replicating and Progressing to False/Error', () => {
    const e = entry();
    setPvcDataProtected(e, 'Ready', 'm', 1, 't');
    expect(e.conditions![0]).toMatchObject({ type: 'DataProtected', status: 'False', reason: 'Replicating' });
    setPvcDataProtected(e, 'Progressing', 'm', 1, 't');
    expect(e.conditions![0]).toMatchObject({ status: 'False', reason: 'Error' });
  });

  it('writes the PVC DataReady (Unknown/UnknownError) for unexpected DataProtected and ClusterDataProtected reasons', () => {
    const e = entry();
    setPvcDataProtected(e, 'Weird', 'm', 1, 't');
    setPvcClusterDataProtected(e, 'Odd', 'm', 1, 't');
    expect(e.conditions).toHaveLength(1);
    expect(e.conditions![0]).toMatchObject({ type: 'DataReady', status: 'Unknown', reason: 'UnknownError', message: 'Unknown reason: Odd' });
  });

  it('keeps UploadError and AnnotationFailed as given on ClusterDataProtected', () => {
    const e = entry();
    setPvcClusterDataProtected(e, 'AnnotationFailed', 'm', 1, 't');
    expect(e.conditions![0]).toMatchObject({ type: 'ClusterDataProtected', status: 'False', reason: 'AnnotationFailed' });
  });
});
