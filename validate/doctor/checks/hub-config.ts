// The hub operator's configuration: ConfigMap ramen-hub-operator-config in the operator namespace,
// key ramen_manager_config.yaml, decoded as Ramen decodes it, with a top-level s3StoreProfiles list.
// On OCM setups the hub copies this configuration (and the S3 secrets) to every DR cluster, so this
// is the one place S3 profiles must be right.

import type { KubeObject } from '../../../engine/api/meta.js';
import { RAMEN_CONFIG_MAP_KEY, RAMEN_HUB_CONFIG_MAP_NAME } from '../../../engine/api/ramen/dr-constants.js';
import type { RamenConfig, S3StoreProfile } from '../../../engine/api/ramen/ramen-config.js';
import { lintRamenConfigText } from '../../ramen-config/ramen-config-lint.js';
import type { Check, ClusterReader } from '../doctor-types.js';
import { getOrUndefined, KINDS, listOrEmpty } from '../reads.js';

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

export interface HubConfigResult {
  check: Check;
  /** The configuration as Ramen decodes it, when the ConfigMap exists and decodes. */
  config?: RamenConfig;
  profiles: S3StoreProfile[];
}

const BLOCKING = new Set(['RamenConfigUnparsable', 'S3StoreProfilesNotList', 'NoS3Profiles', 'RamenConfigMisplacedKey']);

export async function hubConfigCheck(hub: ClusterReader, ns: string): Promise<HubConfigResult> {
  const base = { id: 'hub-config', title: `hub ConfigMap ${ns}/${RAMEN_HUB_CONFIG_MAP_NAME} with top-level s3StoreProfiles`, cluster: 'hub' };
  const cm = await getOrUndefined<ConfigMap>(hub, KINDS.configMap, { namespace: ns, name: RAMEN_HUB_CONFIG_MAP_NAME });
  if (!cm) {
    const others = (await listOrEmpty<ConfigMap>(hub, KINDS.configMap, ns)).filter((c) => /ramen/i.test(c.metadata.name) || RAMEN_CONFIG_MAP_KEY in (c.data ?? {}));
    const seen = others.length > 0 ? `; found ${others.map((c) => c.metadata.name).join(', ')}, which the hub operator never reads` : '';
    return {
      check: { ...base, status: 'fail', detail: `ConfigMap ${ns}/${RAMEN_HUB_CONFIG_MAP_NAME} does not exist${seen}`, fix: `create ConfigMap ${RAMEN_HUB_CONFIG_MAP_NAME} in ${ns} with key ${RAMEN_CONFIG_MAP_KEY} holding a top-level s3StoreProfiles list (the operator creates it from defaults, without profiles, only when it starts)` },
      profiles: [],
    };
  }
  const text = cm.data?.[RAMEN_CONFIG_MAP_KEY];
  if (text === undefined) {
    return { check: { ...base, status: 'fail', detail: `the ConfigMap has no key ${RAMEN_CONFIG_MAP_KEY} (keys: ${Object.keys(cm.data ?? {}).join(', ') || 'none'})`, fix: `put the RamenConfig YAML under data.${RAMEN_CONFIG_MAP_KEY}` }, profiles: [] };
  }
  const lint = lintRamenConfigText(text, 'hub');
  const profiles = lint.config?.s3StoreProfiles ?? [];
  const blocking = lint.issues.filter((i) => BLOCKING.has(i.code));
  if (blocking.length > 0 || !lint.config) {
    return {
      check: { ...base, status: 'fail', detail: blocking.map((i) => i.message).join('; ') || 'Ramen cannot decode the configuration', fix: blocking.map((i) => i.hint).filter((h): h is string => h !== undefined)[0] ?? 'fix ramen_manager_config.yaml so that it decodes' },
      ...(lint.config ? { config: lint.config } : {}),
      profiles,
    };
  }
  const names = profiles.map((p) => p.s3ProfileName).join(', ');
  const rest = lint.issues.filter((i) => i.code !== 'S3ProfileIncomplete');
  if (rest.length > 0) {
    return { check: { ...base, status: 'warn', detail: `${profiles.length} S3 profile(s): ${names}; ${rest.map((i) => i.message).join('; ')}`, fix: rest.map((i) => i.hint).filter((h): h is string => h !== undefined).join('; ') || 'remove the keys Ramen ignores' }, config: lint.config, profiles };
  }
  return { check: { ...base, status: 'ok', detail: `${profiles.length} S3 profile(s): ${names}` }, config: lint.config, profiles };
}
