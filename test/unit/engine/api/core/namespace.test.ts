// Namespace admission must add kube's finalizer, name label and Active phase, and require a DNS label name.

import { describe, expect, it } from 'vitest';
import { NamespaceSchema as S } from '../../../../../engine/api/core/namespace.js';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import { create, failure, update } from './admit-helpers.js';

const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

describe('Namespace', () => {
  it('adds the kubernetes finalizer, the name label and phase Active', () => {
    const obj = create(S, ns('app'));
    expect(obj.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(obj.status).toEqual({ phase: 'Active' });
    expect(obj.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'app' });
  });

  it('requires a DNS-1123 label name (no dots)', () => {
    expect(failure(() => create(S, ns('a.b'))).causes[0]).toEqual({ field: 'metadata.name', message: 'Invalid value: "a.b": must not contain dots', reason: 'FieldValueInvalid' });
  });

  it('ignores spec and status changes in a plain update', () => {
    const stored = create(S, ns('app'));
    const next = update(S, { ...stored, spec: { finalizers: [] }, status: { phase: 'Terminating' } } as KubeObject, stored);
    expect(next.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(next.status).toEqual({ phase: 'Active' });
  });
});
