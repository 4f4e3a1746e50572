// The whole `apiserver` backend: one real cluster per name (hub, dr1, dr2 by default) and MinIO,
// started together under one directory. A state file lets `drsim` find them again for status and
// teardown.

import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, missingMessage, type BinaryName, CONTROL_PLANE_BINARIES } from './binaries.js';
import { RealCluster, type ClusterSpec } from './cluster.js';
import { MinioServer } from './minio.js';
import type { S3Credentials } from '../../engine/runtime/object-store.js';

export const DEFAULT_CLUSTERS: readonly ClusterSpec[] = [
  { name: 'hub', role: 'hub' },
  { name: 'dr1', role: 'dr' },
  { name: 'dr2', role: 'dr' },
];

export const DEFAULT_BUCKET = 'bucket';

export interface EnvironmentOptions {
  /** The directory holding every server's state; default .cache/apiserver/default. */
  root?: string;
  clusters?: readonly ClusterSpec[];
  /** Start MinIO with these buckets; none (no MinIO) when empty. Default ['bucket']. */
  buckets?: string[];
  detached?: boolean;
  /** MinIO's root user; random unless a scenario needs its well-known test keys. */
  minioCredentials?: S3Credentials;
}

export interface Environment {
  root: string;
  clusters: Map<string, RealCluster>;
  minio: MinioServer | undefined;
  /** Wall-clock start-up time, ms, for reports. */
  startMs: number;
  stop(options?: { removeData?: boolean }): Promise<void>;
}

export function defaultRoot(instance = 'default'): string {
  return join(REPO_ROOT, '.cache', 'apiserver', instance);
}

export async function startEnvironment(options: EnvironmentOptions = {}): Promise<Environment> {
  const buckets = options.buckets ?? [DEFAULT_BUCKET];
  const needed: BinaryName[] = [...CONTROL_PLANE_BINARIES, ...(buckets.length > 0 ? (['minio'] as const) : [])];
  const missing = missingMessage(needed);
  if (missing) throw new Error(missing);
  const root = options.root ?? defaultRoot();
  mkdirSync(root, { recursive: true });
  const began = Date.now();
  const specs = options.clusters ?? DEFAULT_CLUSTERS;
  const clusters = new Map<string, RealCluster>();
  for (const spec of specs) clusters.set(spec.name, await RealCluster.prepare(root, spec));
  const minio = buckets.length > 0 ? await MinioServer.prepare(root, buckets, options.minioCredentials) : undefined;
  const env: Environment = {
    root,
    clusters,
    minio,
    startMs: 0,
    stop: async (o) => {
      await Promise.all([...clusters.values()].map((c) => c.stop(o)));
      await minio?.stop(o);
    },
  };
  const start = { detached: options.detached ?? false };
  try {
    // In parallel: each server spends most of its start-up waiting on its own etcd and CRD handlers.
    await Promise.all([...[...clusters.values()].map((c) => c.start(start)), ...(minio ? [minio.start(start)] : [])]);
  } catch (err) {
    await env.stop();
    throw err;
  }
  env.startMs = Date.now() - began;
  writeFileSync(join(root, 'environment.json'), JSON.stringify({ clusters: specs, buckets, startMs: env.startMs }, null, 2));
  return env;
}

/** An environment a previous command started, from its directory. */
export function loadEnvironment(root: string = defaultRoot()): Environment | undefined {
  if (!existsSync(join(root, 'environment.json'))) return undefined;
  const clusters = new Map<string, RealCluster>();
  for (const name of readdirSync(root)) {
    if (existsSync(join(root, name, 'state.json')) && name !== 'minio') clusters.set(name, RealCluster.load(join(root, name)));
  }
  const minio = existsSync(join(root, 'minio', 'state.json')) ? MinioServer.load(join(root, 'minio')) : undefined;
  return {
    root,
    clusters,
    minio,
    startMs: 0,
    stop: async (o) => {
      await Promise.all([...clusters.values()].map((c) => c.stop(o)));
      await minio?.stop(o);
      if (o?.removeData) rmSync(root, { recursive: true, force: true });
    },
  };
}
