// RamenConfig: the operator configuration Ramen keeps as YAML under the key
// `ramen_manager_config.yaml` of a ConfigMap in its own namespace (dr-cluster spec §2). It is not a
// served kind. Ramen decodes it with sigs.k8s.io/yaml, i.e. YAML → JSON → Go encoding/json: unknown
// keys are dropped, key matching is case-insensitive, and decoding into an existing value merges
// field by field while lists are replaced. This module reproduces that decoding, the compiled
// defaults and the merged form Ramen writes back at operator start.

import { parse, stringify } from 'yaml';

export interface SecretReference {
  name?: string;
  namespace?: string;
}

export interface SecretKeySelector {
  name?: string;
  key: string;
  optional?: boolean;
}

export interface S3StoreProfile {
  s3ProfileName: string;
  s3Bucket: string;
  s3CompatibleEndpoint: string;
  s3Region: string;
  s3SecretRef: SecretReference;
  veleroNamespaceSecretKeyRef?: SecretKeySelector;
  /** Base64 text, as Go encodes a []byte in JSON. */
  caCertificates?: string;
}

export interface RamenConfig {
  apiVersion?: string;
  kind?: string;
  leaderElection?: Record<string, unknown>;
  metrics?: { bindAddress?: string };
  health?: { healthProbeBindAddress?: string; readinessEndpointName?: string; livenessEndpointName?: string };
  ramenControllerType: string;
  s3StoreProfiles?: S3StoreProfile[];
  maxConcurrentReconciles?: number;
  drClusterOperator?: {
    deploymentAutomationEnabled?: boolean;
    s3SecretDistributionEnabled?: boolean;
    channelName?: string;
    packageName?: string;
    namespaceName?: string;
    catalogSourceName?: string;
    catalogSourceNamespaceName?: string;
    clusterServiceVersionName?: string;
  };
  volSync?: { disabled?: boolean; cephFSCSIDriverName?: string; destinationCopyMethod?: string };
  kubeObjectProtection?: { disabled?: boolean; veleroNamespaceName?: string };
  multiNamespace?: { FeatureEnabled?: boolean; volsyncSupported?: boolean };
  volumeUnprotectionEnabled?: boolean;
  ramenOpsNamespace?: string;
  retainNamespaceSCCAcrossPeers?: boolean;
}

export type RamenControllerType = 'dr-cluster' | 'dr-hub';

/** Ramen's compiled defaults (`DefaultRamenConfig`), the base that user YAML is merged onto. */
export function defaultRamenConfig(controllerType: RamenControllerType): RamenConfig {
  return {
    apiVersion: 'ramendr.openshift.io/v1alpha1',
    kind: 'RamenConfig',
    leaderElection: {
      leaderElect: true,
      leaseDuration: '0s',
      renewDeadline: '0s',
      resourceLock: '',
      resourceName: controllerType === 'dr-hub' ? 'hub.ramendr.openshift.io' : 'dr-cluster.ramendr.openshift.io',
      resourceNamespace: '',
      retryPeriod: '0s',
    },
    metrics: { bindAddress: '0.0.0.0:9289' },
    health: { healthProbeBindAddress: ':8081' },
    ramenControllerType: '',
    maxConcurrentReconciles: 50,
    drClusterOperator: { deploymentAutomationEnabled: true, s3SecretDistributionEnabled: true },
    volSync: { destinationCopyMethod: 'Direct' },
    kubeObjectProtection: { veleroNamespaceName: 'velero' },
    multiNamespace: { FeatureEnabled: true, volsyncSupported: true },
    volumeUnprotectionEnabled: true,
    ramenOpsNamespace: 'ramen-ops',
    retainNamespaceSCCAcrossPeers: true,
  };
}

// The Go struct layout, enough to decode as encoding/json does. `omit` marks omitempty fields.
type Shape =
  | { t: 'string' | 'bool' | 'int' | 'any'; omit: boolean }
  | { t: 'object'; omit: boolean; fields: Record<string, Shape>; pointer?: boolean }
  | { t: 'list'; omit: boolean; item: Shape };

const str = (omit = true): Shape => ({ t: 'string', omit });
const bool = (omit = true): Shape => ({ t: 'bool', omit });
const int = (omit = true): Shape => ({ t: 'int', omit });
const obj = (fields: Record<string, Shape>, omit = true): Shape => ({ t: 'object', omit, fields });
// A Go pointer to a struct: omitted when nil, unlike a struct value.
const ptr = (fields: Record<string, Shape>): Shape => ({ t: 'object', omit: true, fields, pointer: true });

