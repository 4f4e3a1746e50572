// The worlds the benchmarks run, and the observer helpers they need: world declarations in the shape a
// scenario file would produce, DR actions as a user performs them (a patch of the DRPC on the hub),
// and an O(1) readiness count fed by the trace, since a predicate that scanned every DRPC after every
// event would make the scale benchmark quadratic in the number of apps.

import type { Condition, KubeObject } from '../../engine/api/meta.js';
import type { TraceEvent } from '../../sim/trace/recorder.js';
import type { BuiltEnvironment } from '../../sim/world/build-environment.js';
import type { AppDecl, WorldDecl } from '../../sim/world/world-decl.js';

export const RAMEN = 'ramendr.openshift.io/v1alpha1';
export const DRPC_KIND = { apiVersion: RAMEN, kind: 'DRPlacementControl' } as const;

export interface AppShape {
  pvcsPerApp: number;
  writesPerMinute: number;
  kubeObjectProtection: boolean;
}

/** The default app: 2 PVCs, kube object protection, and the scenario format's default write rate. */
export const DEFAULT_APP: AppShape = { pvcsPerApp: 2, writesPerMinute: 60, kubeObjectProtection: true };

export function appName(i: number): string {
  return `app-${String(i).padStart(5, '0')}`;
}

/**
 * Hub plus dr1 and dr2, regional storage, an S3 store per cluster, Ramen configured, and `apps` apps
 * homed alternately on dr1 and dr2 (even indexes on dr1).
 */
export function worldDecl(apps: number, shape: AppShape = DEFAULT_APP, schedulingInterval = '5m'): WorldDecl {
  const list: AppDecl[] = [];
  for (let i = 0; i < apps; i++) {
    const name = appName(i);
    list.push({
      name,
      namespace: name,
      pvcs: Array.from({ length: shape.pvcsPerApp }, (_, p) => ({ name: p === 0 ? 'data' : `data-${p}`, size: '1Gi' })),
      writesPerMinute: shape.writesPerMinute,
      dataPath: 'volrep',
      kubeObjectProtection: shape.kubeObjectProtection,
      protection: 'drpc',
      cluster: i % 2 === 0 ? 'dr1' : 'dr2',
    });
  }
  return {
    clusters: [
      { name: 'dr1', region: 'east' },
      { name: 'dr2', region: 'west' },
    ],
    storage: 'regional',
    schedulingInterval,
    s3: 'per-cluster',
    ramen: 'configured',
    apps: list,
  };
}

interface DrpcStatus {
  phase?: string;
  progression?: string;
  conditions?: Condition[];
}

export function drpcOf(env: BuiltEnvironment, app: AppDecl): KubeObject<unknown, DrpcStatus> | undefined {
  return env.world.peek<KubeObject<unknown, DrpcStatus>>('hub', RAMEN, 'DRPlacementControl', app.name, app.namespace);
}

export function conditionTrue(status: DrpcStatus | undefined, type: string): boolean {
  return status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

/** Sets the DRPC's action as `kubectl patch` would, through the hub API server. */
export async function drAction(env: BuiltEnvironment, app: AppDecl, action: 'Failover' | 'Relocate', to: string): Promise<void> {
  const spec = action === 'Failover' ? { action, failoverCluster: to } : { action, preferredCluster: to };
  await env.world.client('hub', 'user').patch(DRPC_KIND, { namespace: app.namespace, name: app.name }, { spec });
  env.world.trace.emit({ type: 'user.action', action: action === 'Failover' ? 'failover' : 'relocate', drpc: app.name, namespace: app.namespace, to });
}

/**
 * Counts DRPCs whose Protected condition is True, from the `drpc.status` events the status tap
 * writes to the trace, so `allProtected()` costs O(1) per simulated event.
 */
export class ProtectedCount {
  private readonly protectedNow = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(env: BuiltEnvironment) {
    this.unsubscribe = env.world.trace.subscribe((e: TraceEvent) => {
      if (e.type !== 'drpc.status') return;
      const key = `${String(e.ns)}/${String(e.name)}`;
      const conditions = e.conditions as Record<string, unknown> | undefined;
      const p = conditions?.Protected;
      if (typeof p === 'string' && p.startsWith('True/')) this.protectedNow.add(key);
      else this.protectedNow.delete(key);
    });
  }

  get count(): number {
    return this.protectedNow.size;
  }

  stop(): void {
    this.unsubscribe();
  }
}
