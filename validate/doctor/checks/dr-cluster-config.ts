// What the hub delivers to each DR cluster: the DR-cluster operator's ConfigMap with the hub's S3
// profiles, and the profiles' secrets (when drClusterOperator.s3SecretDistributionEnabled). Until
// they arrive, VRGs on that cluster cannot store or restore cluster data.

import type { KubeObject } from '../../../engine/api/meta.js';
import { DEFAULT_OPERATOR_NAMESPACE, RAMEN_CONFIG_MAP_KEY, RAMEN_CONFIG_MAP_NAME } from '../../../engine/api/ramen/dr-constants.js';
import { parseRamenConfig, type RamenConfig, type S3StoreProfile } from '../../../engine/api/ramen/ramen-config.js';
import type { Check, ClusterReader } from '../doctor-types.js';
import { getOrUndefined, KINDS } from '../reads.js';

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

export async function drClusterConfigCheck(name: string, reader: ClusterReader, ns: string, hubConfig: RamenConfig | undefined, hubProfiles: readonly S3StoreProfile[]): Promise<Check> {
  const base = { id: `dr-config.${name}`, title: `S3 profiles and secrets delivered to ${name}`, cluster: name };
  const cm = await getOrUndefined<ConfigMap>(reader, KINDS.configMap, { namespace: ns, name: RAMEN_CONFIG_MAP_NAME });
  const deliver = 'the hub delivers them through ManifestWork ramen-dr-cluster once this cluster\'s DRCluster exists and deploymentAutomationEnabled is true (the default); check that DRCluster and ManifestWork on the hub';
  if (!cm) return { ...base, status: 'warn', detail: `ConfigMap ${ns}/${RAMEN_CONFIG_MAP_NAME} does not exist (yet)`, fix: deliver };
  let profiles: S3StoreProfile[] = [];
  try {
    profiles = parseRamenConfig(cm.data?.[RAMEN_CONFIG_MAP_KEY] ?? '').s3StoreProfiles ?? [];
  } catch (err) {
    return { ...base, status: 'fail', detail: `the DR-cluster operator cannot decode its ConfigMap: ${(err as Error).message}`, fix: 'fix ramen-hub-operator-config on the hub; the hub rewrites this copy' };
  }
  const missingProfiles = hubProfiles.filter((p) => !profiles.some((q) => q.s3ProfileName === p.s3ProfileName)).map((p) => p.s3ProfileName);
  const distribute = hubConfig?.drClusterOperator?.s3SecretDistributionEnabled !== false;
  const missingSecrets: string[] = [];
  for (const p of profiles) {
    const sname = p.s3SecretRef?.name;
    if (!sname) continue;
    const sns = p.s3SecretRef.namespace || ns || DEFAULT_OPERATOR_NAMESPACE;
    if (!(await getOrUndefined(reader, KINDS.secret, { namespace: sns, name: sname }))) missingSecrets.push(`${sns}/${sname}`);
  }
  const problems = [
    missingProfiles.length > 0 ? `profiles missing from ${RAMEN_CONFIG_MAP_NAME}: ${missingProfiles.join(', ')}` : '',
    missingSecrets.length > 0 ? `secrets missing: ${[...new Set(missingSecrets)].join(', ')}` : '',
  ].filter((x) => x !== '');
  if (problems.length === 0) return { ...base, status: 'ok', detail: `${profiles.length} profile(s) and their secrets present` };
  const secretFix = distribute
    ? 'the hub\'s DRPolicy controller copies the S3 secrets (through OCM policies) to the clusters of every validated DRPolicy that uses the profile; check that a DRPolicy naming this cluster is Validated'
    : 's3SecretDistributionEnabled is false on the hub: create the S3 secrets on this cluster yourself';
  return { ...base, status: !distribute && missingSecrets.length > 0 ? 'fail' : 'warn', detail: problems.join('; '), fix: missingProfiles.length > 0 ? deliver : secretFix };
}
