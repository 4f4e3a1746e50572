// The keys of Ramen's RamenConfig (api/v1alpha1/ramenconfig_types.go) with the Go type each decodes
// into, mirroring engine/api/ramen/ramen-config.ts (a test checks that every key listed here is one
// that module's lenient decoder keeps). The linter walks a user's YAML against this table to say
// which keys Ramen would ignore, which it would read under another spelling, and which it cannot
// decode at all.

export type KeyShape =
  | { t: 'string' | 'bool' | 'int' | 'any' }
  | { t: 'object'; fields: Record<string, KeyShape> }
  | { t: 'list'; item: KeyShape };

const str: KeyShape = { t: 'string' };
const bool: KeyShape = { t: 'bool' };
const int: KeyShape = { t: 'int' };
const obj = (fields: Record<string, KeyShape>): KeyShape => ({ t: 'object', fields });

export const S3_PROFILE_SHAPE: KeyShape = obj({
  s3ProfileName: str,
  s3Bucket: str,
  s3CompatibleEndpoint: str,
  s3Region: str,
  s3SecretRef: obj({ name: str, namespace: str }),
  veleroNamespaceSecretKeyRef: obj({ name: str, key: str, optional: bool }),
  caCertificates: str,
});

export const RAMEN_CONFIG_SHAPE: KeyShape = obj({
  apiVersion: str,
  kind: str,
  leaderElection: { t: 'any' },
  metrics: obj({ bindAddress: str }),
  health: obj({ healthProbeBindAddress: str, readinessEndpointName: str, livenessEndpointName: str }),
  ramenControllerType: str,
  s3StoreProfiles: { t: 'list', item: S3_PROFILE_SHAPE },
  maxConcurrentReconciles: int,
  drClusterOperator: obj({
    deploymentAutomationEnabled: bool,
    s3SecretDistributionEnabled: bool,
    channelName: str,
    packageName: str,
    namespaceName: str,
    catalogSourceName: str,
    catalogSourceNamespaceName: str,
    clusterServiceVersionName: str,
  }),
  volSync: obj({ disabled: bool, cephFSCSIDriverName: str, destinationCopyMethod: str }),
  kubeObjectProtection: obj({ disabled: bool, veleroNamespaceName: str }),
  multiNamespace: obj({ FeatureEnabled: bool, volsyncSupported: bool }),
  volumeUnprotectionEnabled: bool,
  ramenOpsNamespace: str,
  retainNamespaceSCCAcrossPeers: bool,
});

/** Every key path in the table, as `a.b` (list items as `a[].b`), with its shape. */
export function allKeyPaths(shape: KeyShape = RAMEN_CONFIG_SHAPE, prefix = ''): { path: string; name: string; shape: KeyShape }[] {
  const out: { path: string; name: string; shape: KeyShape }[] = [];
  if (shape.t === 'object') {
    for (const [name, sub] of Object.entries(shape.fields)) {
      const path = prefix === '' ? name : `${prefix}.${name}`;
      out.push({ path, name, shape: sub });
      out.push(...allKeyPaths(sub, path));
    }
  } else if (shape.t === 'list') {
    out.push(...allKeyPaths(shape.item, `${prefix}[]`));
  }
  return out;
}

/** Keys people put in an S3 profile that Ramen has no field for, with what they meant (lower-cased). */
export const MISTAKEN_PROFILE_KEYS: Readonly<Record<string, string>> = {
  s3endpoint: 'the field is s3CompatibleEndpoint (the http(s) URL of the S3 server)',
  endpoint: 'the field is s3CompatibleEndpoint (the http(s) URL of the S3 server)',
  s3url: 'the field is s3CompatibleEndpoint (the http(s) URL of the S3 server)',
  url: 'the field is s3CompatibleEndpoint (the http(s) URL of the S3 server)',
  bucket: 'the field is s3Bucket',
  s3bucketname: 'the field is s3Bucket',
  region: 'the field is s3Region',
  name: 'a profile is named by s3ProfileName',
  profilename: 'the field is s3ProfileName',
  secretref: 'the field is s3SecretRef: {name, namespace}',
  s3secret: 'the field is s3SecretRef: {name, namespace}',
  s3secretname: 'the field is s3SecretRef: {name, namespace}',
  accesskey: 'credentials never go in the ConfigMap: put AWS_ACCESS_KEY_ID in the Secret named by s3SecretRef',
  secretkey: 'credentials never go in the ConfigMap: put AWS_SECRET_ACCESS_KEY in the Secret named by s3SecretRef',
};

/** Keys people put at the top of a RamenConfig that Ramen has no field for (lower-cased). */
export const MISTAKEN_TOP_KEYS: Readonly<Record<string, string>> = {
  webhook: 'RamenConfig has no webhook settings since Ramen dropped its admission webhooks; the key is ignored',
  s3profiles: 'the list of S3 stores is s3StoreProfiles (s3Profiles is the VRG field that names profiles)',
  s3storeprofile: 'the list is s3StoreProfiles (plural)',
  metadata: 'RamenConfig has no metadata: it is not a Kubernetes object but YAML inside the ConfigMap',
  spec: 'RamenConfig has no spec: its keys sit at the top level of ramen_manager_config.yaml',
};
