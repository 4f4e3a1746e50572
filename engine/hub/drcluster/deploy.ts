// What the hub puts on each DR cluster (hub spec §15.3): the `ramen-dr-cluster` work (five ClusterRoles
// for the work agent and, with deployment automation, the operator's namespaces, OperatorGroup, config
// and Subscription) and the `drcconfig-mw` work carrying the DRClusterConfig (§2.5).

import type { KubeObject } from '../../api/meta.js';
import type { ManifestWork } from '../../api/ocm/manifest-work.js';
import type { DRCluster } from '../../api/ramen/drcluster.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import {
  CREATED_BY_RAMEN_LABEL,
  DRCLUSTER_CONFIG_MW_NAME,
  DRCLUSTER_NAME_ANNOTATION,
  DR_CLUSTER_OPERATOR_MW_NAME,
  RAMEN_API_VERSION,
  RAMEN_CONFIG_KEY,
} from '../../api/ramen/hub-constants.js';
import { RAMEN_CONFIG_MAP_NAME } from '../../api/ramen/dr-constants.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import { serializeRamenConfig } from '../../api/ramen/ramen-config.js';
import type { ClusterClient } from '../../runtime/client.js';
import { HubKinds } from '../kinds.js';
import { createOrUpdateManifestWork, findManifestWorkOrUndefined, isManifestWorkApplied, newManifestWork } from '../ocm/manifest-work-util.js';
import { clusterIdOfCluster } from '../ocm/managed-cluster-id.js';

const AGGREGATE_LABEL = 'open-cluster-management.io/aggregate-to-work';
const DR_CLUSTER_LEADER_ELECTION_RESOURCE = 'dr-cluster.ramendr.openshift.io';

function clusterRole(suffix: string, apiGroup: string, resource: string, verbs: string[]): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: `open-cluster-management:klusterlet-work-sa:agent:${suffix}`, labels: { [AGGREGATE_LABEL]: 'true', [CREATED_BY_RAMEN_LABEL]: 'true' } },
    rules: [{ apiGroups: [apiGroup], resources: [resource], verbs }],
  };
}

const CRUD = ['create', 'get', 'list', 'update', 'delete'];

/** The five roles every `ramen-dr-cluster` work carries, in Ramen's order. */
export function workAgentClusterRoles(): KubeObject[] {
  return [
    clusterRole('volrepgroup-edit', 'ramendr.openshift.io', 'volumereplicationgroups', CRUD),
    clusterRole('mmode-edit', 'ramendr.openshift.io', 'maintenancemodes', CRUD),
    clusterRole('drclusterconfig-edit', 'ramendr.openshift.io', 'drclusterconfigs', CRUD),
    clusterRole('networkfence-edit', 'csiaddons.openshift.io', 'networkfences', [...CRUD, 'watch']),
    clusterRole('recipe-edit', 'ramendr.openshift.io', 'recipes', ['create', 'get', 'list', 'update']),
  ];
}

function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { [CREATED_BY_RAMEN_LABEL]: 'true' } } };
}

function operatorObjects(config: RamenConfig, operatorNamespace: string): KubeObject[] {
  const dr = config.drClusterOperator ?? {};
  const ns = dr.namespaceName || operatorNamespace;
  // A copy of the hub's config with the DR-cluster leader-election resource.
  const copy: RamenConfig = { ...structuredClone(config), leaderElection: { ...(config.leaderElection ?? {}), resourceName: DR_CLUSTER_LEADER_ELECTION_RESOURCE } };
  const objects: KubeObject[] = [];
  if (config.ramenOpsNamespace) objects.push(namespace(config.ramenOpsNamespace));
  objects.push(
    namespace(ns),
    clusterRole('olm-edit', 'operators.coreos.com', 'operatorgroups', CRUD),
    { apiVersion: 'operators.coreos.com/v1', kind: 'OperatorGroup', metadata: { name: 'ramen-operator-group', namespace: ns, labels: { [CREATED_BY_RAMEN_LABEL]: 'true' } } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: RAMEN_CONFIG_MAP_NAME, namespace: ns, labels: { [CREATED_BY_RAMEN_LABEL]: 'true' } },
      data: { [RAMEN_CONFIG_KEY]: serializeRamenConfig(copy) },
    },
    {
      apiVersion: 'operators.coreos.com/v1alpha1',
      kind: 'Subscription',
      metadata: { name: 'ramen-dr-cluster-subscription', namespace: ns, labels: { [CREATED_BY_RAMEN_LABEL]: 'true' } },
      spec: {
        sourceNamespace: dr.catalogSourceNamespaceName || operatorNamespace,
        source: dr.catalogSourceName || 'ramen-catalog',
        name: dr.packageName || 'ramen-dr-cluster-operator',
        channel: dr.channelName || 'alpha',
        startingCSV: dr.clusterServiceVersionName || 'ramen-dr-cluster-operator.v0.0.1',
        installPlanApproval: 'Automatic',
      },
    },
  );
  return objects;
}

