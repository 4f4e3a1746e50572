// Ways to break a configured simulated environment, one prerequisite at a time, as users break real
// ones: for the doctor's tests and for `drsim doctor --backend sim --break NAME` demonstrations.

import { parse, stringify } from 'yaml';
import type { KubeObject } from '../../engine/api/meta.js';
import { RAMEN_CONFIG_MAP_KEY, RAMEN_HUB_CONFIG_MAP_NAME } from '../../engine/api/ramen/dr-constants.js';
import { parseRamenConfig } from '../../engine/api/ramen/ramen-config.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { s3NodeId } from '../../sim/s3/sim-object-store.js';
import type { SimEnvironment } from '../../sim/world/environment.js';
import { HUB } from '../../sim/world/world.js';
import { KINDS } from './reads.js';

const NS = 'ramen-system';

export interface SimBreakage {
  name: string;
  description: string;
  apply(env: SimEnvironment): Promise<void>;
}

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

const admin = (env: SimEnvironment, node: string): ClusterClient => env.world.client(node, 'drsim-breakage');

async function hubConfig(env: SimEnvironment): Promise<ConfigMap> {
  return admin(env, HUB).get<ConfigMap>(KINDS.configMap, { namespace: NS, name: RAMEN_HUB_CONFIG_MAP_NAME });
}

/** Edits the hub's RamenConfig as a YAML document (the text, not Ramen's decoded view). */
async function rewriteHubConfig(env: SimEnvironment, edit: (cfg: Record<string, unknown>) => void): Promise<void> {
  const cm = await hubConfig(env);
  const cfg = (parse(cm.data?.[RAMEN_CONFIG_MAP_KEY] ?? '') ?? {}) as Record<string, unknown>;
  edit(cfg);
  await admin(env, HUB).update({ ...cm, data: { ...cm.data, [RAMEN_CONFIG_MAP_KEY]: stringify(cfg) } });
}

const profilesOf = (cfg: Record<string, unknown>): Record<string, unknown>[] => (Array.isArray(cfg.s3StoreProfiles) ? (cfg.s3StoreProfiles as Record<string, unknown>[]) : []);

async function firstProfile(env: SimEnvironment): Promise<{ name: string; url: string; secret: string }> {
  const cfg = parseRamenConfig((await hubConfig(env)).data?.[RAMEN_CONFIG_MAP_KEY] ?? '');
  const p = cfg.s3StoreProfiles?.[0];
  if (!p) throw new Error('the environment has no S3 profile to break');
  return { name: p.s3ProfileName, url: p.s3CompatibleEndpoint, secret: p.s3SecretRef.name ?? '' };
}

async function editSecret(env: SimEnvironment, edit: (data: Record<string, string>) => Record<string, string>): Promise<void> {
  const { secret } = await firstProfile(env);
  const s = await admin(env, HUB).get<KubeObject & { data?: Record<string, string> }>(KINDS.secret, { namespace: NS, name: secret });
  await admin(env, HUB).update({ ...s, data: edit({ ...(s.data ?? {}) }) });
}

async function relabel(env: SimEnvironment, cluster: string, kind: (typeof KINDS)[keyof typeof KINDS], drop: string): Promise<void> {
  const c = admin(env, cluster);
  for (const o of (await c.list(kind)).items) {
    if (!o.metadata.labels?.[drop]) continue;
    const labels = { ...o.metadata.labels };
    delete labels[drop];
    await c.update({ ...o, metadata: { ...o.metadata, labels } });
  }
}

