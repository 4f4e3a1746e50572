// StorageClass admission must default like kube and forbid changing provisioner, parameters and
// reclaim policy with kube's messages.

import { describe, expect, it } from 'vitest';
import { StorageClassSchema as S } from '../../../../../engine/api/core/storage-class.js';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import { create, failure, update } from './admit-helpers.js';

const sc = (fields: Record<string, unknown>) => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'rbd' },
  provisioner: 'rbd.csi.ceph.com',
  parameters: { pool: 'replicapool' },
  ...fields,
});

describe('StorageClass', () => {
  it('defaults reclaim policy and binding mode', () => {
    expect(create(S, sc({}))).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  });

  it('requires a provisioner and refuses Recycle', () => {
    expect(failure(() => create(S, sc({ provisioner: undefined }))).message).toBe('StorageClass.storage.k8s.io "rbd" is invalid: provisioner: Required value');
    expect(failure(() => create(S, sc({ reclaimPolicy: 'Recycle' }))).causes[0]?.message).toBe('Unsupported value: "Recycle": supported values: "Delete", "Retain"');
  });

  it('forbids updates to provisioner, parameters and reclaim policy, and changing the binding mode', () => {
    const stored = create(S, sc({}));
    const err = failure(() =>
      update(S, { ...stored, provisioner: 'other.csi', parameters: { pool: 'x' }, reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' } as KubeObject, stored),
    );
    expect(err.causes.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'parameters: Forbidden: updates to parameters are forbidden.',
      'provisioner: Forbidden: updates to provisioner are forbidden.',
      'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
      'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
    ]);
  });

  it('allows label and expansion changes', () => {
    const stored = create(S, sc({}));
    const next = update(S, { ...stored, allowVolumeExpansion: true, metadata: { ...stored.metadata, labels: { a: 'b' } } } as KubeObject, stored);
    expect(next).toMatchObject({ allowVolumeExpansion: true });
  });
});
