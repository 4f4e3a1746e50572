// Reads a RamenConfig the way Ramen does (sigs.k8s.io/yaml → encoding/json: unknown keys dropped,
// keys matched case-insensitively, a value of the wrong JSON type fails the whole decode) and says,
// key by key, what Ramen would ignore, read under another spelling, or fail on, then checks what the
// decoded configuration means: S3 profiles present and usable, mode keys that do nothing.

import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { parseRamenConfig, RamenConfigDecodeError, s3StoreProfileFormatError, type RamenConfig } from '../../engine/api/ramen/ramen-config.js';
import { editDistance } from '../../engine/api/schema/edit-distance.js';
import type { PathSegment } from '../field-lines.js';
import { FieldLocator } from '../field-lines.js';
import type { FindingCode } from '../finding.js';
import { allKeyPaths, MISTAKEN_PROFILE_KEYS, MISTAKEN_TOP_KEYS, RAMEN_CONFIG_SHAPE, S3_PROFILE_SHAPE, type KeyShape } from './ramen-config-keys.js';

/** Which operator reads the configuration: the hub's or a DR cluster's. */
export type ConfigRole = 'hub' | 'dr';

export interface ConfigIssue {
  /** Path inside the RamenConfig document. */
  path: PathSegment[];
  code: FindingCode;
  message: string;
  hint?: string;
}

