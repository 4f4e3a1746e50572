// Namespace ManifestWorks `<drpc>-<ns>-ns-mw` (hub spec §5.1). They orphan on delete, so Ramen never
// deletes an application namespace on a managed cluster. A normal app gets one work per cluster for the
// VRG namespace; a discovered app copies each protected namespace, as read on the cluster being ensured,
// to every other policy cluster.

import type { KubeObject } from '../../api/meta.js';
import {
  DRPC_NAME_ANNOTATION,
  DRPC_NAMESPACE_ANNOTATION,
  OCM_BACKUP_LABEL,
  clusterScopedViewName,
  namespaceManifestWorkName,
} from '../../api/ramen/hub-constants.js';
import { isDiscoveredApp } from '../../api/ramen/drpc.js';
import { isNotFound } from '../../runtime/errors.js';
import { createOrUpdateManifestWork, findManifestWork, newManifestWork } from '../ocm/manifest-work-util.js';
import { readThroughView } from '../ocm/view-reader.js';
import type { DrpcInstance } from './instance.js';
import { policyClusters } from './instance.js';

export async function createOrUpdateNamespaceManifestWork(
  d: DrpcInstance,
  namespaceName: string,
  cluster: string,
  annotations: Record<string, string>,
  labels: Record<string, string>,
): Promise<void> {
  const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespaceName } };
  if (Object.keys(labels).length > 0) ns.metadata.labels = { ...labels };
  if (Object.keys(annotations).length > 0) ns.metadata.annotations = { ...annotations };
  const mw = newManifestWork(namespaceManifestWorkName(d.drpc.metadata.name, namespaceName), cluster, [ns], {
    labels,
    annotations,
    deleteOption: { propagationPolicy: 'Orphan' },
  });
  await createOrUpdateManifestWork(d.deps.client, mw);
}

/** SCC annotations are kept only when both RamenConfig and the DRPC ask for it. */
export function filterSccAnnotations(d: DrpcInstance, annotations: Record<string, string>): Record<string, string> {
  const configRetain = d.config.retainNamespaceSCCAcrossPeers === true;
  const drpcRetain = d.drpc.spec.retainNamespaceSCCAcrossPeers === true;
  if (configRetain && drpcRetain) return { ...annotations };
  if (drpcRetain && !configRetain) throw new Error('retainNamespaceSCCAcrossPeers is enabled in the DRPC,but the flag is disabled in the RamenConfig');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations)) if (!k.includes('sa.scc')) out[k] = v;
  return out;
}

async function createOrUpdateNamespaces(d: DrpcInstance, homeCluster: string): Promise<void> {
  if (!isDiscoveredApp(d.drpc)) {
    const annotations = { [DRPC_NAME_ANNOTATION]: d.drpc.metadata.name, [DRPC_NAMESPACE_ANNOTATION]: d.drpc.metadata.namespace ?? '' };
    try {
      await createOrUpdateNamespaceManifestWork(d, d.vrgNamespace, homeCluster, annotations, {});
    } catch (err) {
      throw new Error(`failed to create namespace '${d.vrgNamespace}' on cluster ${homeCluster}: ${(err as Error).message}`);
    }
    return;
  }
  const namespaces: KubeObject[] = [];
  for (const ns of d.drpc.spec.protectedNamespaces ?? []) {
    namespaces.push(
      await readThroughView<KubeObject>(d.deps.client, {
        cluster: homeCluster,
        viewName: clusterScopedViewName(ns, 'ns'),
        scope: { apiGroup: '', kind: 'Namespace', version: 'v1', name: ns },
      }),
    );
  }
  for (const ns of namespaces) {
    const annotations = filterSccAnnotations(d, ns.metadata.annotations ?? {});
    for (const dst of policyClusters(d)) {
      if (dst === homeCluster) continue;
      await createOrUpdateNamespaceManifestWork(d, ns.metadata.name, dst, annotations, ns.metadata.labels ?? {});
    }
  }
}

/** `ensureNamespaceManifestWork`: create when the VRG-namespace work is missing; else only drop the backup label. */
export async function ensureNamespaceManifestWork(d: DrpcInstance, homeCluster: string): Promise<void> {
  let mw;
  try {
    mw = await findManifestWork(d.deps.client, namespaceManifestWorkName(d.drpc.metadata.name, d.vrgNamespace), homeCluster);
  } catch (err) {
    if (!isNotFound(err)) throw new Error(`failed to get NS MW (${(err as Error).message})`);
    await createOrUpdateNamespaces(d, homeCluster);
    return;
  }
  const labels = mw.metadata.labels;
  if (labels && OCM_BACKUP_LABEL in labels) {
    const rest = { ...labels };
    delete rest[OCM_BACKUP_LABEL];
    await d.deps.client.update({ ...mw, metadata: { ...mw.metadata, labels: rest } });
  }
}
