// The VolSync rsync-TLS pre-shared key (hub spec §6.6 step 4): a hub Secret `<drpc>-vs-secret-hub`
// owned by the DRPC, propagated to every policy cluster as `<drpc>-vs-secret` in the VRG namespace
// through an OCM governance Policy, PlacementRule and PlacementBinding, all removed on DRPC deletion.

import { createHash } from 'node:crypto';
import type { KubeObject, OwnerReference } from '../../api/meta.js';
import { PlacementBindingKind, PolicyKind } from '../../api/ocm/policy.js';
import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import {
  CREATED_BY_RAMEN_LABEL,
  OCM_BACKUP_LABEL,
  OCM_BACKUP_LABEL_VALUE,
  VELERO_EXCLUDE_LABEL,
  volSyncClusterSecretName,
  volSyncHubSecretName,
} from '../../api/ramen/hub-constants.js';
import { jsonEqual } from '../../api/storage/schema-parts.js';
import type { ClusterClient } from '../../runtime/client.js';
import { isNoKindMatch, isNotFound } from '../../runtime/errors.js';
import type { Secret } from '../config.js';
import { HubKinds } from '../kinds.js';
import { toJson } from '../ocm/manifest-work-util.js';

const POLICY_NAME_MAX_LENGTH = 62;
const PSK_KEY = 'psk.txt';

/** Ramen's `GeneratePolicyName`: long names become `vs-secret-<md5 hex>` trimmed to the limit. */
export function generatePolicyName(name: string, maxLen: number): string {
  const prefix = 'vs-secret-';
  if (maxLen <= prefix.length + 3 || name.length <= maxLen) return name;
  const full = prefix + createHash('md5').update(name).digest('hex');
  return full.length > maxLen ? full.slice(0, maxLen) : full;
}

function ownerRef(drpc: DRPlacementControl): OwnerReference {
  return { apiVersion: drpc.apiVersion, kind: drpc.kind, name: drpc.metadata.name, uid: drpc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

export function propagationPolicyName(drpc: DRPlacementControl): string {
  return generatePolicyName(`${drpc.metadata.name}-vs-secret`, POLICY_NAME_MAX_LENGTH - (drpc.metadata.namespace ?? '').length);
}

/**
 * The key is 64 bytes as 128 hex characters. Ramen draws it from crypto/rand; drsim derives it from the
 * DRPC's uid so runs stay reproducible (a documented difference).
 */
function presharedKey(drpc: DRPlacementControl): string {
  return createHash('sha512').update(`volsync-psk/${drpc.metadata.uid ?? drpc.metadata.name}`).digest('hex');
}

async function ensureHubSecret(client: ClusterClient, drpc: DRPlacementControl): Promise<Secret> {
  const ns = drpc.metadata.namespace ?? '';
  const name = volSyncHubSecretName(drpc.metadata.name);
  try {
    return await client.get<Secret>(HubKinds.secret, { namespace: ns, name });
  } catch (err) {
    if (!isNotFound(err)) throw new Error(`failed to get secret (${(err as Error).message})`);
  }
  const secret: Secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: ns, labels: { [OCM_BACKUP_LABEL]: OCM_BACKUP_LABEL_VALUE, [CREATED_BY_RAMEN_LABEL]: 'true' }, ownerReferences: [ownerRef(drpc)] },
    type: 'Opaque',
    data: { [PSK_KEY]: Buffer.from(`volsyncramen:${presharedKey(drpc)}`, 'utf8').toString('base64') },
  };
  return client.create(secret);
}

