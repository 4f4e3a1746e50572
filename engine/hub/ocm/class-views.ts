// Views of a cluster's DRClusterConfig and of the storage classes it lists (hub spec §14.5, §15.4):
// one labelled view per class, named `<class>-<type>-mcv`, so views of classes no longer listed can be
// found by label and pruned.

import type { KubeObject } from '../../api/meta.js';
import type { ManagedClusterView } from '../../api/ocm/managed-cluster-view.js';
import type { DrClusterConfig } from '../../api/ramen/drclusterconfig.js';
import type { ViewType } from '../../api/ramen/hub-constants.js';
import { RAMEN_GROUP, RAMEN_VERSION, clusterScopedViewName } from '../../api/ramen/hub-constants.js';
import type { ClusterClient } from '../../runtime/client.js';
import { HubKinds, RemoteKinds, groupVersionOf } from '../kinds.js';
import { deleteView, readThroughView } from './view-reader.js';

export type ClassType = 'sc' | 'vsc' | 'vgsc' | 'vrc' | 'vgrc' | 'nfc';

const CLASS_KIND: Record<ClassType, { apiVersion: string; kind: string; label: string }> = {
  sc: { ...RemoteKinds.storageClass, label: 'ramendr.openshift.io/storageclass' },
  vsc: { ...RemoteKinds.volumeSnapshotClass, label: 'ramendr.openshift.io/volumesnapshotclass' },
  vgsc: { ...RemoteKinds.volumeGroupSnapshotClass, label: 'ramendr.openshift.io/volumegroupsnapshotclass' },
  vrc: { ...RemoteKinds.volumeReplicationClass, label: 'ramendr.openshift.io/volumereplicationclass' },
  vgrc: { ...RemoteKinds.volumeGroupReplicationClass, label: 'ramendr.openshift.io/volumegroupreplicationclass' },
  nfc: { apiVersion: 'csiaddons.openshift.io/v1alpha1', kind: 'NetworkFenceClass', label: 'ramendr.openshift.io/networkfenceclass' },
};

export function drClusterConfigViewName(cluster: string): string {
  return clusterScopedViewName(cluster, 'drcconfig');
}

export function readDrClusterConfig(client: ClusterClient, cluster: string, annotations: Record<string, string>): Promise<DrClusterConfig> {
  return readThroughView<DrClusterConfig>(client, {
    cluster,
    viewName: drClusterConfigViewName(cluster),
    scope: { apiGroup: RAMEN_GROUP, kind: 'DRClusterConfig', version: RAMEN_VERSION, name: cluster },
    annotations,
  });
}

export function readClass<T extends KubeObject>(client: ClusterClient, cluster: string, type: ClassType, name: string, annotations: Record<string, string>): Promise<T> {
  const k = CLASS_KIND[type];
  const gv = groupVersionOf(k);
  return readThroughView<T>(client, {
    cluster,
    viewName: clusterScopedViewName(name, type as ViewType),
    scope: { apiGroup: gv.group, kind: k.kind, version: gv.version, name },
    annotations,
    labels: { [k.label]: '' },
  });
}

/** Deletes the class views of one type whose class is no longer listed. */
export async function pruneClassViews(client: ClusterClient, cluster: string, type: ClassType, survivors: readonly string[]): Promise<void> {
  const k = CLASS_KIND[type];
  const views = await client.list<ManagedClusterView>(HubKinds.view, { namespace: cluster, labelSelector: { matchLabels: { [k.label]: '' } } });
  const keep = new Set(survivors.map((n) => clusterScopedViewName(n, type as ViewType)));
  for (const v of views.items) if (!keep.has(v.metadata.name)) await deleteView(client, cluster, v.metadata.name);
}

export async function deleteAllClassViews(client: ClusterClient, cluster: string): Promise<void> {
  for (const type of Object.keys(CLASS_KIND) as ClassType[]) await pruneClassViews(client, cluster, type, []);
}

export async function readClassesOfConfig(
  client: ClusterClient,
  cluster: string,
  type: ClassType,
  names: readonly string[] | undefined,
  annotations: Record<string, string>,
): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  for (const name of names ?? []) out.push(await readClass(client, cluster, type, name, annotations));
  await pruneClassViews(client, cluster, type, names ?? []);
  return out;
}
