// Secret and ConfigMap admission must fold stringData, refuse bad base64 at decode, check keys, and
// freeze immutable objects, as kube does.

import { describe, expect, it } from 'vitest';
import { ConfigMapSchema } from '../../../../../engine/api/core/config-map.js';
import { SecretSchema } from '../../../../../engine/api/core/secret.js';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import { create, failure, update } from './admit-helpers.js';

const secret = (fields: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's3', namespace: 'ramen' }, ...fields });
const cm = (fields: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'ramen' }, ...fields });

describe('Secret', () => {
  it('defaults the type and folds stringData into data, stringData winning', () => {
    const obj = create(SecretSchema, secret({ data: { a: 'b2xk' }, stringData: { a: 'new', b: 'x' } }));
    expect(obj).toMatchObject({ type: 'Opaque', data: { a: 'bmV3', b: 'eA==' } });
    expect(obj).not.toHaveProperty('stringData');
  });

  it('fails decoding for invalid base64', () => {
    const err = failure(() => create(SecretSchema, secret({ data: { a: 'not base64!' } })));
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toMatch(/^Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte \d+$/);
  });

  it('requires TLS keys for a TLS secret and keeps the type immutable', () => {
    const err = failure(() => create(SecretSchema, secret({ type: 'kubernetes.io/tls', data: {} })));
    expect(err.causes.map((c) => c.field)).toEqual(['data[tls.crt]', 'data[tls.key]']);
    const stored = create(SecretSchema, secret({ data: { a: 'YQ==' } }));
    expect(failure(() => update(SecretSchema, { ...stored, type: 'other' } as KubeObject, stored)).causes[0]?.message).toBe('Invalid value: "other": field is immutable');
  });

  it('freezes data of an immutable secret', () => {
    const stored = create(SecretSchema, secret({ data: { a: 'YQ==' }, immutable: true }));
    expect(failure(() => update(SecretSchema, { ...stored, data: { a: 'Yg==' } } as KubeObject, stored)).causes[0]).toEqual({
      field: 'data',
      message: 'Forbidden: field is immutable when `immutable` is set',
      reason: 'FieldValueForbidden',
    });
  });
});

describe('ConfigMap', () => {
  it('accepts data and checks keys', () => {
    expect(create(ConfigMapSchema, cm({ data: { 'ramen_manager_config.yaml': 'x: 1' } }))).toMatchObject({ data: { 'ramen_manager_config.yaml': 'x: 1' } });
    const err = failure(() => create(ConfigMapSchema, cm({ data: { 'bad key': 'v' } })));
    expect(err.causes[0]?.field).toBe('data[bad key]');
    expect(err.causes[0]?.message).toMatch(/^Invalid value: "bad key": a valid config key must consist of alphanumeric characters/);
  });

  it('refuses a key present in both data and binaryData', () => {
    expect(failure(() => create(ConfigMapSchema, cm({ data: { k: 'v' }, binaryData: { k: 'dg==' } }))).causes[0]?.message).toBe(
      'Invalid value: "k": duplicate of key present in binaryData',
    );
  });

  it('refuses an unknown top-level field under Strict', () => {
    expect(failure(() => create(ConfigMapSchema, cm({ spec: {} }))).message).toBe('strict decoding error: unknown field "spec"');
  });
});
