// What wakes the DRPolicy controller (hub spec §3): its own changes; the hub config ConfigMap and
// operator-namespace Secrets (every policy); DRCluster and ManagedCluster changes (policies naming that
// cluster); views annotated `drpolicy.ramendr.openshift.io` (policies naming the view's cluster).

import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import { DRPOLICY_CLUSTER_ANNOTATION, HUB_CONFIG_MAP_NAME, OCM_BACKUP_LABEL, OCM_BACKUP_LABEL_VALUE } from '../../api/ramen/hub-constants.js';
import type { ClusterClient } from '../../runtime/client.js';
import type { Request, WatchSpec } from '../../runtime/reconcile.js';
import type { HubCache } from '../hub-cache.js';
import { HubKinds } from '../kinds.js';

export function drPolicyWatches(client: ClusterClient, cache: HubCache, operatorNamespace: string): WatchSpec[] {
  const all = (): Request[] => cache.policies.list().map((p) => ({ name: p.metadata.name }));
  const naming = (cluster: string): Request[] => cache.policies.list().filter((p) => p.spec.drClusters.includes(cluster)).map((p) => ({ name: p.metadata.name }));
  return [
    {
      client,
      kind: HubKinds.drPolicy,
      map: (obj, type) => {
        cache.policies.observe(obj, type);
        return [{ name: (obj as DRPolicy).metadata.name }];
      },
    },
    {
      client,
      kind: HubKinds.configMap,
      namespace: operatorNamespace,
      map: (obj, type) => {
        if (obj.metadata.name !== HUB_CONFIG_MAP_NAME) return [];
        // Ramen labels the hub config for the OCM hub backup from inside this map function, so that a
        // restored hub gets its S3 profiles back.
        if (type !== 'DELETED' && obj.metadata.labels?.[OCM_BACKUP_LABEL] === undefined) {
          void client.patch(HubKinds.configMap, { namespace: operatorNamespace, name: HUB_CONFIG_MAP_NAME }, { metadata: { labels: { [OCM_BACKUP_LABEL]: OCM_BACKUP_LABEL_VALUE } } }).catch(() => undefined);
        }
        return all();
      },
    },
    { client, kind: HubKinds.secret, namespace: operatorNamespace, map: () => all() },
    {
      client,
      kind: HubKinds.drCluster,
      map: (obj, type) => {
        cache.clusters.observe(obj, type);
        return naming(obj.metadata.name);
      },
    },
    { client, kind: HubKinds.managedCluster, map: (obj) => naming(obj.metadata.name) },
    { client, kind: HubKinds.view, map: (obj) => (obj.metadata.annotations?.[DRPOLICY_CLUSTER_ANNOTATION] !== undefined ? naming(obj.metadata.namespace ?? '') : []) },
  ];
}
