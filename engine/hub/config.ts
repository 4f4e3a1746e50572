// The hub's RamenConfig: ConfigMap `ramen-hub-operator-config`, key `ramen_manager_config.yaml`, in the
// operator namespace (hub spec §2.7). At operator start the defaults are merged under the user's YAML and
// written back; every reconcile re-reads the ConfigMap and parses it with no defaulting, so a key a user
// deletes later reads as its zero value until the next start.

import type { KubeObject } from '../api/meta.js';
import { HUB_CONFIG_MAP_NAME, OCM_BACKUP_LABEL, OCM_BACKUP_LABEL_VALUE, RAMEN_CONFIG_KEY } from '../api/ramen/hub-constants.js';
import type { RamenConfig } from '../api/ramen/ramen-config.js';
import { defaultRamenConfig, mergeRamenConfig, parseRamenConfig, serializeRamenConfig } from '../api/ramen/ramen-config.js';
import type { ClusterClient } from '../runtime/client.js';
import { isNotFound } from '../runtime/errors.js';
import { HubKinds } from './kinds.js';

export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

export interface Secret extends KubeObject {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  type?: string;
}

/** Ramen's `ConfigMapGet`: the ConfigMap's YAML decoded onto an empty config. */
export async function loadRamenConfig(client: ClusterClient, operatorNamespace: string): Promise<RamenConfig> {
  const cm = await client.get<ConfigMap>(HubKinds.configMap, { namespace: operatorNamespace, name: HUB_CONFIG_MAP_NAME });
  return parseRamenConfig(cm.data?.[RAMEN_CONFIG_KEY] ?? '');
}

/** Ramen's `CreateOrUpdateConfigMap`, run once at operator start: defaults overlaid with the user's YAML. */
export async function mergeHubConfigAtStart(client: ClusterClient, operatorNamespace: string): Promise<RamenConfig> {
  const defaults = defaultRamenConfig('dr-hub');
  let existing: ConfigMap | undefined;
  try {
    existing = await client.get<ConfigMap>(HubKinds.configMap, { namespace: operatorNamespace, name: HUB_CONFIG_MAP_NAME });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const merged = existing ? mergeRamenConfig(defaults, existing.data?.[RAMEN_CONFIG_KEY] ?? '') : defaults;
  const text = serializeRamenConfig(merged);
  if (!existing) {
    await client.create<ConfigMap>({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: HUB_CONFIG_MAP_NAME, namespace: operatorNamespace, labels: { [OCM_BACKUP_LABEL]: OCM_BACKUP_LABEL_VALUE } },
      data: { [RAMEN_CONFIG_KEY]: text },
    });
  } else if (existing.data?.[RAMEN_CONFIG_KEY] !== text) {
    await client.update<ConfigMap>({ ...existing, data: { ...(existing.data ?? {}), [RAMEN_CONFIG_KEY]: text } });
  }
  return merged;
}

/** Base64 decoding of a Secret value without Buffer-specific behaviour leaking into callers. */
export function secretValue(secret: Secret, key: string): string | undefined {
  const s = secret.stringData?.[key];
  if (s !== undefined) return s;
  const b = secret.data?.[key];
  return b === undefined ? undefined : Buffer.from(b, 'base64').toString('utf8');
}