export const SIM_BREAKAGES: readonly SimBreakage[] = [
  {
    name: 'missing-hub-config',
    description: 'delete the hub operator ConfigMap ramen-hub-operator-config',
    apply: async (env) => admin(env, HUB).delete(KINDS.configMap, { namespace: NS, name: RAMEN_HUB_CONFIG_MAP_NAME }),
  },
  {
    name: 'wrong-configmap-name',
    description: 'move the hub configuration to a ConfigMap named ramen-dr-cluster-config, as the guide does',
    apply: async (env) => {
      const cm = await hubConfig(env);
      await admin(env, HUB).delete(KINDS.configMap, { namespace: NS, name: RAMEN_HUB_CONFIG_MAP_NAME });
      await admin(env, HUB).create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ramen-dr-cluster-config', namespace: NS }, data: { ...cm.data } });
    },
  },
  {
    name: 'nested-s3-profiles',
    description: 'nest s3StoreProfiles under drClusterOperator, as the guide does',
    apply: (env) =>
      rewriteHubConfig(env, (cfg) => {
        cfg.drClusterOperator = { ...((cfg.drClusterOperator as object | undefined) ?? {}), s3StoreProfiles: cfg.s3StoreProfiles };
        delete cfg.s3StoreProfiles;
      }),
  },
  {
    name: 's3-map-not-list',
    description: 'write s3StoreProfiles as a map instead of a list',
    apply: (env) =>
      rewriteHubConfig(env, (cfg) => {
        cfg.s3StoreProfiles = Object.fromEntries(profilesOf(cfg).map((p) => [String(p.s3ProfileName), p]));
      }),
  },
  {
    name: 'delete-s3-secret',
    description: 'delete the first S3 profile\'s secret on the hub, finalizers and all',
    apply: async (env) => {
      const key = { namespace: NS, name: (await firstProfile(env)).secret };
      await admin(env, HUB).delete(KINDS.secret, key);
      // The hub's DRPolicy controller holds S3 secrets with finalizers; a forced removal drops them.
      await admin(env, HUB).patch(KINDS.secret, key, { metadata: { finalizers: null } });
    },
  },
  {
    name: 'terminating-s3-secret',
    description: 'delete the first S3 profile\'s secret on the hub (it stays, terminating, while a DRPolicy holds it)',
    apply: async (env) => admin(env, HUB).delete(KINDS.secret, { namespace: NS, name: (await firstProfile(env)).secret }),
  },
  {
    name: 's3-secret-wrong-keys',
    description: 'spell the S3 secret\'s keys in lower case',
    apply: (env) => editSecret(env, (d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k.toLowerCase(), v]))),
  },
  {
    name: 'wrong-s3-credentials',
    description: 'change the first S3 profile\'s secret key to one the server does not accept',
    apply: (env) => editSecret(env, (d) => ({ ...d, AWS_SECRET_ACCESS_KEY: Buffer.from('not-the-key').toString('base64') })),
  },
  {
    name: 's3-outage',
    description: 'take the first S3 profile\'s endpoint down',
    apply: async (env) => {
      const ep = env.world.s3.get((await firstProfile(env)).url);
      if (ep) ep.up = false;
    },
  },
  {
    name: 's3-partition',
    description: 'cut the network between the last managed cluster and the first S3 endpoint',
    apply: async (env) => {
      const last = env.world.clusterNames().at(-1)!;
      env.world.network.cut(last, s3NodeId((await firstProfile(env)).url));
    },
  },
  {
    name: 'wrong-bucket',
    description: 'point the first S3 profile at a bucket that does not exist',
    apply: (env) =>
      rewriteHubConfig(env, (cfg) => {
        const first = profilesOf(cfg)[0];
        if (first) first.s3Bucket = 'no-such-bucket';
      }),
  },
  {
    name: 'remove-storageid',
    description: 'remove the storageid label from every StorageClass of the first managed cluster',
    apply: (env) => relabel(env, env.world.clusterNames()[0]!, KINDS.storageClass, 'ramendr.openshift.io/storageid'),
  },
  {
    name: 'no-peer-classes',
    description: 'delete every VolumeReplicationClass and VolumeSnapshotClass of the last managed cluster',
    apply: async (env) => {
      const c = admin(env, env.world.clusterNames().at(-1)!);
      for (const kind of [KINDS.volumeReplicationClass, KINDS.volumeSnapshotClass]) for (const o of (await c.list(kind)).items) await c.delete(kind, { name: o.metadata.name });
    },
  },
  {
    name: 'unknown-drcluster',
    description: 'add a DRCluster for a cluster OCM does not know',
    apply: async (env) => {
      await admin(env, HUB).create({ apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'DRCluster', metadata: { name: 'dr-unknown' }, spec: { s3ProfileName: (await firstProfile(env)).name, region: 'nowhere' } });
    },
  },
];

export function findBreakage(name: string): SimBreakage | undefined {
  return SIM_BREAKAGES.find((b) => b.name === name);
}
