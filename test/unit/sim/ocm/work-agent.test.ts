// The work agent against real API servers and the network: apply, update, status and drift repair;
// per-manifest failures; deletion with Foreground, Orphan and SelectivelyOrphan; a cut link that
// blocks applying, status and cleanup until it heals; and eviction of works that vanish from the hub.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import { AppliedManifestWorkKind, type AppliedManifestWork } from '../../../../engine/api/ocm/applied-manifest-work.js';
import { MANIFEST_WORK_FINALIZER, ManifestWorkKind, type ManifestWork, type ManifestWorkSpec } from '../../../../engine/api/ocm/manifest-work.js';
import { UNSERVED, ocmRig, type OcmRig } from './ocm-rig.js';

const CM = { apiVersion: 'v1', kind: 'ConfigMap' } as const;
const NS = { apiVersion: 'v1', kind: 'Namespace' } as const;

function configMap(name: string, data: Record<string, string>, namespace = 'app'): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

function work(name: string, cluster: string, manifests: KubeObject[], extra: Partial<ManifestWorkSpec> = {}): ManifestWork {
  return { apiVersion: ManifestWorkKind.apiVersion, kind: ManifestWorkKind.kind, metadata: { name, namespace: cluster }, spec: { workload: { manifests }, ...extra } };
}

function cond(rig: OcmRig, cluster: string, name: string, type: string): { status?: string; reason?: string; observedGeneration?: number } | undefined {
  return rig.peek<ManifestWork>('hub', ManifestWorkKind, name, cluster)?.status?.conditions?.find((c) => c.type === type);
}

async function appliedWork(rig: OcmRig, cluster: string, w: ManifestWork): Promise<void> {
  await rig.hubClient.create(w);
  const ok = await rig.until(() => cond(rig, cluster, w.metadata.name, 'Applied')?.status === 'True' && cond(rig, cluster, w.metadata.name, 'Available')?.status === 'True', 30_000);
  expect(ok).toBe(true);
}