async function createOrUpdate(client: ClusterClient, desired: KubeObject, fields: string[]): Promise<void> {
  const kind = { apiVersion: desired.apiVersion, kind: desired.kind };
  let existing: KubeObject | undefined;
  try {
    existing = await client.get(kind, { namespace: desired.metadata.namespace ?? '', name: desired.metadata.name });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  if (!existing) {
    await client.create(desired);
    return;
  }
  const changed = fields.some((f) => !jsonEqual(toJson(existing![f]), toJson(desired[f])));
  if (!changed) return;
  const next: KubeObject = { ...existing };
  for (const f of fields) next[f] = desired[f];
  await client.update(next);
}

/** `EnsureVolSyncReplicationSetup`'s secret part: hub secret, then Policy, PlacementRule, PlacementBinding. */
export async function ensureVolSyncSecretPropagation(client: ClusterClient, drpc: DRPlacementControl, clusters: readonly string[], vrgNamespace: string): Promise<void> {
  const hubSecret = await ensureHubSecret(client, drpc);
  const ns = drpc.metadata.namespace ?? '';
  const policyName = propagationPolicyName(drpc);
  const destName = volSyncClusterSecretName(drpc.metadata.name);
  const data: Record<string, string> = {};
  for (const key of Object.keys(hubSecret.data ?? { [PSK_KEY]: '' })) data[key] = `{{hub fromSecret "${ns}" "${hubSecret.metadata.name}" "${key}" hub}}`;
  const configPolicy: KubeObject = {
    apiVersion: 'policy.open-cluster-management.io/v1',
    kind: 'ConfigurationPolicy',
    metadata: { name: `rmn-${vrgNamespace}-${destName}`, labels: { [CREATED_BY_RAMEN_LABEL]: 'true' } },
    spec: {
      'object-templates': [
        {
          complianceType: 'musthave',
          objectDefinition: { apiVersion: 'v1', kind: 'Secret', metadata: { name: destName, namespace: vrgNamespace, labels: { [CREATED_BY_RAMEN_LABEL]: 'true' } }, type: 'Opaque', data },
        },
      ],
      remediationAction: 'enforce',
      severity: 'low',
    },
  };
  const owner = [ownerRef(drpc)];
  await createOrUpdate(
    client,
    {
      apiVersion: PolicyKind.apiVersion,
      kind: PolicyKind.kind,
      metadata: { name: policyName, namespace: ns, labels: { [CREATED_BY_RAMEN_LABEL]: 'true', [VELERO_EXCLUDE_LABEL]: 'true' }, ownerReferences: owner },
      spec: { disabled: false, 'policy-templates': [{ objectDefinition: configPolicy }] },
    },
    ['spec'],
  );
  await createOrUpdate(
    client,
    {
      apiVersion: HubKinds.placementRule.apiVersion,
      kind: HubKinds.placementRule.kind,
      metadata: { name: policyName, namespace: ns, labels: { [CREATED_BY_RAMEN_LABEL]: 'true' }, ownerReferences: owner },
      spec: { clusterConditions: [{ status: 'True', type: 'ManagedClusterConditionAvailable' }], clusters: clusters.map((name) => ({ name })) },
    },
    ['spec'],
  );
  await createOrUpdate(
    client,
    {
      apiVersion: PlacementBindingKind.apiVersion,
      kind: PlacementBindingKind.kind,
      metadata: { name: policyName, namespace: ns, labels: { [CREATED_BY_RAMEN_LABEL]: 'true' }, ownerReferences: owner },
      placementRef: { apiGroup: 'apps.open-cluster-management.io', kind: 'PlacementRule', name: policyName },
      subjects: [{ apiGroup: 'policy.open-cluster-management.io', kind: 'Policy', name: policyName }],
    },
    ['placementRef', 'subjects'],
  );
}

/** `CleanupSecretPropagation`: binding, rule, policy; NotFound is fine. */
export async function cleanupVolSyncSecretPropagation(client: ClusterClient, drpc: DRPlacementControl): Promise<void> {
  const ns = drpc.metadata.namespace ?? '';
  const name = propagationPolicyName(drpc);
  for (const kind of [PlacementBindingKind, HubKinds.placementRule, PolicyKind]) {
    try {
      await client.delete(kind, { namespace: ns, name });
    } catch (err) {
      if (!isNotFound(err) && !isNoKindMatch(err)) throw err;
    }
  }
}