const s3ProfileShape = obj(
  {
    s3ProfileName: str(false),
    s3Bucket: str(false),
    s3CompatibleEndpoint: str(false),
    s3Region: str(false),
    s3SecretRef: obj({ name: str(), namespace: str() }, false),
    veleroNamespaceSecretKeyRef: ptr({ name: str(), key: str(false), optional: bool() }),
    caCertificates: str(),
  },
  false,
);

const ramenConfigShape = obj({
  apiVersion: str(),
  kind: str(),
  leaderElection: { t: 'any', omit: true },
  metrics: obj({ bindAddress: str() }, false),
  health: obj({ healthProbeBindAddress: str(), readinessEndpointName: str(), livenessEndpointName: str() }, false),
  ramenControllerType: str(false),
  s3StoreProfiles: { t: 'list', omit: true, item: s3ProfileShape },
  maxConcurrentReconciles: int(),
  drClusterOperator: obj({
    deploymentAutomationEnabled: bool(),
    s3SecretDistributionEnabled: bool(),
    channelName: str(),
    packageName: str(),
    namespaceName: str(),
    catalogSourceName: str(),
    catalogSourceNamespaceName: str(),
    clusterServiceVersionName: str(),
  }),
  volSync: obj({ disabled: bool(), cephFSCSIDriverName: str(), destinationCopyMethod: str() }),
  kubeObjectProtection: obj({ disabled: bool(), veleroNamespaceName: str() }),
  multiNamespace: obj({ FeatureEnabled: bool(), volsyncSupported: bool() }),
  volumeUnprotectionEnabled: bool(),
  ramenOpsNamespace: str(),
  retainNamespaceSCCAcrossPeers: bool(),
});

export class RamenConfigDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RamenConfigDecodeError';
  }
}

function zeroOf(shape: Shape): unknown {
  switch (shape.t) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int':
      return 0;
    case 'object':
      return {};
    default:
      return undefined;
  }
}

function goTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** Decodes `value` into `into` as Go's encoding/json would; collects type errors and keeps going. */
function decodeInto(value: unknown, shape: Shape, into: unknown, path: string, errors: string[]): unknown {
  // JSON null leaves non-pointer Go values untouched.
  if (value === null || value === undefined) return into;
  switch (shape.t) {
    case 'any':
      return value;
    case 'string':
      if (typeof value === 'string') return value;
      errors.push(`json: cannot unmarshal ${goTypeName(value)} into Go struct field ${path} of type string`);
      return into;
    case 'bool':
      if (typeof value === 'boolean') return value;
      errors.push(`json: cannot unmarshal ${goTypeName(value)} into Go struct field ${path} of type bool`);
      return into;
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      errors.push(`json: cannot unmarshal ${goTypeName(value)} into Go struct field ${path} of type int`);
      return into;
    case 'list': {
      if (!Array.isArray(value)) {
        errors.push(`json: cannot unmarshal ${goTypeName(value)} into Go struct field ${path} of type []`);
        return into;
      }
      return value.map((item, i) => decodeInto(item, shape.item, zeroOf(shape.item), `${path}[${i}]`, errors));
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        errors.push(`json: cannot unmarshal ${goTypeName(value)} into Go struct field ${path} of type object`);
        return into;
      }
      const target: Record<string, unknown> = typeof into === 'object' && into !== null ? { ...(into as Record<string, unknown>) } : {};
      const names = Object.keys(shape.fields);
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        // encoding/json prefers an exact name, then a case-insensitive one; unknown keys are dropped.
        const field = names.includes(key) ? key : names.find((n) => n.toLowerCase() === key.toLowerCase());
        if (field === undefined) continue;
        const sub = shape.fields[field]!;
        target[field] = decodeInto(v, sub, target[field] ?? zeroOf(sub), path === '' ? field : `${path}.${field}`, errors);
      }
      return target;
    }
  }
}

function yamlToJsonValue(text: string): unknown {
  try {
    return parse(text, { version: '1.1' }) as unknown;
  } catch (err) {
    throw new RamenConfigDecodeError(`error converting YAML to JSON: ${(err as Error).message}`);
  }
}