describe('work agent', () => {
  it('applies manifests, reports Applied/Available with observedGeneration, and adds its finalizer', async () => {
    const rig = await ocmRig();
    await appliedWork(rig, 'east', work('w1', 'east', [rig.nsObject('app'), configMap('cfg', { a: '1' })]));
    expect(rig.peek('east', CM, 'cfg', 'app')?.data).toEqual({ a: '1' });
    expect(rig.peek('west', CM, 'cfg', 'app')).toBeUndefined();
    const mw = rig.peek<ManifestWork>('hub', ManifestWorkKind, 'w1', 'east')!;
    expect(mw.metadata.finalizers).toContain(MANIFEST_WORK_FINALIZER);
    const applied = mw.status!.conditions!.find((c) => c.type === 'Applied')!;
    expect(applied).toMatchObject({ status: 'True', reason: 'AppliedManifestWorkComplete', message: 'Apply manifest work complete', observedGeneration: 1 });
    expect(mw.status!.resourceStatus!.manifests![1]!.resourceMeta).toEqual({ ordinal: 1, group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', name: 'cfg', namespace: 'app' });
    // The applied resource is owned by the cluster's AppliedManifestWork record.
    const amw = rig.peek<AppliedManifestWork>('east', AppliedManifestWorkKind, 'hub-w1')!;
    expect(amw.spec.manifestWorkName).toBe('w1');
    expect(rig.peek('east', CM, 'cfg', 'app')!.metadata.ownerReferences?.[0]?.uid).toBe(amw.metadata.uid);
  });

  it('applies spec updates and reports the new generation', async () => {
    const rig = await ocmRig();
    await appliedWork(rig, 'east', work('w1', 'east', [rig.nsObject('app'), configMap('cfg', { a: '1' })]));
    const mw = await rig.hubClient.get<ManifestWork>(ManifestWorkKind, { namespace: 'east', name: 'w1' });
    await rig.hubClient.update({ ...mw, spec: { workload: { manifests: [rig.nsObject('app'), configMap('cfg', { a: '2' })] } } });
    expect(await rig.until(() => cond(rig, 'east', 'w1', 'Applied')?.observedGeneration === 2, 30_000)).toBe(true);
    expect(rig.peek('east', CM, 'cfg', 'app')?.data).toEqual({ a: '2' });
  });

  it('reports an unknown kind as Applied False with the error, and still applies the rest', async () => {
    const rig = await ocmRig();
    await rig.hubClient.create(work('w1', 'east', [rig.nsObject('app'), { ...UNSERVED, metadata: { name: 'x', namespace: 'app' } }]));
    expect(await rig.until(() => cond(rig, 'east', 'w1', 'Applied')?.status === 'False', 30_000)).toBe(true);
    const mw = rig.peek<ManifestWork>('hub', ManifestWorkKind, 'w1', 'east')!;
    expect(cond(rig, 'east', 'w1', 'Applied')?.reason).toBe('AppliedManifestWorkFailed');
    const perManifest = mw.status!.resourceStatus!.manifests![1]!.conditions.find((c) => c.type === 'Applied')!;
    expect(perManifest.reason).toBe('AppliedManifestFailed');
    expect(perManifest.message).toBe('Failed to apply manifest: no matches for kind "Widget" in version "example.com/v1"');
    expect(cond(rig, 'east', 'w1', 'Available')).toMatchObject({ status: 'False', reason: 'ResourcesNotAvailable' });
    expect(rig.peek('east', NS, 'app')).toBeDefined();
  });

  it('puts a drifted resource back on the next resync', async () => {
    const rig = await ocmRig({ workResyncMs: 60_000 });
    await appliedWork(rig, 'east', work('w1', 'east', [rig.nsObject('app'), configMap('cfg', { a: '1' })]));
    // Let the reconciles the agent's own writes triggered settle first.
    await rig.runFor(5_000);
    const local = rig.client('east');
    const cm = await local.get(CM, { namespace: 'app', name: 'cfg' });
    await local.update({ ...cm, data: { a: 'tampered' } });
    await rig.runFor(1_000);
    expect(rig.peek('east', CM, 'cfg', 'app')?.data).toEqual({ a: 'tampered' });
    await rig.runFor(61_000);
    expect(rig.peek('east', CM, 'cfg', 'app')?.data).toEqual({ a: '1' });
  });

  it('deletes applied resources (Foreground) and then releases the finalizer', async () => {
    const rig = await ocmRig();
    await appliedWork(rig, 'east', work('w1', 'east', [rig.nsObject('app'), configMap('cfg', { a: '1' })]));
    await rig.hubClient.delete(ManifestWorkKind, { namespace: 'east', name: 'w1' });
    expect(await rig.until(() => rig.peek('hub', ManifestWorkKind, 'w1', 'east') === undefined, 30_000)).toBe(true);
    expect(rig.peek('east', CM, 'cfg', 'app')).toBeUndefined();
    expect(rig.peek('east', AppliedManifestWorkKind, 'hub-w1')).toBeUndefined();
  });

  it('leaves resources in place for Orphan and for SelectivelyOrphan rules', async () => {
    const rig = await ocmRig();
    await appliedWork(rig, 'east', work('orphan', 'east', [rig.nsObject('keep'), configMap('a', { x: '1' }, 'keep')], { deleteOption: { propagationPolicy: 'Orphan' } }));
    await appliedWork(
      rig,
      'east',
      work('selective', 'east', [rig.nsObject('app'), configMap('gone', { x: '1' }), configMap('kept', { x: '1' })], {
        deleteOption: {
          propagationPolicy: 'SelectivelyOrphan',
          selectivelyOrphans: { orphaningRules: [{ group: '', resource: 'namespaces', name: 'app' }, { group: '', resource: 'configmaps', name: 'kept', namespace: 'app' }] },
        },
      }),
    );
    // Orphaned resources never carry the record's ownerReference.
    expect(rig.peek('east', CM, 'a', 'keep')!.metadata.ownerReferences).toBeUndefined();
    await rig.hubClient.delete(ManifestWorkKind, { namespace: 'east', name: 'orphan' });
    await rig.hubClient.delete(ManifestWorkKind, { namespace: 'east', name: 'selective' });
    expect(await rig.until(() => rig.peek('hub', ManifestWorkKind, 'orphan', 'east') === undefined && rig.peek('hub', ManifestWorkKind, 'selective', 'east') === undefined, 30_000)).toBe(true);
    await rig.runFor(1_000);
    expect(rig.peek('east', NS, 'keep')).toBeDefined();
    expect(rig.peek('east', CM, 'a', 'keep')).toBeDefined();
    expect(rig.peek('east', NS, 'app')).toBeDefined();
    expect(rig.peek('east', CM, 'kept', 'app')).toBeDefined();
    expect(rig.peek('east', CM, 'gone', 'app')).toBeUndefined();
  });

  it('removes a resource dropped from the work', async () => {
    const rig = await ocmRig();
    await appliedWork(rig, 'east', work('w1', 'east', [rig.nsObject('app'), configMap('a', { x: '1' }), configMap('b', { x: '1' })]));
    const mw = await rig.hubClient.get<ManifestWork>(ManifestWorkKind, { namespace: 'east', name: 'w1' });
    await rig.hubClient.update({ ...mw, spec: { workload: { manifests: [rig.nsObject('app'), configMap('a', { x: '1' })] } } });
    expect(await rig.until(() => rig.peek('east', CM, 'b', 'app') === undefined, 30_000)).toBe(true);
    expect(rig.peek('east', CM, 'a', 'app')).toBeDefined();
  });

  it('does nothing while the link is cut, and catches up on heal', async () => {
    const rig = await ocmRig();
    rig.network.cut('east', 'hub');
    await rig.hubClient.create(work('w1', 'east', [rig.nsObject('app'), configMap('cfg', { a: '1' })]));
    await rig.runFor(5 * 60_000);
    expect(rig.peek('east', CM, 'cfg', 'app')).toBeUndefined();
    expect(rig.peek<ManifestWork>('hub', ManifestWorkKind, 'w1', 'east')!.status).toBeUndefined();
    rig.network.heal('east', 'hub');
    expect(await rig.until(() => cond(rig, 'east', 'w1', 'Applied')?.status === 'True', 60_000)).toBe(true);
    expect(rig.peek('east', CM, 'cfg', 'app')?.data).toEqual({ a: '1' });
  });

  it('repairs drift within a resync period after a long partition heals', async () => {
    const rig = await ocmRig({ workResyncMs: 60_000 });
    await appliedWork(rig, 'east', work('w1', 'east', [rig.nsObject('app'), configMap('cfg', { a: '1' })]));
    rig.network.cut('east', 'hub');
    await rig.runFor(2 * 60 * 60_000);
    const local = rig.client('east');
    const cm = await local.get(CM, { namespace: 'app', name: 'cfg' });
    await local.update({ ...cm, data: { a: 'tampered' } });
    rig.network.heal('east', 'hub');
    const healedAt = rig.time.nowMs();
    expect(await rig.until(() => (rig.peek('east', CM, 'cfg', 'app')?.data as Record<string, string> | undefined)?.a === '1', 10 * 60_000)).toBe(true);
    expect(rig.time.nowMs() - healedAt).toBeLessThanOrEqual(61_000);
  });

  it('keeps a deleted work Terminating while its cluster is unreachable, and cleans up after heal', async () => {
    const rig = await ocmRig();
    await appliedWork(rig, 'east', work('w1', 'east', [rig.nsObject('app'), configMap('cfg', { a: '1' })]));
    rig.network.cut('east', 'hub');
    await rig.hubClient.delete(ManifestWorkKind, { namespace: 'east', name: 'w1' });
    await rig.runFor(10 * 60_000);
    expect(rig.peek<ManifestWork>('hub', ManifestWorkKind, 'w1', 'east')?.metadata.deletionTimestamp).toBeDefined();
    expect(rig.peek('east', CM, 'cfg', 'app')).toBeDefined();
    rig.network.heal('east', 'hub');
    expect(await rig.until(() => rig.peek('hub', ManifestWorkKind, 'w1', 'east') === undefined, 60_000)).toBe(true);
    expect(rig.peek('east', CM, 'cfg', 'app')).toBeUndefined();
  });

  it('does not report status while the link is cut, so the hub sees the old status', async () => {
    const rig = await ocmRig();
    await appliedWork(rig, 'east', work('w1', 'east', [rig.nsObject('app'), configMap('cfg', { a: '1' })]));
    rig.network.cut('east', 'hub', true); // hub -> east still works, east -> hub does not
    const mw = await rig.hubClient.get<ManifestWork>(ManifestWorkKind, { namespace: 'east', name: 'w1' });
    await rig.hubClient.update({ ...mw, spec: { workload: { manifests: [rig.nsObject('app'), configMap('cfg', { a: '2' })] } } });
    await rig.runFor(3 * 60_000);
    expect(cond(rig, 'east', 'w1', 'Applied')?.observedGeneration).toBe(1);
    expect(rig.peek('east', CM, 'cfg', 'app')?.data).toEqual({ a: '1' });
  });

  it('evicts what a vanished work applied only after the grace period, unless the work comes back', async () => {
    const rig = await ocmRig({ evictionGracePeriodMs: 10 * 60_000 });
    await appliedWork(rig, 'east', work('w1', 'east', [rig.nsObject('app'), configMap('cfg', { a: '1' })]));
    await appliedWork(rig, 'east', work('w2', 'east', [rig.nsObject('app'), configMap('other', { a: '1' })]));
    // The hub loses its ManifestWorks without any cleanup, as a hub restored from backup does.
    const kept = rig.hub.dump().filter((o) => o.kind !== 'ManifestWork');
    rig.hub.wipe();
    rig.hub.restore(kept);
    await rig.runFor(5 * 60_000);
    expect(rig.peek('east', CM, 'cfg', 'app')).toBeDefined();
    expect(rig.peek<AppliedManifestWork>('east', AppliedManifestWorkKind, 'hub-w1')?.status?.evictionStartTime).toBeDefined();
    // w2 is recreated within the grace period and adopted; w1 is not.
    await appliedWork(rig, 'east', work('w2', 'east', [rig.nsObject('app'), configMap('other', { a: '1' })]));
    expect(await rig.until(() => rig.peek('east', CM, 'cfg', 'app') === undefined, 10 * 60_000)).toBe(true);
    await rig.runFor(11 * 60_000);
    expect(rig.peek('east', CM, 'other', 'app')).toBeDefined();
    expect(rig.peek<AppliedManifestWork>('east', AppliedManifestWorkKind, 'hub-w2')?.status?.evictionStartTime).toBeUndefined();
  });
});
