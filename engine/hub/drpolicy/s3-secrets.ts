// S3 secret distribution (hub spec §14.7, Ramen's secrets_util): every secret named by the S3 profiles
// of a policy's DRClusters is copied into the DR-cluster operator namespace of each policy cluster
// through an OCM governance Policy (`<secret>`), PlacementRule (`plrule-<secret>`) and PlacementBinding
// (`plbinding-<secret>`); with kube-object protection a Velero-format copy goes to the Velero namespace.
// On policy deletion a secret leaves a cluster only if no remaining policy on that cluster needs it.

import type { KubeObject } from '../../api/meta.js';
import { PlacementBindingKind, PolicyKind, POLICY_TRIGGER_UPDATE_ANNOTATION } from '../../api/ocm/policy.js';
import type { PlacementRule } from '../../api/ocm/placement-rule.js';
import type { DRCluster } from '../../api/ramen/drcluster.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import { CREATED_BY_RAMEN_LABEL } from '../../api/ramen/hub-constants.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import type { ClusterClient } from '../../runtime/client.js';
import { isAlreadyExists, isNotFound } from '../../runtime/errors.js';
import type { Secret } from '../config.js';
import { HubKinds } from '../kinds.js';

export type SecretFormat = 'ramen' | 'velero';

const SECRET_POLICY_FINALIZER = 'drpolicies.ramendr.openshift.io/policy-protection';
const VELERO_SECRET_KEY = 'ramengenerated';
const POLICY_NAME_LIMIT = 63;

function finalizerOf(format: SecretFormat): string {
  return format === 'ramen' ? SECRET_POLICY_FINALIZER : `${SECRET_POLICY_FINALIZER}-velero`;
}

export function policyResourceNames(secret: string, format: SecretFormat): { policy: string; binding: string; rule: string; config: string } {
  const policy = (format === 'ramen' ? '' : 'v') + secret;
  return { policy, binding: `plbinding-${policy}`, rule: `plrule-${policy}`, config: `cfg-policy-${policy}` };
}

function secretObject(secret: string, fromNs: string, targetNs: string, format: SecretFormat, veleroNs: string): KubeObject {
  const hub = (key: string): string => `{{hub fromSecret "${fromNs}" "${secret}" "${key}" hub}}`;
  if (format === 'ramen') {
    return { apiVersion: 'v1', kind: 'Secret', metadata: { name: secret, namespace: targetNs, labels: { [CREATED_BY_RAMEN_LABEL]: 'true' } }, data: { AWS_ACCESS_KEY_ID: hub('AWS_ACCESS_KEY_ID'), AWS_SECRET_ACCESS_KEY: hub('AWS_SECRET_ACCESS_KEY') } };
  }
  const lookup = (key: string): string => `((lookup "v1" "Secret" "${targetNs}" "${secret}").data.${key} | base64dec)`;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `v${secret}`, namespace: veleroNs, labels: { [CREATED_BY_RAMEN_LABEL]: 'true' } },
    data: { [VELERO_SECRET_KEY]: `{{ (printf "[default]\\n  aws_access_key_id = %s\\n  aws_secret_access_key = %s\\n" ${lookup('AWS_ACCESS_KEY_ID')} ${lookup('AWS_SECRET_ACCESS_KEY')}) | base64enc }}` },
  };
}