export interface ConfigLint {
  issues: ConfigIssue[];
  /** The configuration as Ramen decodes it, when it decodes. */
  config?: RamenConfig;
  /** Where each issue's path is in the YAML text, when linted from text. */
  locator?: FieldLocator;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const KNOWN_PATHS = allKeyPaths();

function goKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

const GO_TYPES: Record<string, string> = { string: 'string', bool: 'bool', int: 'int', object: 'struct', list: '[]v1alpha1.S3StoreProfile' };

function goPath(path: readonly PathSegment[]): string {
  return ['RamenConfig', ...path.filter((p): p is string => typeof p === 'string')].join('.');
}

function showPath(path: readonly PathSegment[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function typeMatches(value: unknown, shape: KeyShape): boolean {
  switch (shape.t) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'object':
      return isRecord(value);
    case 'list':
      return Array.isArray(value);
  }
}

function walk(value: unknown, shape: KeyShape, path: PathSegment[], issues: ConfigIssue[]): void {
  // JSON null leaves a Go value untouched: never an error.
  if (value === null || value === undefined) return;
  if (!typeMatches(value, shape)) {
    const key = path[path.length - 1];
    if (key === 's3StoreProfiles') {
      issues.push({
        path,
        code: 'S3StoreProfilesNotList',
        message: `Ramen cannot decode s3StoreProfiles: json: cannot unmarshal ${goKind(value)} into Go struct field ${goPath(path)} of type []v1alpha1.S3StoreProfile`,
        hint: 's3StoreProfiles must be a list ("- s3ProfileName: ..."), not a mapping; as written the operator fails to load its whole configuration',
      });
    } else {
      issues.push({
        path,
        code: 'RamenConfigUnparsable',
        message: `Ramen cannot decode ${showPath(path)}: json: cannot unmarshal ${goKind(value)} into Go struct field ${goPath(path)} of type ${GO_TYPES[shape.t] ?? shape.t}`,
        hint: 'one value of the wrong type fails the whole decode: the operator cannot load this configuration',
      });
    }
    return;
  }
  if (shape.t === 'list') {
    (value as unknown[]).forEach((item, i) => walk(item, shape.item, [...path, i], issues));
    return;
  }
  if (shape.t !== 'object') return;
  const names = Object.keys(shape.fields);
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const here = [...path, key];
    if (names.includes(key)) {
      walk(v, shape.fields[key]!, here, issues);
      continue;
    }
    const ci = names.find((n) => n.toLowerCase() === key.toLowerCase());
    if (ci !== undefined) {
      issues.push({
        path: here,
        code: 'RamenConfigKeyCase',
        message: `Ramen reads "${key}" as ${ci} (Go's JSON decoding ignores case), and rewrites it as ${ci} at the next operator start`,
        hint: `spell it ${ci}`,
      });
      walk(v, shape.fields[ci]!, here, issues);
      continue;
    }
    issues.push(unknownKeyIssue(key, here, shape));
  }
}

function unknownKeyIssue(key: string, here: PathSegment[], parent: KeyShape): ConfigIssue {
  const lower = key.toLowerCase();
  const where = showPath(here);
  const isProfile = parent === S3_PROFILE_SHAPE;
  const isTop = parent === RAMEN_CONFIG_SHAPE;
  const known = isProfile ? MISTAKEN_PROFILE_KEYS[lower] : isTop ? MISTAKEN_TOP_KEYS[lower] : undefined;
  if (known) return { path: here, code: 'RamenConfigIgnoredKey', message: `Ramen ignores "${where}": not a RamenConfig field`, hint: known };
  const elsewhere = KNOWN_PATHS.filter((k) => k.name.toLowerCase() === lower);
  if (elsewhere.length > 0) {
    const right = elsewhere.map((k) => k.path.replace(/\[\]/g, '[]')).join(' or ');
    if (lower === 's3storeprofiles') {
      return {
        path: here,
        code: 'RamenConfigMisplacedKey',
        message: `Ramen ignores "${where}": s3StoreProfiles is a top-level key of ramen_manager_config.yaml`,
        hint: 'move the s3StoreProfiles list to the top level (not under any other key); as written Ramen sees no S3 profiles, DRClusters fail validation with s3ConnectionFailed ("s3 profile ... not found in RamenConfig") and VRGs cannot upload',
      };
    }
    return { path: here, code: 'RamenConfigMisplacedKey', message: `Ramen ignores "${where}": ${elsewhere[0]!.name} belongs at ${right}`, hint: `move it to ${right}` };
  }
  const siblings = parent.t === 'object' ? Object.keys(parent.fields) : [];
  const near = siblings
    .map((n) => ({ n, d: editDistance(lower, n.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(key.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  return {
    path: here,
    code: 'RamenConfigIgnoredKey',
    message: `Ramen ignores "${where}": not a RamenConfig field`,
    hint: near ? `did you mean ${near.n}?` : `known keys here: ${siblings.join(', ')}`,
  };
}

const PLACEHOLDER = /HOST_IP|<[^>]*>|CHANGE_?ME|YOUR_|EXAMPLE\.COM/i;

function semanticIssues(cfg: RamenConfig, raw: Record<string, unknown>, role: ConfigRole | undefined): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const type = cfg.ramenControllerType;
  if (type && type !== 'dr-hub' && type !== 'dr-cluster') {
    issues.push({ path: ['ramenControllerType'], code: 'RamenConfigInformational', message: `ramenControllerType "${type}" is neither dr-hub nor dr-cluster`, hint: 'the operator takes its mode from the RAMEN_CONTROLLER_TYPE environment variable; this key is informational' });
  } else if (type && role && type !== (role === 'hub' ? 'dr-hub' : 'dr-cluster')) {
    issues.push({
      path: ['ramenControllerType'],
      code: 'RamenConfigInformational',
      message: `ramenControllerType "${type}" in the ${role === 'hub' ? "hub operator's" : "DR-cluster operator's"} configuration does not select the mode`,
      hint: 'the operator takes its mode from the RAMEN_CONTROLLER_TYPE environment variable, not from this key',
    });
  }
  if (role === 'dr' && isRecord(raw.drClusterOperator)) {
    const keys = Object.keys(raw.drClusterOperator).filter((k) => k.toLowerCase() !== 's3storeprofiles');
    if (keys.length > 0) {
      issues.push({
        path: ['drClusterOperator', keys[0]!],
        code: 'RamenConfigInformational',
        message: `drClusterOperator.${keys.join(', drClusterOperator.')} only means something to the hub operator`,
        hint: 'the hub uses drClusterOperator to install and configure the DR-cluster operator; a DR cluster ignores it',
      });
    }
  }
  const profiles = cfg.s3StoreProfiles ?? [];
  if (profiles.length === 0) {
    issues.push({
      path: [],
      code: 'NoS3Profiles',
      message: 'Ramen finds no s3StoreProfiles in this configuration',
      hint: 'add a top-level s3StoreProfiles list; without it DRClusters fail validation (s3ConnectionFailed) and VRGs cannot store cluster data',
    });
  }
  const seen = new Set<string>();
  profiles.forEach((p, i) => {
    const at: PathSegment[] = ['s3StoreProfiles', i];
    if (!p.s3ProfileName) issues.push({ path: at, code: 'S3ProfileIncomplete', message: `s3StoreProfiles[${i}] has no s3ProfileName`, hint: 'DRClusters and VRGs find a profile by s3ProfileName; this one can never be used' });
    else if (seen.has(p.s3ProfileName)) issues.push({ path: [...at, 's3ProfileName'], code: 'S3ProfileIncomplete', message: `s3 profile ${p.s3ProfileName} is listed twice`, hint: 'Ramen uses the first profile of a name; remove or rename the other' });
    seen.add(p.s3ProfileName);
    const formatError = s3StoreProfileFormatError(p);
    if (formatError) issues.push({ path: [...at, p.s3CompatibleEndpoint ? (p.s3Bucket ? 's3CompatibleEndpoint' : 's3Bucket') : 's3CompatibleEndpoint'], code: 'S3ProfileIncomplete', message: formatError, hint: 'DRCluster validation fails with s3ConnectionFailed and this message' });
    else if (PLACEHOLDER.test(p.s3CompatibleEndpoint)) {
      issues.push({
        path: [...at, 's3CompatibleEndpoint'],
        code: 'S3ProfileIncomplete',
        message: `s3CompatibleEndpoint "${p.s3CompatibleEndpoint}" still holds a placeholder`,
        hint: 'it passes Ramen\'s URL check and then fails at HeadBucket (DRCluster Validated False, s3BucketNotFound); put the real address of the S3 server, reachable from the hub and every DR cluster',
      });
    }
    if (!p.s3SecretRef?.name) issues.push({ path: [...at, 's3SecretRef'], code: 'S3ProfileIncomplete', message: `s3 profile ${p.s3ProfileName || i} has no s3SecretRef.name`, hint: 'Ramen reads the S3 credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) from that Secret' });
  });
  return issues;
}

/** Lints a RamenConfig given as a JSON value (for example a `kind: RamenConfig` document). */
export function lintRamenConfigValue(value: unknown, role: ConfigRole | undefined): ConfigLint {
  const issues: ConfigIssue[] = [];
  if (!isRecord(value)) {
    issues.push({ path: [], code: 'RamenConfigUnparsable', message: `Ramen cannot decode this configuration: json: cannot unmarshal ${goKind(value)} into Go value of type v1alpha1.RamenConfig` });
    return { issues };
  }
  walk(value, RAMEN_CONFIG_SHAPE, [], issues);
  let config: RamenConfig | undefined;
  try {
    config = parseRamenConfig(JSON.stringify(value));
  } catch (err) {
    if (!(err instanceof RamenConfigDecodeError)) throw err;
    if (!issues.some((i) => i.code === 'RamenConfigUnparsable' || i.code === 'S3StoreProfilesNotList')) {
      issues.push({ path: [], code: 'RamenConfigUnparsable', message: `Ramen cannot decode this configuration: ${err.message}` });
    }
  }
  if (config) issues.push(...semanticIssues(config, value, role));
  return { issues, ...(config ? { config } : {}) };
}

/** Lints the YAML text of `ramen_manager_config.yaml`; issue paths resolve through `locator`. */
export function lintRamenConfigText(text: string, role: ConfigRole | undefined): ConfigLint {
  const lines = new LineCounter();
  const doc: Document.Parsed = parseDocument(text, { lineCounter: lines, prettyErrors: false, version: '1.1', uniqueKeys: false });
  const locator = new FieldLocator(doc.contents, lines, 0);
  const err = doc.errors[0];
  if (err) {
    const pos = lines.linePos(err.pos[0]);
    return { issues: [{ path: [], code: 'RamenConfigUnparsable', message: `Ramen cannot read ramen_manager_config.yaml: error converting YAML to JSON: yaml: line ${pos.line}: ${err.message.split('\n')[0]}`, hint: 'the operator cannot load its configuration until the YAML parses' }], locator };
  }
  const value: unknown = doc.toJS();
  if ((value === null || value === undefined) && !isMap(doc.contents) && !isSeq(doc.contents)) {
    return { issues: [{ path: [], code: 'NoS3Profiles', message: 'ramen_manager_config.yaml is empty', hint: 'Ramen runs on its defaults, which hold no S3 profiles: add a top-level s3StoreProfiles list' }], locator };
  }
  return { ...lintRamenConfigValue(value, role), locator };
}
