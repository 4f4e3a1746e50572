// ManagedClusterViews against real API servers and the network: a new view has no status (so the
// first read fails), then shows the object or reports NotFound in the form Ramen parses, refreshes
// every update interval, and goes stale (keeps its last status) while the link is cut.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import { ManagedClusterViewKind, type ManagedClusterView } from '../../../../engine/api/ocm/managed-cluster-view.js';
import { ocmRig, type OcmRig } from './ocm-rig.js';

const CM = { apiVersion: 'v1', kind: 'ConfigMap' } as const;

function view(name: string, cluster: string, scope: ManagedClusterView['spec']['scope']): ManagedClusterView {
  return { apiVersion: ManagedClusterViewKind.apiVersion, kind: ManagedClusterViewKind.kind, metadata: { name, namespace: cluster }, spec: { scope } };
}

function peekView(rig: OcmRig, cluster: string, name: string): ManagedClusterView | undefined {
  return rig.peek<ManagedClusterView>('hub', ManagedClusterViewKind, name, cluster);
}

async function seedConfigMap(rig: OcmRig, cluster: string, data: Record<string, string>): Promise<KubeObject> {
  const c = rig.client(cluster);
  await c.create(rig.nsObject('app'));
  return c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'app' }, data });
}

describe('view agent', () => {
  it('starts with no status, then reports the object with one Processing condition', async () => {
    const rig = await ocmRig();
    await seedConfigMap(rig, 'east', { a: '1' });
    const created = await rig.hubClient.create(view('cfg-view', 'east', { kind: 'ConfigMap', version: 'v1', name: 'cfg', namespace: 'app' }));
    // What Ramen sees right after creating it: no status at all.
    expect(created.status).toBeUndefined();
    expect(await rig.until(() => peekView(rig, 'east', 'cfg-view')?.status?.result !== undefined, 30_000)).toBe(true);
    const v = peekView(rig, 'east', 'cfg-view')!;
    expect(v.status!.conditions).toHaveLength(1);
    expect(v.status!.conditions![0]).toMatchObject({ type: 'Processing', status: 'True', reason: 'GetResourceProcessing', message: 'Watching resources successfully' });
    expect(v.status!.result).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'app' }, data: { a: '1' } });
  });

  it('reports a missing object as GetResourceFailed ending in "not found"', async () => {
    const rig = await ocmRig();
    await rig.hubClient.create(view('missing', 'west', { kind: 'ConfigMap', version: 'v1', name: 'nope', namespace: 'app' }));
    expect(await rig.until(() => peekView(rig, 'west', 'missing')?.status !== undefined, 30_000)).toBe(true);
    const c = peekView(rig, 'west', 'missing')!.status!.conditions![0]!;
    expect(c).toMatchObject({ type: 'Processing', status: 'False', reason: 'GetResourceFailed' });
    expect(c.message).toBe('failed to get resource with err: configmaps "nope" not found');
    expect(c.message.endsWith('not found')).toBe(true);
  });

  it('reports a kind the cluster does not serve as ResourceGVKInvalid', async () => {
    const rig = await ocmRig();
    await rig.hubClient.create(view('vrg', 'east', { apiGroup: 'example.com', kind: 'Widget', version: 'v1', name: 'x', namespace: 'app' }));
    expect(await rig.until(() => peekView(rig, 'east', 'vrg')?.status !== undefined, 30_000)).toBe(true);
    expect(peekView(rig, 'east', 'vrg')!.status!.conditions![0]).toMatchObject({
      reason: 'ResourceGVKInvalid',
      message: 'failed to get resource with err: no matches for kind "Widget" in version "example.com/v1"',
    });
  });

  it('refreshes every 30 s by default', async () => {
    const rig = await ocmRig();
    await seedConfigMap(rig, 'east', { a: '1' });
    await rig.hubClient.create(view('cfg-view', 'east', { kind: 'ConfigMap', version: 'v1', name: 'cfg', namespace: 'app' }));
    expect(await rig.until(() => peekView(rig, 'east', 'cfg-view')?.status?.result !== undefined, 30_000)).toBe(true);
    const local = rig.client('east');
    const cm = await local.get(CM, { namespace: 'app', name: 'cfg' });
    await local.update({ ...cm, data: { a: '2' } });
    const changedAt = rig.time.nowMs();
    expect(await rig.until(() => peekView(rig, 'east', 'cfg-view')!.status!.result!.data !== undefined && (peekView(rig, 'east', 'cfg-view')!.status!.result as KubeObject & { data: Record<string, string> }).data.a === '2', 60_000)).toBe(true);
    expect(rig.time.nowMs() - changedAt).toBeLessThanOrEqual(31_000);
  });

  it('goes stale while the link is cut and refreshes after heal', async () => {
    const rig = await ocmRig();
    await seedConfigMap(rig, 'east', { a: '1' });
    await rig.hubClient.create(view('cfg-view', 'east', { kind: 'ConfigMap', version: 'v1', name: 'cfg', namespace: 'app' }));
    expect(await rig.until(() => peekView(rig, 'east', 'cfg-view')?.status?.result !== undefined, 30_000)).toBe(true);
    rig.network.cut('east', 'hub');
    const local = rig.client('east');
    await local.delete(CM, { namespace: 'app', name: 'cfg' });
    await rig.runFor(4 * 60_000);
    // Within the lease grace period: still the last good copy, still "True": the hub cannot tell it is stale.
    const stale = peekView(rig, 'east', 'cfg-view')!;
    expect(stale.status!.conditions![0]!.status).toBe('True');
    expect(stale.status!.result).toMatchObject({ data: { a: '1' } });
    // Once the hub marks the cluster unavailable, the view answers with an error (docs/fidelity.md).
    await rig.runFor(7 * 60_000);
    const failed = peekView(rig, 'east', 'cfg-view')!.status!.conditions![0]!;
    expect([failed.status, failed.reason]).toEqual(['False', 'GetResourceFailed']);
    expect(failed.message).toMatch(/east is not available$/);
    rig.network.heal('east', 'hub');
    expect(await rig.until(() => /not found$/.test(peekView(rig, 'east', 'cfg-view')!.status!.conditions![0]!.message), 2 * 60_000)).toBe(true);
    // On failure upstream keeps the previous result in place.
    expect(peekView(rig, 'east', 'cfg-view')!.status!.result).toMatchObject({ data: { a: '1' } });
  });

  it('gives a view created during a partition no status until the link heals', async () => {
    const rig = await ocmRig();
    await seedConfigMap(rig, 'east', { a: '1' });
    rig.network.cut('east', 'hub');
    await rig.hubClient.create(view('late', 'east', { kind: 'ConfigMap', version: 'v1', name: 'cfg', namespace: 'app' }));
    await rig.runFor(4 * 60_000);
    expect(peekView(rig, 'east', 'late')!.status).toBeUndefined();
    rig.network.heal('east', 'hub');
    expect(await rig.until(() => peekView(rig, 'east', 'late')?.status?.result !== undefined, 60_000)).toBe(true);
  });
});
