// Quantities must parse and compare exactly as kube's; the typed helpers must read the right fields.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ErrorOffset, encodeBase64 } from '../../../../../engine/api/core/base64.js';
import { podClaimKeys, pvClaimKey, pvSatisfiesRequest, pvcStorageClass, secretData, secretValue } from '../../../../../engine/api/core/helpers.js';
import type { PersistentVolumeClaim } from '../../../../../engine/api/core/persistent-volume-claim.js';
import type { PersistentVolume } from '../../../../../engine/api/core/persistent-volume.js';
import type { Pod } from '../../../../../engine/api/core/pod.js';
import type { Secret } from '../../../../../engine/api/core/secret.js';
import { compareQuantities, formatBytes, parseQuantity, quantityToNumber } from '../../../../../engine/api/core/quantity.js';

describe('quantity', () => {
  it('parses binary, decimal, exponent and milli forms', () => {
    expect(quantityToNumber('1Gi')).toBe(1024 ** 3);
    expect(quantityToNumber('1G')).toBe(1e9);
    expect(quantityToNumber('1.5Gi')).toBe(1.5 * 1024 ** 3);
    expect(quantityToNumber('1e3')).toBe(1000);
    expect(parseQuantity('100m')).toBe(100_000_000n);
    expect(parseQuantity('1Gb')).toBeUndefined();
    expect(parseQuantity('')).toBeUndefined();
  });

  it('compares across units', () => {
    expect(compareQuantities('1Gi', '1024Mi')).toBe(0);
    expect(compareQuantities('1G', '1Gi')).toBe(-1);
    expect(compareQuantities('2Gi', '1Gi')).toBe(1);
  });

  it('orders integers like numbers and round-trips formatted byte counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 40 }), (a, b) => {
        expect(compareQuantities(String(a), String(b))).toBe(Math.sign(a - b));
        expect(quantityToNumber(formatBytes(a))).toBe(a);
      }),
    );
  });
});

describe('base64', () => {
  it('accepts what Go decodes and locates the first bad byte', () => {
    expect(base64ErrorOffset(encodeBase64('hello'))).toBe(-1);
    expect(base64ErrorOffset('ab$d')).toBe(2);
    expect(base64ErrorOffset('abc')).toBeGreaterThanOrEqual(0);
  });
});

describe('helpers', () => {
  const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'd', namespace: 'app' }, spec: { storageClassName: 'rbd', resources: { requests: { storage: '2Gi' } } } } as PersistentVolumeClaim;
  const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { capacity: { storage: '1Gi' }, claimRef: { namespace: 'app', name: 'd' } } } as PersistentVolume;

  it('reads claims and volumes', () => {
    expect(pvcStorageClass(pvc)).toBe('rbd');
    expect(pvClaimKey(pv)).toBe('app/d');
    expect(pvSatisfiesRequest(pv, pvc)).toBe(false);
  });

  it('lists the claims a pod mounts', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'app' }, spec: { containers: [], volumes: [{ name: 'a', persistentVolumeClaim: { claimName: 'd' } }, { name: 'b', emptyDir: {} }] } } as Pod;
    expect(podClaimKeys(pod)).toEqual([{ namespace: 'app', name: 'd' }]);
  });

  it('encodes and decodes secret values', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: secretData({ AWS_ACCESS_KEY_ID: 'minio' }) } as Secret;
    expect(secret.data).toEqual({ AWS_ACCESS_KEY_ID: 'bWluaW8=' });
    expect(secretValue(secret, 'AWS_ACCESS_KEY_ID')).toBe('minio');
  });
});
