// Name and key formats must accept and refuse what kube does, with kube's explanations.

import { describe, expect, it } from 'vitest';
import { isConfigMapKey, isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName, validateObjectName } from '../../../../../engine/api/schema/names.js';

describe('names', () => {
  it('checks DNS-1123 subdomains and labels', () => {
    expect(isDns1123Subdomain('app.example-1.com')).toEqual([]);
    expect(isDns1123Subdomain('Upper')).toHaveLength(1);
    expect(isDns1123Subdomain('a'.repeat(254))).toContain('must be no more than 253 characters');
    expect(isDns1123Label('my-ns')).toEqual([]);
    expect(isDns1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDns1123Label('-x')[0]).toBe(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  it('checks DNS-1035 labels (Service names)', () => {
    expect(isDns1035Label('svc-1')).toEqual([]);
    expect(isDns1035Label('1svc')).toHaveLength(1);
  });

  it('checks qualified names, label values and config keys', () => {
    expect(isQualifiedName('ramendr.openshift.io/finalizer')).toEqual([]);
    expect(isQualifiedName('/x')).toContain('prefix part must be non-empty');
    expect(isQualifiedName('a/b/c')).toHaveLength(1);
    expect(isLabelValue('')).toEqual([]);
    expect(isLabelValue('bad value')).toHaveLength(1);
    expect(isConfigMapKey('ramen_manager_config.yaml')).toEqual([]);
    expect(isConfigMapKey('..x')).toContain("must not start with '..'");
  });

  it('accepts a generateName prefix ending in a dash', () => {
    expect(validateObjectName('dns1123Subdomain', 'web-', true)).toEqual([]);
    expect(validateObjectName('dns1123Subdomain', 'web-', false)).toHaveLength(1);
  });
});
