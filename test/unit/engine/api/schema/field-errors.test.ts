// Field errors must render and aggregate exactly as apimachinery prints them.

import { describe, expect, it } from 'vitest';
import {
  OMIT_VALUE,
  fieldErrorString,
  forbidden,
  invalid,
  invalidObjectError,
  notSupported,
  required,
  tooLong,
  tooMany,
} from '../../../../../engine/api/schema/field-errors.js';

describe('field errors', () => {
  it('renders each error type as kube does', () => {
    expect(fieldErrorString(required('spec.x'))).toBe('spec.x: Required value');
    expect(fieldErrorString(required('metadata.name', 'name or generateName is required'))).toBe('metadata.name: Required value: name or generateName is required');
    expect(fieldErrorString(invalid('spec.n', 3, 'too big'))).toBe('spec.n: Invalid value: 3: too big');
    expect(fieldErrorString(invalid('spec.s', 'a"b', 'bad'))).toBe('spec.s: Invalid value: "a\\"b": bad');
    expect(fieldErrorString(invalid('spec.o', { b: 1, a: [true] }, 'bad'))).toBe('spec.o: Invalid value: {"a":[true],"b":1}: bad');
    expect(fieldErrorString(invalid('spec.o', OMIT_VALUE, 'bad'))).toBe('spec.o: Invalid value: bad');
    expect(fieldErrorString(notSupported('spec.m', 'x', ['a', 'b']))).toBe('spec.m: Unsupported value: "x": supported values: "a", "b"');
    expect(fieldErrorString(forbidden('provisioner', 'updates to provisioner are forbidden.'))).toBe('provisioner: Forbidden: updates to provisioner are forbidden.');
    expect(fieldErrorString(tooLong('spec.s', 1))).toBe('spec.s: Too long: may not be more than 1 byte');
    expect(fieldErrorString(tooMany('spec.l', 3, 2))).toBe('spec.l: Too many: 3: must have at most 2 items');
  });

  it('aggregates like apierrors.NewInvalid: brackets for several, each message once', () => {
    const one = invalidObjectError({ group: '', kind: 'ConfigMap' }, 'c', [required('data')]);
    expect(one.message).toBe('ConfigMap "c" is invalid: data: Required value');
    expect(one.reason).toBe('Invalid');
    expect(one.code).toBe(422);
    const many = invalidObjectError({ group: 'g.io', kind: 'K' }, 'k', [required('a'), required('a'), required('b')]);
    expect(many.message).toBe('K.g.io "k" is invalid: [a: Required value, b: Required value]');
    expect(many.causes).toHaveLength(3);
  });
});
