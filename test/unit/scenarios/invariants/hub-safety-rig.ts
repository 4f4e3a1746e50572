// Helpers for the hub safety tests: act as the hub operator (writing what a broken hub would write)
// and forge what the hub's views show, so that a broken write can be made while the gates it skips
// are visibly closed. Forged views carry a fresh Processing transition time, so the view agent leaves
// them alone for its 30 s interval.

import type { KubeObject } from '../../../../engine/api/meta.js';
import type { ManagedClusterView } from '../../../../engine/api/ocm/managed-cluster-view.js';
import type { VolumeReplicationGroup } from '../../../../engine/api/ramen/vrg.js';
import { rfc3339 } from '../../../../engine/runtime/ports.js';
import type { BuiltEnvironment } from '../../../../sim/world/build-environment.js';
import { MW } from './rig.js';

export const VIEW = { apiVersion: 'view.open-cluster-management.io/v1beta1', kind: 'ManagedClusterView' };
export const PD = { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'PlacementDecision' };
export const HUB = 'ramen-hub-operator';

type VrgSpecEdit = (spec: Record<string, unknown>) => void;

/** Rewrites the VRG inside `cluster`'s VRG ManifestWork as the hub operator. */
export async function editVrgWork(env: BuiltEnvironment, cluster: string, edit: VrgSpecEdit): Promise<void> {
  const hub = env.world.client('hub', HUB);
  const mw = await hub.get<KubeObject & { spec: { workload: { manifests: { spec: Record<string, unknown> }[] } } }>(MW, { namespace: cluster, name: 'app1-app1-vrg-mw' });
  edit(mw.spec.workload.manifests[0]!.spec);
  await hub.update(mw);
}

/** Writes the app's PlacementDecision status as the hub operator. */
export async function writeDecisions(env: BuiltEnvironment, decisions: { clusterName: string; reason: string }[]): Promise<void> {
  const hub = env.world.client('hub', HUB);
  const pd = await hub.get<KubeObject & { status?: unknown }>(PD, { namespace: 'app1', name: 'app1-placement-decision-1' });
  pd.status = { decisions };
  await hub.updateStatus(pd);
}

/** Makes the hub's view of `cluster`'s VRG show an edited copy (or a failed query, with `failed`). */
export async function forgeView(env: BuiltEnvironment, cluster: string, edit: (vrg: VolumeReplicationGroup) => void, failed = false): Promise<void> {
  const agent = env.world.client('hub', 'view-agent');
  const view = await agent.get<ManagedClusterView>(VIEW, { namespace: cluster, name: 'app1-app1-vrg-mcv' });
  const now = rfc3339(env.world.clockOf('hub').nowMs());
  const result = structuredClone(view.status?.result) as VolumeReplicationGroup;
  edit(result);
  const condition = failed
    ? { type: 'Processing', status: 'False' as const, reason: 'GetResourceFailed', message: 'failed to get resource: err: connection refused', lastTransitionTime: now }
    : { type: 'Processing', status: 'True' as const, reason: 'GetResourceProcessing', message: 'Watching resources successfully', lastTransitionTime: now };
  await agent.updateStatus<ManagedClusterView>({ ...view, status: { conditions: [condition], result } });
}

const VRC = { apiVersion: 'replication.storage.openshift.io/v1alpha1', kind: 'VolumeReplicationClass' };

/** The storage vendor declares that failing over needs the Failover maintenance mode (hub spec §15.5). */
export async function requireFailoverMaintenanceMode(env: BuiltEnvironment): Promise<void> {
  for (const c of ['dr1', 'dr2']) {
    const admin = env.world.client(c, 'admin');
    for (const vrc of (await admin.list(VRC)).items) await admin.patch(VRC, { name: vrc.metadata.name }, { metadata: { labels: { 'ramendr.openshift.io/maintenancemodes': 'Failover' } } });
  }
}

/** Longer than a hub pass may last (PASS_SPAN_MS), so the next write is judged on what it follows. */
export const AFTER_PASS_MS = 6_000;