/** Decodes YAML onto a base config (Ramen's `yaml.Unmarshal` into an existing struct). */
export function decodeRamenConfigOnto(base: RamenConfig, yamlText: string): RamenConfig {
  const value = yamlToJsonValue(yamlText);
  if (value === null || value === undefined) return structuredClone(base);
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new RamenConfigDecodeError(`error unmarshaling JSON: json: cannot unmarshal ${goTypeName(value)} into Go value of type v1alpha1.RamenConfig`);
  }
  const errors: string[] = [];
  const out = decodeInto(value, ramenConfigShape, structuredClone(base), '', errors) as RamenConfig;
  if (errors.length > 0) throw new RamenConfigDecodeError(`error unmarshaling JSON: ${errors[0]!.replace('Go struct field ', 'Go struct field RamenConfig.')}`);
  return out;
}

// Operators parse the same ConfigMap text on every reconcile; parsing is a pure function of the text,
// so the last few results are kept and handed out as copies. A failure is not cached: it throws again.
const PARSE_CACHE_SIZE = 8;
const parsed = new Map<string, RamenConfig>();

/** Ramen's `ConfigMapGet`: the ConfigMap's YAML decoded onto an empty config (no defaults). */
export function parseRamenConfig(yamlText: string): RamenConfig {
  let cfg = parsed.get(yamlText);
  if (!cfg) {
    cfg = decodeRamenConfigOnto({ ramenControllerType: '' }, yamlText);
    if (parsed.size >= PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string);
    parsed.set(yamlText, cfg);
  }
  return structuredClone(cfg);
}

/** Ramen's start-up merge (`config.Merge`): user YAML decoded over the compiled defaults. */
export function mergeRamenConfig(defaults: RamenConfig, userYaml: string): RamenConfig {
  return decodeRamenConfigOnto(defaults, userYaml);
}

function encodeValue(value: unknown, shape: Shape): unknown {
  if (shape.t === 'object') {
    const src = (value ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, sub] of Object.entries(shape.fields)) {
      if (sub.t === 'object' && sub.pointer === true && src[name] === undefined) continue;
      const v = encodeValue(src[name] ?? zeroOf(sub), sub);
      if (sub.omit && isEmptyForOmit(v, sub)) continue;
      out[name] = v;
    }
    return out;
  }
  if (shape.t === 'list') return Array.isArray(value) ? value.map((v) => encodeValue(v, shape.item)) : null;
  return value ?? zeroOf(shape);
}

// omitempty drops false, 0, "", nil and empty lists, but never a struct value.
function isEmptyForOmit(v: unknown, shape: Shape): boolean {
  if (shape.t === 'object') return false;
  if (shape.t === 'list') return v === null || (Array.isArray(v) && v.length === 0);
  if (shape.t === 'any') return v === undefined || v === null;
  return v === '' || v === false || v === 0 || v === undefined;
}

/**
 * The YAML Ramen writes (`yaml.Marshal`): Go JSON field rules (omitempty), then keys sorted, as
 * sigs.k8s.io/yaml produces them. Note the consequence Ramen has: a `false` that overrides a `true`
 * default is omitted and comes back as `true` after the next start-up merge.
 */
export function serializeRamenConfig(cfg: RamenConfig): string {
  return stringify(encodeValue(cfg, ramenConfigShape), { sortMapEntries: true });
}

/** The profile of this name, or undefined (Ramen: "s3 profile X not found in RamenConfig"). */
export function findS3StoreProfile(cfg: RamenConfig, name: string): S3StoreProfile | undefined {
  return (cfg.s3StoreProfiles ?? []).find((p) => p.s3ProfileName === name);
}

/** Ramen's `s3StoreProfileFormatCheck`: the error text, or undefined when the profile is usable. */
export function s3StoreProfileFormatError(p: S3StoreProfile): string | undefined {
  if (!p.s3CompatibleEndpoint) return `s3 endpoint has not been configured in s3 profile ${p.s3ProfileName}`;
  if (!isRequestUri(p.s3CompatibleEndpoint)) {
    return `invalid s3 endpoint <${p.s3CompatibleEndpoint}> in profile ${p.s3ProfileName}, reason: parse "${p.s3CompatibleEndpoint}": invalid URI for request`;
  }
  if (!p.s3Bucket) return `s3 bucket has not been configured in s3 profile ${p.s3ProfileName}`;
  return undefined;
}

// Go's url.ParseRequestURI accepts absolute URLs and absolute paths; it rejects relative references.
function isRequestUri(s: string): boolean {
  if (s.startsWith('/')) return true;
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && !/\s/.test(s);
}

export function maxConcurrentReconcilesOf(cfg: RamenConfig | undefined): number {
  return cfg?.maxConcurrentReconciles ? cfg.maxConcurrentReconciles : 1;
}
