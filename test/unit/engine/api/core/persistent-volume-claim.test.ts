// PVC admission must follow kube: status reset on create, spec immutable except a bound claim's
// storage growth and the one-time volumeName, decode errors for bad quantities.

import { describe, expect, it } from 'vitest';
import { PersistentVolumeClaimSchema as S, type PersistentVolumeClaim } from '../../../../../engine/api/core/persistent-volume-claim.js';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import { create, failure, update, writeStatus } from './admit-helpers.js';

const pvc = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'app' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'rbd', ...spec },
  ...extra,
});

const withSpec = (o: KubeObject, spec: Record<string, unknown>): KubeObject => ({ ...o, spec: { ...(o.spec as object), ...spec } });

describe('PersistentVolumeClaim', () => {
  it('defaults volumeMode and resets status to Pending on create', () => {
    const obj = create(S, pvc({}, { status: { phase: 'Bound' } })) as PersistentVolumeClaim;
    expect(obj.spec.volumeMode).toBe('Filesystem');
    expect(obj.status).toEqual({ phase: 'Pending' });
  });

  it('requires access modes and a storage request', () => {
    const err = failure(() => create(S, pvc({ accessModes: [], resources: {} })));
    expect(err.message).toBe(
      'PersistentVolumeClaim "data" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
    );
  });

  it('refuses an unknown access mode and a zero request', () => {
    const err = failure(() => create(S, pvc({ accessModes: ['ReadWriteSome'], resources: { requests: { storage: '0' } } })));
    expect(err.causes.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.accessModes: Unsupported value: "ReadWriteSome": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      'spec.resources.requests[storage]: Invalid value: "0": must be greater than zero',
    ]);
  });

  it('fails decoding for a malformed quantity or a wrongly typed field', () => {
    expect(failure(() => create(S, pvc({ resources: { requests: { storage: 'lots' } } }))).reason).toBe('BadRequest');
    const err = failure(() => create(S, pvc({ storageClassName: 7 })));
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toContain('cannot unmarshal number into Go struct field PersistentVolumeClaim.spec.storageClassName of type string');
  });

  it('refuses unknown fields under Strict', () => {
    expect(failure(() => create(S, pvc({ storageClass: 'rbd' }))).message).toBe('strict decoding error: unknown field "spec.storageClass"');
  });

  it('copies dataSource into dataSourceRef on create', () => {
    const ds = { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' };
    expect((create(S, pvc({ dataSource: ds })) as PersistentVolumeClaim).spec.dataSourceRef).toEqual(ds);
  });

  it('forbids spec changes after creation, with kube message', () => {
    const stored = create(S, pvc({}));
    const err = failure(() => update(S, withSpec(stored, { storageClassName: 'other' }), stored));
    expect(err.causes[0]?.field).toBe('spec');
    expect(err.causes[0]?.message.split('\n')[0]).toBe(
      'Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
    expect(err.causes[0]?.message).toContain('storageClassName: "other"');
  });

  it('lets the binder set volumeName once, and not again', () => {
    const stored = create(S, pvc({}));
    const bound = update(S, withSpec(stored, { volumeName: 'pv-1' }), stored);
    expect((bound.spec as Record<string, unknown>).volumeName).toBe('pv-1');
    expect(failure(() => update(S, withSpec(bound, { volumeName: 'pv-2' }), bound)).causes[0]?.field).toBe('spec');
  });

  it('lets a bound claim grow but not shrink below its capacity; an unbound claim cannot resize', () => {
    const stored = create(S, pvc({ volumeName: 'pv-1' }));
    expect(failure(() => update(S, withSpec(stored, { resources: { requests: { storage: '2Gi' } } }), stored)).causes[0]?.field).toBe('spec');
    const bound = { ...stored, status: { phase: 'Bound', capacity: { storage: '1Gi' } } } as KubeObject;
    const grown = update(S, withSpec(bound, { resources: { requests: { storage: '2Gi' } } }), bound);
    expect(grown.spec).toMatchObject({ resources: { requests: { storage: '2Gi' } } });
    const err = failure(() => update(S, withSpec(bound, { resources: { requests: { storage: '512Mi' } } }), bound));
    expect(err.causes).toEqual([
      { field: 'spec.resources.requests.storage', message: 'Forbidden: field can not be less than status.capacity', reason: 'FieldValueForbidden' },
    ]);
  });

  it('keeps the stored status on update and the stored spec on a status write', () => {
    const stored = create(S, pvc({}));
    expect(update(S, { ...stored, status: { phase: 'Lost' } }, stored).status).toEqual({ phase: 'Pending' });
    const next = writeStatus(S, { ...withSpec(stored, { storageClassName: 'x' }), status: { phase: 'Bound', capacity: { storage: '1Gi' } } }, stored);
    expect(next.status).toEqual({ phase: 'Bound', capacity: { storage: '1Gi' } });
    expect((next.spec as Record<string, unknown>).storageClassName).toBe('rbd');
    expect(failure(() => writeStatus(S, { ...stored, status: { phase: 'Gone' } }, stored)).causes[0]?.field).toBe('status.phase');
  });
});