/** `drClusterDeploy`: create or update the `ramen-dr-cluster` work in the cluster's namespace. */
export async function deployDrClusterWork(client: ClusterClient, drCluster: DRCluster, config: RamenConfig, operatorNamespace: string): Promise<void> {
  const objects = [...workAgentClusterRoles()];
  if (config.drClusterOperator?.deploymentAutomationEnabled) {
    const extra = operatorObjects(config, operatorNamespace);
    // An existing Subscription with the same channel, source and package is kept as it is, to allow upgrades.
    const existing = await findManifestWorkOrUndefined(client, DR_CLUSTER_OPERATOR_MW_NAME, drCluster.metadata.name);
    const oldSub = existing?.spec.workload?.manifests?.find((m) => m.kind === 'Subscription');
    const newSub = extra[extra.length - 1]!;
    const os = oldSub?.spec as Record<string, unknown> | undefined;
    const ns = newSub.spec as Record<string, unknown>;
    if (os && os.channel === ns.channel && os.source === ns.source && os.sourceNamespace === ns.sourceNamespace && os.name === ns.name) extra[extra.length - 1] = oldSub!;
    objects.push(...extra);
  }
  await createOrUpdateManifestWork(client, newManifestWork(DR_CLUSTER_OPERATOR_MW_NAME, drCluster.metadata.name, objects, { annotations: { [DRCLUSTER_NAME_ANNOTATION]: drCluster.metadata.name } }));
}

export async function drClusterWorkApplied(client: ClusterClient, cluster: string): Promise<void> {
  const mw: ManifestWork | undefined = await findManifestWorkOrUndefined(client, DR_CLUSTER_OPERATOR_MW_NAME, cluster).catch((err: Error) => {
    throw new Error(`error in fetching DRCluster ManifestWork ${err.message}`);
  });
  if (!mw) throw new Error('missing DRCluster ManifestWork resource <nil>');
  if (!isManifestWorkApplied(mw)) throw new Error('DRCluster ManifestWork is not in applied state');
}

/** The DRClusterConfig: cluster ID and the distinct non-empty intervals of live policies naming the cluster. */
export async function generateDrClusterConfig(client: ClusterClient, cluster: string): Promise<KubeObject> {
  const clusterID = await clusterIdOfCluster(client, cluster);
  const policies = (await client.list<DRPolicy>(HubKinds.drPolicy)).items;
  const schedules: string[] = [];
  for (const p of policies) {
    if (p.metadata.deletionTimestamp || p.spec.schedulingInterval === '' || !p.spec.drClusters.includes(cluster)) continue;
    if (!schedules.includes(p.spec.schedulingInterval)) schedules.push(p.spec.schedulingInterval);
  }
  const spec: Record<string, unknown> = { clusterID };
  if (schedules.length > 0) spec.replicationSchedules = schedules;
  return { apiVersion: RAMEN_API_VERSION, kind: 'DRClusterConfig', metadata: { name: cluster, labels: { [CREATED_BY_RAMEN_LABEL]: 'true' } }, spec };
}

/** `ensureDRClusterConfig`: write `drcconfig-mw`, then require it applied. */
export async function ensureDrClusterConfig(client: ClusterClient, drCluster: DRCluster): Promise<void> {
  const cluster = drCluster.metadata.name;
  const drcc = await generateDrClusterConfig(client, cluster);
  try {
    // Ramen gives this work no annotations, so its status changes do not wake the DRCluster controller.
    await createOrUpdateManifestWork(client, newManifestWork(DRCLUSTER_CONFIG_MW_NAME, cluster, [drcc]));
  } catch (err) {
    throw new Error(`failed to create or update DRClusterConfig manifest on cluster ${cluster} (${(err as Error).message})`);
  }
  const mw = await findManifestWorkOrUndefined(client, DRCLUSTER_CONFIG_MW_NAME, cluster);
  if (!mw || !isManifestWorkApplied(mw)) throw new Error(`DRClusterConfig is not applied to cluster (${cluster})`);
}
