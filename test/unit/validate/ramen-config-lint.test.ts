// Goal: the RamenConfig linter reads configuration exactly as Ramen does (the engine's lenient decoder
// is the reference): every key it calls known is kept by Ramen, every key it calls ignored is dropped,
// a case variant is read, and a value of the wrong type fails the whole decode.

import { describe, expect, it } from 'vitest';
import { parseRamenConfig, RamenConfigDecodeError } from '../../../engine/api/ramen/ramen-config.js';
import { allKeyPaths } from '../../../validate/ramen-config/ramen-config-keys.js';
import { lintRamenConfigText, lintRamenConfigValue } from '../../../validate/ramen-config/ramen-config-lint.js';

const SAMPLE = { string: 'x', bool: true, int: 7 } as const;

/** A one-key document that sets `path` (dotted, `[]` for the first list item) to a sample value. */
function docFor(path: string, value: unknown): unknown {
  const parts = path.split('.');
  const build = (i: number): unknown => {
    if (i === parts.length) return value;
    const name = parts[i]!.replace('[]', '');
    const inner = build(i + 1);
    return { [name]: parts[i]!.endsWith('[]') ? [inner] : inner };
  };
  return build(0);
}

function read(cfg: unknown, path: string): unknown {
  let cur: unknown = cfg;
  for (const p of path.split('.')) {
    const name = p.replace('[]', '');
    cur = (cur as Record<string, unknown> | undefined)?.[name];
    if (p.endsWith('[]')) cur = (cur as unknown[] | undefined)?.[0];
  }
  return cur;
}

describe('RamenConfig key catalogue agrees with Ramen\'s decoder', () => {
  const leaves = allKeyPaths().filter((k) => k.shape.t === 'string' || k.shape.t === 'bool' || k.shape.t === 'int');
  it('lists the keys of the engine\'s decoder', () => {
    expect(leaves.length).toBeGreaterThan(30);
  });
  for (const leaf of leaves) {
    it(`${leaf.path} is kept by Ramen and not reported`, () => {
      const value = SAMPLE[leaf.shape.t as keyof typeof SAMPLE];
      const doc = docFor(leaf.path, value);
      expect(read(parseRamenConfig(JSON.stringify(doc)), leaf.path)).toEqual(value);
      const lint = lintRamenConfigValue(doc, undefined).issues.filter((i) => i.code === 'RamenConfigIgnoredKey' || i.code === 'RamenConfigMisplacedKey' || i.code === 'RamenConfigUnparsable');
      expect(lint).toEqual([]);
    });
  }

  it('a key the linter calls ignored is dropped by Ramen', () => {
    const doc = { s3StoreProfiles: [{ s3ProfileName: 'p', s3Endpoint: 'http://x' }], webhook: { port: 1 } };
    const cfg = parseRamenConfig(JSON.stringify(doc)) as unknown as Record<string, unknown>;
    expect(cfg.webhook).toBeUndefined();
    expect((cfg.s3StoreProfiles as Record<string, unknown>[])[0]!.s3Endpoint).toBeUndefined();
    const issues = lintRamenConfigValue(doc, 'hub').issues.filter((i) => i.code === 'RamenConfigIgnoredKey');
    expect(issues.map((i) => i.path)).toEqual([['s3StoreProfiles', 0, 's3Endpoint'], ['webhook']]);
  });

  it('a case variant is read by Ramen and reported as such', () => {
    const doc = { S3STOREPROFILES: [{ s3profilename: 'p', s3Bucket: 'b', s3CompatibleEndpoint: 'http://x', s3Region: 'r', s3SecretRef: { name: 's' } }] };
    expect(parseRamenConfig(JSON.stringify(doc)).s3StoreProfiles?.[0]?.s3ProfileName).toBe('p');
    expect(lintRamenConfigValue(doc, 'hub').issues.map((i) => i.code)).toEqual(['RamenConfigKeyCase', 'RamenConfigKeyCase']);
  });

  it('a value of the wrong type: Ramen fails the whole decode, and the linter says so at that key', () => {
    const doc = { drClusterOperator: { deploymentAutomationEnabled: 'true' } };
    expect(() => parseRamenConfig(JSON.stringify(doc))).toThrow(RamenConfigDecodeError);
    const issues = lintRamenConfigValue(doc, 'hub').issues;
    expect(issues.map((i) => [i.code, i.path])).toEqual([['RamenConfigUnparsable', ['drClusterOperator', 'deploymentAutomationEnabled']]]);
    expect(issues[0]!.message).toContain('cannot unmarshal string into Go struct field RamenConfig.drClusterOperator.deploymentAutomationEnabled of type bool');
  });
});

describe('RamenConfig semantics', () => {
  it('profiles nested under drClusterOperator: misplaced, and Ramen finds no profile', () => {
    const text = 'drClusterOperator:\n  s3StoreProfiles:\n  - s3ProfileName: p\n';
    const lint = lintRamenConfigText(text, 'hub');
    expect(lint.issues.map((i) => i.code)).toEqual(['RamenConfigMisplacedKey', 'NoS3Profiles']);
    expect(lint.locator?.locate(lint.issues[0]!.path).line).toBe(2);
  });

  it('s3StoreProfiles as a map: Ramen cannot decode it', () => {
    const lint = lintRamenConfigText('s3StoreProfiles:\n  p:\n    s3Bucket: b\n', 'hub');
    expect(lint.issues.map((i) => i.code)).toEqual(['S3StoreProfilesNotList']);
    expect(lint.config).toBeUndefined();
  });

  it('unusable profiles: missing endpoint, placeholder host, missing secret, duplicate name', () => {
    const text = [
      's3StoreProfiles:',
      '- {s3ProfileName: a, s3Bucket: b, s3Region: r, s3SecretRef: {name: s}}',
      '- {s3ProfileName: b, s3Bucket: b, s3CompatibleEndpoint: "http://HOST_IP:9000", s3Region: r, s3SecretRef: {name: s}}',
      '- {s3ProfileName: c, s3Bucket: b, s3CompatibleEndpoint: "http://minio:9000", s3Region: r}',
      '- {s3ProfileName: c, s3Bucket: b, s3CompatibleEndpoint: "http://minio:9000", s3Region: r, s3SecretRef: {name: s}}',
    ].join('\n');
    const lint = lintRamenConfigText(text, 'hub');
    expect(lint.issues.map((i) => [i.code, lint.locator?.locate(i.path).line])).toEqual([
      ['S3ProfileIncomplete', 2],
      ['S3ProfileIncomplete', 3],
      ['S3ProfileIncomplete', 4],
      ['S3ProfileIncomplete', 5],
    ]);
    expect(lint.issues[0]!.message).toBe('s3 endpoint has not been configured in s3 profile a');
  });

  it('ramenControllerType does not pick the mode, and a DR cluster ignores drClusterOperator', () => {
    const text = 'ramenControllerType: dr-hub\ndrClusterOperator:\n  deploymentAutomationEnabled: true\ns3StoreProfiles:\n- {s3ProfileName: a, s3Bucket: b, s3CompatibleEndpoint: "http://m:9000", s3Region: r, s3SecretRef: {name: s}}\n';
    expect(lintRamenConfigText(text, 'dr').issues.map((i) => i.code)).toEqual(['RamenConfigInformational', 'RamenConfigInformational']);
    expect(lintRamenConfigText(text, 'hub').issues).toEqual([]);
  });

  it('broken YAML inside the ConfigMap is reported, not thrown', () => {
    expect(lintRamenConfigText('a: [\n', 'hub').issues.map((i) => i.code)).toEqual(['RamenConfigUnparsable']);
  });
});
