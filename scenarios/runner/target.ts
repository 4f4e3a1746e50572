// Evaluates a Target (what `waitFor` waits for and `expect` asserts) against the world, as an observer:
// it reads stored objects directly and never goes through a client, so it changes nothing and sees
// a cluster's state even while that cluster is down.

import type { Condition, KubeObject } from '../../engine/api/meta.js';
import type { AppDecl, Target } from '../format/scenario-types.js';

/**
 * What evaluating a target reads. A built simulation is one as it stands; the real-time backend
 * builds one over objects it fetched from the real servers (target-real.ts).
 */
export interface TargetObserver {
  world: {
    /** Managed clusters only, not the hub. */
    clusterNames(): string[];
    peek<T extends KubeObject = KubeObject>(cluster: string, apiVersion: string, kind: string, name: string, namespace?: string): T | undefined;
    decl: { apps: readonly AppDecl[] };
  };
  /** Managed clusters on which the app's workload is running now. */
  appRunningOn(app: string): string[];
  /** Acknowledged writes of the app that no copy the app can now read holds. */
  lostWrites(app: string): number;
}

const RAMEN = 'ramendr.openshift.io/v1alpha1';

export interface TargetVerdict {
  ok: boolean;
  /** What was observed, in words, for the failure message: `phase is FailingOver, expected FailedOver`. */
  mismatches: string[];
}

interface WithStatus {
  phase?: string;
  progression?: string;
  state?: string;
  conditions?: Condition[];
}

function conditionMismatches(status: WithStatus | undefined, wanted: Target['conditions']): string[] {
  const out: string[] = [];
  for (const w of wanted ?? []) {
    const c = status?.conditions?.find((x) => x.type === w.type);
    if (!c) out.push(`condition ${w.type} is absent, expected ${w.status}`);
    else if (c.status !== w.status) out.push(`condition ${w.type} is ${c.status} (${c.reason}: ${c.message}), expected ${w.status}`);
    else if (w.reason !== undefined && c.reason !== w.reason) out.push(`condition ${w.type} has reason ${c.reason}, expected ${w.reason}`);
  }
  return out;
}

/** The cluster whose VRG for this DRPC is primary in both spec and status, if exactly one is. */
export function primaryClusterOf(env: TargetObserver, name: string, namespace: string): string | undefined {
  const primaries = env.world.clusterNames().filter((c) => {
    const vrg = env.world.peek<KubeObject<{ replicationState?: string }, WithStatus>>(c, RAMEN, 'VolumeReplicationGroup', name, namespace);
    return vrg?.spec?.replicationState === 'primary' && vrg.status?.state === 'Primary';
  });
  return primaries.length === 1 ? primaries[0] : undefined;
}

export function evaluateTarget(env: TargetObserver, t: Target): TargetVerdict {
  const m: string[] = [];
  const w = env.world;
  if (t.drpc) {
    const drpc = w.peek<KubeObject<unknown, WithStatus>>('hub', RAMEN, 'DRPlacementControl', t.drpc.name, t.drpc.namespace);
    if (!drpc) m.push(`DRPlacementControl ${t.drpc.namespace}/${t.drpc.name} does not exist on the hub`);
    else {
      const s = drpc.status;
      if (t.phase !== undefined && (s?.phase ?? '') !== t.phase) m.push(`phase is "${s?.phase ?? ''}", expected "${t.phase}"`);
      if (t.progression !== undefined && (s?.progression ?? '') !== t.progression) m.push(`progression is "${s?.progression ?? ''}", expected "${t.progression}"`);
      m.push(...conditionMismatches(s, t.conditions));
    }
    if (t.primary !== undefined) {
      const p = primaryClusterOf(env, t.drpc.name, t.drpc.namespace);
      if (p !== t.primary) m.push(`primary VRG is on ${p ?? 'no single cluster'}, expected ${t.primary}`);
    }
  }
  if (t.vrg) {
    const vrg = w.peek<KubeObject<{ replicationState?: string }, WithStatus>>(t.vrg.cluster, RAMEN, 'VolumeReplicationGroup', t.vrg.name, t.vrg.namespace);
    if (!vrg) m.push(`VolumeReplicationGroup ${t.vrg.namespace}/${t.vrg.name} does not exist on ${t.vrg.cluster}`);
    else {
      if (t.state !== undefined && vrg.status?.state !== t.state) m.push(`VRG state is ${vrg.status?.state ?? '(none)'}, expected ${t.state}`);
      m.push(...conditionMismatches(vrg.status, t.conditions));
    }
  }
  if (t.app !== undefined) {
    if (t.runningOn !== undefined) {
      const on = env.appRunningOn(t.app);
      if (on.length !== 1 || on[0] !== t.runningOn) m.push(`app ${t.app} runs on [${on.join(', ')}], expected ${t.runningOn}`);
    }
    if (t.lostWritesMax !== undefined) {
      const lost = env.lostWrites(t.app);
      if (lost > t.lostWritesMax) m.push(`app ${t.app} lost ${lost} acknowledged writes, expected at most ${t.lostWritesMax}`);
    }
    if (t.primary !== undefined) {
      const app = w.decl.apps.find((a) => a.name === t.app)!;
      const p = primaryClusterOf(env, app.name, app.namespace);
      if (p !== t.primary) m.push(`primary VRG is on ${p ?? 'no single cluster'}, expected ${t.primary}`);
    }
  }
  if (t.object) {
    const o = t.object;
    const found = w.peek(o.cluster, o.apiVersion, o.kind, o.name, o.namespace);
    if (o.absent && found) m.push(`${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name} still exists on ${o.cluster}`);
    if (!o.absent && !found) m.push(`${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name} does not exist on ${o.cluster}`);
    if (found && !o.absent) m.push(...conditionMismatches(found.status as WithStatus | undefined, t.conditions));
  }
  return { ok: m.length === 0, mismatches: m };
}
