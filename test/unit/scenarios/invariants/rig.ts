// Shared set-up for the invariant tests: a small protected world, built with every checker watching,
// plus helpers to act as a (deliberately broken) operator by writing under its actor name.

import type { InvariantResult } from '../../../../reports/result-types.js';
import type { RunEnd } from '../../../../scenarios/invariants/checker.js';
import type { InvariantMonitor } from '../../../../scenarios/invariants/monitor.js';
import { attachInvariants } from '../../../../scenarios/invariants/monitor.js';
import type { BuiltEnvironment } from '../../../../sim/world/build-environment.js';
import { buildEnvironment } from '../../../../sim/world/build-environment.js';
import type { ClientWrapper } from '../../../../sim/world/world.js';
import type { WorldDecl } from '../../../../sim/world/world-decl.js';

export const RAMEN = 'ramendr.openshift.io/v1alpha1';
export const MW = { apiVersion: 'work.open-cluster-management.io/v1', kind: 'ManifestWork' };
export const DRPC = { apiVersion: RAMEN, kind: 'DRPlacementControl' };

export function smallWorld(overrides: Partial<WorldDecl> = {}): WorldDecl {
  return {
    clusters: [
      { name: 'dr1', region: 'east' },
      { name: 'dr2', region: 'west' },
    ],
    storage: 'regional',
    schedulingInterval: '5m',
    s3: 'per-cluster',
    ramen: 'configured',
    apps: [{ name: 'app1', namespace: 'app1', pvcs: [{ name: 'data1', size: '1Gi' }], writesPerMinute: 12, dataPath: 'volrep', kubeObjectProtection: false, protection: 'drpc', cluster: 'dr1' }],
    ...overrides,
  };
}

export interface Rig {
  env: BuiltEnvironment;
  monitor: InvariantMonitor;
  finish(end?: RunEnd): InvariantResult[];
}

export async function rig(decl: WorldDecl = smallWorld(), options: { seed?: number; wrapClient?: ClientWrapper } = {}): Promise<Rig> {
  const env = await buildEnvironment({ seed: options.seed ?? 7, decl, ...(options.wrapClient ? { wrapClient: options.wrapClient } : {}) });
  const monitor = attachInvariants(env);
  return { env, monitor, finish: (end = { converged: false }) => monitor.finish(end) };
}

export function verdictOf(results: InvariantResult[], name: string): InvariantResult {
  const r = results.find((x) => x.name === name);
  if (!r) throw new Error(`no invariant named ${name}`);
  return r;
}

export function violated(results: InvariantResult[]): string[] {
  return results.filter((r) => r.verdict === 'violated').map((r) => `${r.name}: ${r.violations.map((v) => v.message).join(' | ')}`);
}

/** Sets the DRPC's action as the user would. */
export async function userAction(env: BuiltEnvironment, patch: Record<string, unknown>): Promise<void> {
  await env.world.client('hub', 'user').patch(DRPC, { namespace: 'app1', name: 'app1' }, { spec: patch });
}

/** Waits (in virtual time) until the DRPC shows the phase and progression. */
export async function waitDrpc(env: BuiltEnvironment, phase: string, progression = 'Completed', timeoutMs = 30 * 60_000): Promise<void> {
  const ok = await env.world.runUntil(() => {
    const d = env.world.peek<{ apiVersion: string; kind: string; metadata: { name: string }; status?: { phase?: string; progression?: string } }>('hub', RAMEN, 'DRPlacementControl', 'app1', 'app1');
    return d?.status?.phase === phase && d.status.progression === progression;
  }, timeoutMs);
  if (!ok) throw new Error(`DRPC did not reach ${phase}/${progression}`);
}
