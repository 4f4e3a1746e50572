// PV admission must follow kube: one volume source, source and volume mode immutable, claimRef
// mutable, status reset on create.

import { describe, expect, it } from 'vitest';
import { PersistentVolumeSchema as S, type PersistentVolume } from '../../../../../engine/api/core/persistent-volume.js';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import { create, failure, update } from './admit-helpers.js';

const pv = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'pv-1' },
  spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, csi: { driver: 'rbd.csi.ceph.com', volumeHandle: 'vol-1' }, ...spec },
});

const withSpec = (o: KubeObject, spec: Record<string, unknown>): KubeObject => ({ ...o, spec: { ...(o.spec as object), ...spec } });

describe('PersistentVolume', () => {
  it('defaults reclaim policy and volume mode, clears a namespace, starts Pending', () => {
    const obj = create(S, { ...pv({}), metadata: { name: 'pv-1', namespace: 'ignored' } }) as PersistentVolume;
    expect(obj.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(obj.spec.volumeMode).toBe('Filesystem');
    expect(obj.metadata.namespace).toBeUndefined();
    expect(obj.status).toEqual({ phase: 'Pending' });
  });

  it('requires exactly one volume source and the CSI identity', () => {
    expect(failure(() => create(S, pv({ csi: undefined }))).causes[0]).toEqual({ field: 'spec', message: 'Required value: must specify a volume type', reason: 'FieldValueRequired' });
    expect(failure(() => create(S, pv({ hostPath: { path: '/x' } }))).causes[0]?.message).toBe('Forbidden: may not specify more than 1 volume type');
    expect(failure(() => create(S, pv({ csi: { driver: 'd' } }))).causes.map((c) => c.field)).toEqual(['spec.csi.volumeHandle']);
  });

  it('refuses an unknown reclaim policy with the supported list', () => {
    expect(failure(() => create(S, pv({ persistentVolumeReclaimPolicy: 'Keep' }))).causes[0]?.message).toBe(
      'Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"',
    );
  });

  it('keeps the source and volume mode immutable but lets claimRef change', () => {
    const stored = create(S, pv({}));
    const claimed = update(S, withSpec(stored, { claimRef: { namespace: 'app', name: 'data', uid: 'u1' } }), stored);
    expect((claimed as PersistentVolume).spec.claimRef?.name).toBe('data');
    const released = update(S, withSpec(claimed, { claimRef: undefined }), claimed);
    expect((released as PersistentVolume).spec.claimRef).toBeUndefined();
    const err = failure(() => update(S, withSpec(stored, { csi: { driver: 'rbd.csi.ceph.com', volumeHandle: 'vol-2' } }), stored));
    expect(err.causes[0]?.field).toBe('spec.persistentvolumesource');
    expect(err.causes[0]?.message.split('\n')[0]).toBe('Forbidden: spec.persistentvolumesource is immutable after creation');
    expect(failure(() => update(S, withSpec(stored, { volumeMode: 'Block' }), stored)).causes[0]).toEqual({
      field: 'volumeMode',
      message: 'Invalid value: "Block": field is immutable',
      reason: 'FieldValueInvalid',
    });
  });
});
