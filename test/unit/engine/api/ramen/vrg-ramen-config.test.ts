// Goal: RamenConfig YAML is decoded as Ramen decodes it (unknown keys dropped, case-insensitive keys,
// lists replaced, merge onto defaults) and written back in Ramen's form. Method: pure functions.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultRamenConfig, mergeRamenConfig, parseRamenConfig, RamenConfigDecodeError, s3StoreProfileFormatError, serializeRamenConfig } from '../../../../../engine/api/ramen/ramen-config.js';

const GUIDE_YAML = `ramenControllerType: dr-cluster
maxConcurrentReconciles: 1
drClusterOperator:
  deploymentAutomationEnabled: true
  s3StoreProfiles:
  - s3ProfileName: minio-s3
    s3Bucket: ramen
    s3CompatibleEndpoint: http://HOST_IP:9000
    s3Region: us-east-1
    s3SecretRef:
      name: ramen-s3-secret
`;

describe('RamenConfig decoding', () => {
  it('drops the guide\'s misplaced s3StoreProfiles (unknown key under drClusterOperator)', () => {
    const cfg = parseRamenConfig(GUIDE_YAML);
    expect(cfg.s3StoreProfiles).toBeUndefined();
    expect(cfg.maxConcurrentReconciles).toBe(1);
    expect(cfg.drClusterOperator).toEqual({ deploymentAutomationEnabled: true });
  });

  it('matches keys case-insensitively, as encoding/json does', () => {
    const cfg = parseRamenConfig('S3StoreProfiles:\n- S3ProfileName: p\n  s3bucket: b\nVOLUMEUNPROTECTIONENABLED: true\n');
    expect(cfg.s3StoreProfiles?.[0]).toMatchObject({ s3ProfileName: 'p', s3Bucket: 'b' });
    expect(cfg.volumeUnprotectionEnabled).toBe(true);
  });

  it('fails on a type mismatch and on broken YAML', () => {
    expect(() => parseRamenConfig('maxConcurrentReconciles: many\n')).toThrow(RamenConfigDecodeError);
    expect(() => parseRamenConfig('a: [\n')).toThrow(RamenConfigDecodeError);
  });

  it('merges user YAML onto the defaults and writes back only known keys, sorted', () => {
    const merged = mergeRamenConfig(defaultRamenConfig('dr-cluster'), GUIDE_YAML + 'bogusKey: 1\n');
    expect(merged.volumeUnprotectionEnabled).toBe(true);
    expect(merged.maxConcurrentReconciles).toBe(1);
    expect(merged.ramenOpsNamespace).toBe('ramen-ops');
    const text = serializeRamenConfig(merged);
    expect(text).not.toMatch(/bogusKey|s3StoreProfiles/);
    const keys = Object.keys(parse(text) as Record<string, unknown>);
    expect(keys).toEqual([...keys].sort());
    expect(parse(text)).toMatchObject({ ramenControllerType: 'dr-cluster', volSync: { destinationCopyMethod: 'Direct' }, kubeObjectProtection: { veleroNamespaceName: 'velero' } });
  });

  it('loses an explicit false that overrides a true default at the next start (omitempty)', () => {
    const once = mergeRamenConfig(defaultRamenConfig('dr-cluster'), 'volumeUnprotectionEnabled: false\n');
    expect(once.volumeUnprotectionEnabled).toBe(false);
    const twice = mergeRamenConfig(defaultRamenConfig('dr-cluster'), serializeRamenConfig(once));
    expect(twice.volumeUnprotectionEnabled).toBe(true);
  });

  it('checks profiles as Ramen does', () => {
    const p = { s3ProfileName: 'p', s3Bucket: 'b', s3CompatibleEndpoint: 'http://x:9000', s3Region: 'r', s3SecretRef: { name: 's' } };
    expect(s3StoreProfileFormatError(p)).toBeUndefined();
    expect(s3StoreProfileFormatError({ ...p, s3CompatibleEndpoint: '' })).toBe('s3 endpoint has not been configured in s3 profile p');
    // The guide's unreplaced placeholder still parses as a URL; only reaching it fails.
    expect(s3StoreProfileFormatError({ ...p, s3CompatibleEndpoint: 'http://HOST_IP:9000' })).toBeUndefined();
    expect(s3StoreProfileFormatError({ ...p, s3CompatibleEndpoint: 'HOST_IP:9000' })).toMatch(/invalid URI for request$/);
    expect(s3StoreProfileFormatError({ ...p, s3CompatibleEndpoint: 'minio' })).toMatch(/^invalid s3 endpoint <minio>/);
    expect(s3StoreProfileFormatError({ ...p, s3Bucket: '' })).toBe('s3 bucket has not been configured in s3 profile p');
  });
});

describe('RamenConfig pointers', () => {
  it('omits an absent pointer struct (veleroNamespaceSecretKeyRef) but keeps struct values', () => {
    const cfg = mergeRamenConfig(defaultRamenConfig('dr-cluster'), 's3StoreProfiles:\n- s3ProfileName: p\n  s3SecretRef:\n    name: s\n');
    const written = parse(serializeRamenConfig(cfg)) as { s3StoreProfiles: Record<string, unknown>[] };
    expect(written.s3StoreProfiles[0]).not.toHaveProperty('veleroNamespaceSecretKeyRef');
    expect(written.s3StoreProfiles[0]).toMatchObject({ s3SecretRef: { name: 's' }, s3Bucket: '' });
  });
});
