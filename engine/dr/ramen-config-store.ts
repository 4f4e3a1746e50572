// Reading and, at operator start, rewriting the DR-cluster operator's RamenConfig ConfigMap, as Ramen
// does: every reconcile decodes `ramen_manager_config.yaml` from `ramen-dr-cluster-operator-config`
// in the operator namespace (no defaults), and the start-up merges the user YAML onto the compiled
// defaults and writes the merged YAML back, creating the ConfigMap when it is missing.

import { LABEL_CREATED_BY_RAMEN, RAMEN_CONFIG_MAP_KEY, RAMEN_CONFIG_MAP_NAME } from '../api/ramen/dr-constants.js';
import { defaultRamenConfig, mergeRamenConfig, parseRamenConfig, serializeRamenConfig } from '../api/ramen/ramen-config.js';
import type { RamenConfig } from '../api/ramen/ramen-config.js';
import type { ClusterClient } from '../runtime/client.js';
import { isNotFound } from '../runtime/errors.js';
import { CONFIG_MAP_KIND } from './core-kinds.js';
import type { ConfigMap } from './core-kinds.js';

/** Ramen's ConfigMapGet: throws when the ConfigMap is missing or its YAML cannot be decoded. */
export async function readRamenConfig(client: ClusterClient, operatorNamespace: string): Promise<RamenConfig> {
  const cm = await client.get<ConfigMap>(CONFIG_MAP_KIND, { namespace: operatorNamespace, name: RAMEN_CONFIG_MAP_NAME });
  return parseRamenConfig(cm.data?.[RAMEN_CONFIG_MAP_KEY] ?? '');
}

/** Ramen's CreateOrUpdateConfigMap for the DR-cluster operator; returns the effective config. */
export async function createOrUpdateRamenConfigMap(client: ClusterClient, operatorNamespace: string): Promise<RamenConfig> {
  const defaults = defaultRamenConfig('dr-cluster');
  let cm: ConfigMap;
  try {
    cm = await client.get<ConfigMap>(CONFIG_MAP_KIND, { namespace: operatorNamespace, name: RAMEN_CONFIG_MAP_NAME });
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await client.create<ConfigMap>({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: RAMEN_CONFIG_MAP_NAME, namespace: operatorNamespace, labels: { [LABEL_CREATED_BY_RAMEN]: 'true' } },
      data: { [RAMEN_CONFIG_MAP_KEY]: serializeRamenConfig(defaults) },
    });
    return defaults;
  }
  const merged = mergeRamenConfig(defaults, cm.data?.[RAMEN_CONFIG_MAP_KEY] ?? '');
  // Ramen takes ownership: OLM owner references and labels are dropped before the rewrite.
  const labels = { ...(cm.metadata.labels ?? {}) };
  delete labels['olm.managed'];
  delete labels['operators.coreos.com/odr-hub-operator.openshift-operators'];
  const { ownerReferences: _dropped, ...meta } = cm.metadata;
  void _dropped;
  await client.update<ConfigMap>({ ...cm, metadata: { ...meta, labels }, data: { ...(cm.data ?? {}), [RAMEN_CONFIG_MAP_KEY]: serializeRamenConfig(merged) } });
  return merged;
}