async function createIgnoreExists(client: ClusterClient, obj: KubeObject): Promise<void> {
  try {
    await client.create(obj);
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}

async function deleteIgnoreMissing(client: ClusterClient, kind: { apiVersion: string; kind: string }, namespace: string, name: string): Promise<void> {
  try {
    await client.delete(kind, { namespace, name });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

async function setSecretFinalizer(client: ClusterClient, secret: Secret, format: SecretFormat, present: boolean): Promise<void> {
  const f = finalizerOf(format);
  const has = (secret.metadata.finalizers ?? []).includes(f);
  if (has === present) return;
  const finalizers = present ? [...(secret.metadata.finalizers ?? []), f] : (secret.metadata.finalizers ?? []).filter((x) => x !== f);
  const stored = await client.update<Secret>({ ...secret, metadata: { ...secret.metadata, finalizers } });
  secret.metadata = stored.metadata;
}

async function deletePolicyResources(client: ClusterClient, secret: Secret, namespace: string, format: SecretFormat): Promise<void> {
  const n = policyResourceNames(secret.metadata.name, format);
  await deleteIgnoreMissing(client, PlacementBindingKind, namespace, n.binding);
  await deleteIgnoreMissing(client, PolicyKind, namespace, n.policy);
  await deleteIgnoreMissing(client, HubKinds.placementRule, namespace, n.rule);
  if (secret.metadata.uid) await setSecretFinalizer(client, secret, format, false);
}

/** The secret when it exists and is not being deleted; otherwise its policy resources are removed. */
async function ensureS3SecretResources(client: ClusterClient, name: string, namespace: string, format: SecretFormat): Promise<Secret | undefined> {
  let secret: Secret;
  try {
    secret = await client.get<Secret>(HubKinds.secret, { namespace, name });
  } catch (err) {
    if (!isNotFound(err)) throw new Error(`failed to get secret object: ${(err as Error).message}`);
    await deletePolicyResources(client, { apiVersion: 'v1', kind: 'Secret', metadata: { name } }, namespace, format);
    return undefined;
  }
  if (!secret.metadata.deletionTimestamp) return secret;
  await deletePolicyResources(client, secret, namespace, format);
  return undefined;
}

async function ticklePolicy(client: ClusterClient, secret: Secret, namespace: string, format: SecretFormat): Promise<void> {
  const name = policyResourceNames(secret.metadata.name, format).policy;
  const policy = await client.get(PolicyKind, { namespace, name });
  if (policy.metadata.annotations?.[POLICY_TRIGGER_UPDATE_ANNOTATION] === secret.metadata.resourceVersion) return;
  await client.update({ ...policy, metadata: { ...policy.metadata, annotations: { ...(policy.metadata.annotations ?? {}), [POLICY_TRIGGER_UPDATE_ANNOTATION]: secret.metadata.resourceVersion ?? '' } } });
}

export async function addSecretToCluster(client: ClusterClient, secretName: string, cluster: string, namespace: string, targetNs: string, format: SecretFormat, veleroNs: string): Promise<void> {
  if (secretName.length + namespace.length + 2 > POLICY_NAME_LIMIT) {
    throw new Error(`secret namespace.name (${secretName}.${namespace}) length exceeds maximum character limit (${POLICY_NAME_LIMIT})`);
  }
  if (format === 'velero' && veleroNs === '') throw new Error('requested format (velero) requires a target namespace');
  const secret = await ensureS3SecretResources(client, secretName, namespace, format);
  if (!secret) throw new Error(`failed to find secret (secret: ${secretName}, cluster: ${cluster})`);
  const n = policyResourceNames(secretName, format);
  let rule: PlacementRule | undefined;
  try {
    rule = await client.get<PlacementRule>(HubKinds.placementRule, { namespace, name: n.rule });
  } catch (err) {
    if (!isNotFound(err)) throw new Error(`failed to get placementRule object: ${(err as Error).message}`);
  }
  if (!rule) {
    await setSecretFinalizer(client, secret, format, true);
    const labels = { [CREATED_BY_RAMEN_LABEL]: 'true' };
    await createIgnoreExists(client, {
      apiVersion: PlacementBindingKind.apiVersion,
      kind: PlacementBindingKind.kind,
      metadata: { name: n.binding, namespace, labels },
      placementRef: { apiGroup: 'apps.open-cluster-management.io', kind: 'PlacementRule', name: n.rule },
      subjects: [{ apiGroup: 'policy.open-cluster-management.io', kind: 'Policy', name: n.policy }],
    });
    const configPolicy: KubeObject = {
      apiVersion: 'policy.open-cluster-management.io/v1',
      kind: 'ConfigurationPolicy',
      metadata: { name: n.config, labels },
      spec: { remediationAction: 'enforce', severity: 'high', 'object-templates': [{ complianceType: 'musthave', objectDefinition: secretObject(secretName, namespace, targetNs, format, veleroNs) }] },
    };
    await createIgnoreExists(client, {
      apiVersion: PolicyKind.apiVersion,
      kind: PolicyKind.kind,
      metadata: { name: n.policy, namespace, labels, annotations: { [POLICY_TRIGGER_UPDATE_ANNOTATION]: secret.metadata.resourceVersion ?? '' } },
      spec: { remediationAction: 'enforce', disabled: false, 'policy-templates': [{ objectDefinition: configPolicy }] },
    });
    await createIgnoreExists(client, { apiVersion: HubKinds.placementRule.apiVersion, kind: HubKinds.placementRule.kind, metadata: { name: n.rule, namespace, labels }, spec: { clusters: [{ name: cluster }] } });
    return;
  }
  if (!(rule.spec?.clusters ?? []).some((c) => c.name === cluster)) {
    await client.update<PlacementRule>({ ...rule, spec: { ...(rule.spec ?? {}), clusters: [...(rule.spec?.clusters ?? []), { name: cluster }] } });
  }
  await ticklePolicy(client, secret, namespace, format);
}

export async function removeSecretFromCluster(client: ClusterClient, secretName: string, cluster: string, namespace: string, format: SecretFormat): Promise<void> {
  const secret = await ensureS3SecretResources(client, secretName, namespace, format);
  if (!secret) return;
  const n = policyResourceNames(secretName, format);
  let rule: PlacementRule;
  try {
    rule = await client.get<PlacementRule>(HubKinds.placementRule, { namespace, name: n.rule });
  } catch (err) {
    if (!isNotFound(err)) throw new Error(`failed to get placementRule object: ${(err as Error).message}`);
    await deletePolicyResources(client, secret, namespace, format);
    return;
  }
  const clusters = rule.spec?.clusters ?? [];
  const survivors = clusters.filter((c) => c.name !== cluster);
  if (survivors.length === 0) {
    await deletePolicyResources(client, secret, namespace, format);
    return;
  }
  if (survivors.length === clusters.length) {
    await ticklePolicy(client, secret, namespace, format);
    return;
  }
  await client.update<PlacementRule>({ ...rule, spec: { ...(rule.spec ?? {}), clusters: survivors } });
  await ticklePolicy(client, secret, namespace, format);
}

/** The secrets of the S3 profiles of the policy's DRClusters; tolerates a missing profile if one resolves. */
export function policySecretNames(policy: DRPolicy, drClusters: readonly DRCluster[], config: RamenConfig): { names: string[]; error?: string } {
  const names = new Set<string>();
  let error: string | undefined;
  for (const cluster of policy.spec.drClusters) {
    const dc = drClusters.find((c) => c.metadata.name === cluster);
    if (!dc) {
      error = `failed to find DRCluster resource for cluster ${cluster}`;
      continue;
    }
    const profile = (config.s3StoreProfiles ?? []).find((p) => p.s3ProfileName === dc.spec.s3ProfileName);
    if (!profile) {
      error = `failed to find s3Profile ${dc.spec.s3ProfileName} for DRCluster ${cluster}`;
      continue;
    }
    names.add(profile.s3SecretRef.name ?? '');
  }
  return { names: [...names].sort(), ...(error ? { error } : {}) };
}

function automationOn(config: RamenConfig): boolean {
  return config.drClusterOperator?.deploymentAutomationEnabled === true && config.drClusterOperator?.s3SecretDistributionEnabled === true;
}

function drOperatorNamespace(config: RamenConfig, operatorNamespace: string): string {
  return config.drClusterOperator?.namespaceName || operatorNamespace;
}

/** `propagateS3Secret`. */
export async function propagateS3Secrets(client: ClusterClient, policy: DRPolicy, drClusters: readonly DRCluster[], config: RamenConfig, operatorNamespace: string): Promise<void> {
  if (!automationOn(config)) return;
  for (const cluster of policy.spec.drClusters) {
    const secrets = policySecretNames(policy, drClusters, config);
    if (secrets.error && secrets.names.length === 0) throw new Error(secrets.error);
    for (const name of secrets.names) {
      try {
        await addSecretToCluster(client, name, cluster, operatorNamespace, drOperatorNamespace(config, operatorNamespace), 'ramen', '');
      } catch (err) {
        throw new Error(`cannot add secret '${name}' to drcluster '${cluster}': ${(err as Error).message}`);
      }
      const velero = config.kubeObjectProtection?.veleroNamespaceName ?? '';
      if (!config.kubeObjectProtection?.disabled && velero !== '') {
        try {
          await addSecretToCluster(client, name, cluster, operatorNamespace, drOperatorNamespace(config, operatorNamespace), 'velero', velero);
        } catch (err) {
          throw new Error(`cannot add secret '${name}' to drcluster '${cluster}' in format 'velero': ${(err as Error).message}`);
        }
      }
    }
  }
}

/** `drPolicyUndeploy`: remove secrets no other policy on the cluster still needs. */
export async function undeployS3Secrets(client: ClusterClient, policy: DRPolicy, drClusters: readonly DRCluster[], config: RamenConfig, operatorNamespace: string): Promise<void> {
  if (!automationOn(config)) return;
  const policies = (await client.list<DRPolicy>(HubKinds.drPolicy)).items;
  const mayDelete = policySecretNames(policy, drClusters, config).names;
  for (const cluster of policy.spec.drClusters) {
    const keep = new Set<string>();
    for (const other of policies) {
      if (other.metadata.name === policy.metadata.name || !other.spec.drClusters.includes(cluster)) continue;
      for (const name of policySecretNames(other, drClusters, config).names) keep.add(name);
    }
    for (const name of mayDelete) {
      if (keep.has(name)) continue;
      await removeSecretFromCluster(client, name, cluster, operatorNamespace, 'ramen');
      if (!config.kubeObjectProtection?.disabled && (config.kubeObjectProtection?.veleroNamespaceName ?? '') !== '') {
        await removeSecretFromCluster(client, name, cluster, operatorNamespace, 'velero');
      }
    }
  }
}
