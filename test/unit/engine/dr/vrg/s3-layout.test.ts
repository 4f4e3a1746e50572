// Goal: S3 keys and bodies are exactly Ramen's: typed keys under `<ns>/<vrg>/`, Go-escaped JSON with a
// trailing newline, gzip-compressed. Method: pure functions and node:zlib.

import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeObject, encodeObject, legacyPvcKey, pvcKey, pvKey, typePrefix, TYPE_PV, vrgObjectKey, vrgPrefix } from '../../../../../engine/dr/vrg/s3-layout.js';

describe('S3 layout', () => {
  it('builds the typed keys', () => {
    const p = vrgPrefix('app', 'vrg1');
    expect(p).toBe('app/vrg1/');
    expect(vrgObjectKey('app', 'vrg1')).toBe('app/vrg1/v1alpha1.VolumeReplicationGroup/a');
    expect(pvKey(p, 'pv-1')).toBe('app/vrg1/v1.PersistentVolume/pv-1');
    expect(pvcKey(p, 'ns2', 'data')).toBe('app/vrg1/v1.PersistentVolumeClaim/ns2/data');
    expect(legacyPvcKey(p, 'data')).toBe('app/vrg1/v1.PersistentVolumeClaim/data');
    expect(typePrefix(p, TYPE_PV)).toBe('app/vrg1/v1.PersistentVolume/');
  });

  it('encodes as gzip of Go JSON with a trailing newline and HTML escapes, and decodes back', () => {
    const body = encodeObject({ a: '<b>&' });
    const text = gunzipSync(body).toString('utf8');
    expect(text).toBe('{"a":"\\u003cb\\u003e\\u0026"}\n');
    expect(decodeObject<{ a: string }>(body, 'k')).toEqual({ a: '<b>&' });
    expect(() => decodeObject(new Uint8Array([1, 2, 3]), 'k')).toThrow(/gzip/);
  });
});
