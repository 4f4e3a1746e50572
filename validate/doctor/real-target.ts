// The doctor on real clusters: each cluster through a kube-apiserver client built from a kubeconfig
// (a named context, or each cluster of a `drsim apiserver up` environment), S3 through the SDK with
// the credentials the hub's secret holds, every S3 call bounded by a wall-clock timer.

import { KubeClusterClient, loadKubeConfig } from '../../kind/client-node/kube-client.js';
import { TimerScheduler } from '../../kind/agents/real-time.js';
import { defaultRoot, loadEnvironment } from '../../kind/control-plane/environment.js';
import { S3ObjectStoreFactory } from '../../kind/s3/s3-object-store.js';
import type { DoctorTarget } from './doctor-types.js';

/** Ramen's own bound on one S3 request (S3_REQUEST_TIMEOUT_MS). */
const S3_TIMEOUT_MS = 12_000;
/** A doctor that waits half a minute for an API server has already told the user nothing. */
const API_TIMEOUT_MS = 10_000;

export interface NamedClient {
  name: string;
  client: KubeClusterClient;
}

/** A real-cluster target; `stop()` releases the timers so the process can exit. */
export interface RealDoctorTarget extends DoctorTarget {
  stop(): void;
}

export function realDoctorTarget(hub: KubeClusterClient, clusters: readonly NamedClient[]): RealDoctorTarget {
  const scheduler = new TimerScheduler();
  return {
    hub,
    clusters: clusters.map((c) => ({ name: c.name, client: c.client })),
    objectStores: new S3ObjectStoreFactory({ maxAttempts: 1, requestTimeoutMs: S3_TIMEOUT_MS }),
    timeout: { scheduler, ms: S3_TIMEOUT_MS },
    stop: () => scheduler.stop(),
  };
}

/**
 * `--context` values: the hub first, then each managed cluster. `NAME=CONTEXT` names a managed
 * cluster as the hub knows it (its ManagedCluster and DRCluster) when the context is called
 * something else; a bare context is both.
 */
export function parseContexts(values: readonly string[]): { name: string; context: string }[] {
  return values.map((v) => {
    const eq = v.indexOf('=');
    return eq > 0 ? { name: v.slice(0, eq), context: v.slice(eq + 1) } : { name: v, context: v };
  });
}

export class DoctorTargetError extends Error {}

/** Clients for the contexts of one kubeconfig file; every context must exist in it. */
export function clientsFromKubeconfig(file: string, contexts: readonly string[]): { hub: KubeClusterClient; clusters: NamedClient[] } {
  const wanted = parseContexts(contexts);
  if (wanted.length < 2) throw new DoctorTargetError(`--kubeconfig needs --context for the hub and for each managed cluster (at least two), got ${wanted.length}`);
  let known: string[];
  try {
    known = loadKubeConfig(file).getContexts().map((c) => c.name);
  } catch (err) {
    throw new DoctorTargetError(`cannot read kubeconfig ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const client = (w: { name: string; context: string }): KubeClusterClient => {
    if (!known.includes(w.context)) throw new DoctorTargetError(`kubeconfig ${file} has no context "${w.context}" (it has ${known.join(', ') || 'none'})`);
    const kc = loadKubeConfig(file);
    kc.setCurrentContext(w.context);
    return new KubeClusterClient({ clusterName: w.name, kubeconfig: kc, timeoutMs: API_TIMEOUT_MS });
  };
  const [hub, ...managed] = wanted;
  return { hub: client({ ...hub!, name: 'hub' }), clusters: managed.map((w) => ({ name: w.name, client: client(w) })) };
}

/** Clients for the clusters `drsim apiserver up` started: `hub` and every other cluster. */
export function clientsFromApiserverEnvironment(root: string = defaultRoot()): { hub: KubeClusterClient; clusters: NamedClient[] } {
  const env = loadEnvironment(root);
  if (!env) throw new DoctorTargetError(`no apiserver environment under ${root}; start one with "drsim apiserver up", or name real clusters with --kubeconfig and --context`);
  const hub = env.clusters.get('hub');
  if (!hub) throw new DoctorTargetError(`the apiserver environment under ${root} has no hub cluster`);
  const clusters = [...env.clusters.values()].filter((c) => c.name !== 'hub').map((c) => ({ name: c.name, client: c.client(API_TIMEOUT_MS) }));
  return { hub: hub.client(API_TIMEOUT_MS), clusters };
}
