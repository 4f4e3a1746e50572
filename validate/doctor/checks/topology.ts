// The hub's view of the DR topology: each DRCluster backed by a joined ManagedCluster and an S3 profile
// the hub knows, and Validated by the hub operator; each DRPolicy naming existing DRClusters and
// Validated. A missing condition is reported as such: the hub operator has not (yet) reconciled it.

import type { Condition, KubeObject } from '../../../engine/api/meta.js';
import type { S3StoreProfile } from '../../../engine/api/ramen/ramen-config.js';
import type { Check, ClusterReader } from '../doctor-types.js';
import { getOrUndefined, KINDS, listOrEmpty } from '../reads.js';

type WithConditions = KubeObject<Record<string, unknown>, { conditions?: Condition[]; clusterClaims?: { name: string; value: string }[] }>;

export type DrCluster = KubeObject<{ s3ProfileName?: string; region?: string }, { conditions?: Condition[]; phase?: string }>;
export type DrPolicy = KubeObject<
  { drClusters?: string[]; schedulingInterval?: string; replicationClassSelector?: Record<string, unknown>; volumeSnapshotClassSelector?: Record<string, unknown> },
  { conditions?: Condition[]; async?: { peerClasses?: unknown[] }; sync?: { peerClasses?: unknown[] } }
>;

const cond = (o: { status?: { conditions?: Condition[] } }, type: string): Condition | undefined => o.status?.conditions?.find((c) => c.type === type);

const VALIDATION_FIXES: Record<string, string> = {
  s3ConnectionFailed: 'the S3 profile named by the DRCluster is missing from the hub ConfigMap, or its secret or endpoint is wrong: see the hub-config and s3-* checks',
  s3BucketNotFound: 'the profile\'s bucket cannot be reached or does not exist: see the s3-endpoint check',
  DrClustersDeployFailed: 'the hub could not write ManifestWork ramen-dr-cluster: the ManagedCluster of this name must exist, be accepted and have its namespace on the hub',
};

export async function managedClusterChecks(hub: ClusterReader, names: readonly string[]): Promise<Check[]> {
  const out: Check[] = [];
  for (const name of names) {
    const base = { id: `managed-cluster.${name}`, title: `ManagedCluster ${name} joined and available`, cluster: 'hub' };
    const mc = await getOrUndefined<WithConditions>(hub, KINDS.managedCluster, { name });
    if (!mc) {
      out.push({ ...base, status: 'fail', detail: `no ManagedCluster ${name} on the hub`, fix: `register the cluster with OCM under the name ${name} (clusteradm join, then clusteradm accept --clusters ${name}); DRClusters must use the ManagedCluster name` });
      continue;
    }
    const problems: string[] = [];
    for (const t of ['ManagedClusterJoined', 'ManagedClusterConditionAvailable']) if (cond(mc, t)?.status !== 'True') problems.push(`${t} is ${cond(mc, t)?.status ?? 'absent'}`);
    if (!mc.status?.clusterClaims?.some((c) => c.name === 'id.k8s.io')) problems.push('no id.k8s.io cluster claim (DRPolicy validation needs it)');
    if (!(await getOrUndefined(hub, KINDS.namespace, { name }))) problems.push(`no namespace ${name} on the hub (ManifestWorks go there)`);
    out.push(problems.length === 0 ? { ...base, status: 'ok', detail: 'joined, available, with id.k8s.io claim and hub namespace' } : { ...base, status: 'fail', detail: problems.join('; '), fix: 'accept the cluster on the hub (hubAcceptsClient: true) and make sure its klusterlet is running and can reach the hub' });
  }
  return out;
}

export async function drClusterChecks(hub: ClusterReader, profiles: readonly S3StoreProfile[], knownClusters: readonly string[]): Promise<{ checks: Check[]; drClusters: DrCluster[] }> {
  const drClusters = await listOrEmpty<DrCluster>(hub, KINDS.drCluster);
  if (drClusters.length === 0) {
    return {
      checks: [{ id: 'drclusters', title: 'DRClusters on the hub', cluster: 'hub', status: 'fail', detail: 'no DRCluster exists', fix: `create one DRCluster per managed cluster, named like its ManagedCluster (${knownClusters.join(', ')}), with spec.s3ProfileName and spec.region` }],
      drClusters,
    };
  }
  const checks: Check[] = [];
  for (const d of drClusters) {
    const name = d.metadata.name;
    const base = { id: `drcluster.${name}`, title: `DRCluster ${name} validated`, cluster: 'hub' };
    const profile = d.spec?.s3ProfileName;
    if (profile && !profiles.some((p) => p.s3ProfileName === profile)) {
      checks.push({ ...base, status: 'fail', detail: `s3ProfileName ${profile} is not a profile of the hub ConfigMap (${profiles.map((p) => p.s3ProfileName).join(', ') || 'none'})`, fix: `add profile ${profile} to the top-level s3StoreProfiles of ramen-hub-operator-config` });
      continue;
    }
    const v = cond(d, 'Validated');
    if (!v) checks.push({ ...base, status: 'warn', detail: 'no Validated condition yet', fix: 'the hub operator has not reconciled this DRCluster: check that ramen-hub-operator is running, then look again' });
    else if (v.status === 'True') checks.push({ ...base, status: 'ok', detail: `Validated: ${v.message || v.reason}` });
    else checks.push({ ...base, status: 'fail', detail: `Validated ${v.status} (${v.reason}): ${v.message}`, fix: VALIDATION_FIXES[v.reason] ?? 'see the condition\'s message' });
  }
  return { checks, drClusters };
}

export async function drPolicyList(hub: ClusterReader): Promise<DrPolicy[]> {
  return listOrEmpty<DrPolicy>(hub, KINDS.drPolicy);
}

/** The DRPolicy's own status: clusters known and Validated. */
export function drPolicyStatusProblems(p: DrPolicy, drClusters: readonly DrCluster[]): { status: 'ok' | 'warn' | 'fail'; detail: string; fix?: string } {
  const missing = (p.spec?.drClusters ?? []).filter((c) => !drClusters.some((d) => d.metadata.name === c));
  if (missing.length > 0) return { status: 'fail', detail: `drClusters ${missing.join(', ')} have no DRCluster`, fix: `create DRCluster ${missing.join(', ')} (named like the ManagedClusters)` };
  const v = cond(p, 'Validated');
  if (!v) return { status: 'warn', detail: 'no Validated condition yet', fix: 'the hub operator has not reconciled this DRPolicy: check that ramen-hub-operator is running' };
  if (v.status !== 'True') return { status: 'fail', detail: `Validated ${v.status} (${v.reason}): ${v.message}`, fix: 'a DRPolicy validates once its DRClusters validate and their ManagedClusters carry the id.k8s.io claim' };
  return { status: 'ok', detail: `Validated: ${v.message || v.reason}` };
}
