// Goal: every checker can fail. Method: for each one, a deliberately broken run (a broken-operator
// variant from scenarios/variants, or a test that writes as an operator would not) must produce a
// violation of exactly the property it breaks, with virtual times and trace events that prove it.

import { describe, expect, it } from 'vitest';
import { healAndConverge } from '../../../../scenarios/chaos/heal-and-converge.js';
import { demoteAfterPromote } from '../../../../scenarios/variants/demote-after-promote.js';
import { promoteBeforeFinalSync } from '../../../../scenarios/variants/promote-before-final-sync.js';
import { skipMetroFencing } from '../../../../scenarios/variants/skip-metro-fencing.js';
import { SimObjectStore } from '../../../../sim/s3/sim-object-store.js';
import { S3_ACCESS_KEY, S3_BUCKET, S3_SECRET_KEY, s3EndpointUrl } from '../../../../sim/world/bootstrap-manifests.js';
import type { InvariantResult } from '../../../../reports/result-types.js';
import { DRPC, MW, RAMEN, rig, smallWorld, userAction, verdictOf, waitDrpc } from './rig.js';

const VR = { apiVersion: 'replication.storage.openshift.io/v1alpha1', kind: 'VolumeReplication' };
const PD = { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'PlacementDecision' };

function expectViolation(results: InvariantResult[], name: string): void {
  const r = verdictOf(results, name);
  expect(r.verdict, `${name} should be violated`).toBe('violated');
  const v = r.violations[0]!;
  expect(v.atMs).toBeGreaterThan(0);
  expect(v.events.length).toBeGreaterThan(0);
}

async function protectedRig(decl = smallWorld(), wrap?: Parameters<typeof rig>[1]) {
  const r = await rig(decl, wrap);
  await waitDrpc(r.env, 'Deployed');
  await r.env.world.runFor(6 * 60_000);
  return r;
}

async function setVrgState(client: ReturnType<import('../../../../sim/world/world.js').World['client']>, cluster: string, state: string): Promise<void> {
  const mw = await client.get<{ apiVersion: string; kind: string; metadata: { name: string }; spec: { workload: { manifests: { spec: { replicationState: string; action?: string } }[] } } }>(MW, { namespace: cluster, name: 'app1-app1-vrg-mw' });
  mw.spec.workload.manifests[0]!.spec.replicationState = state;
  await client.update(mw);
}

describe('every checker fires on a deliberately broken run', () => {
  it('relocate-demotes-first: the relocate promotes before it demotes (variant demote-after-promote)', async () => {
    const r = await protectedRig(smallWorld(), { wrapClient: demoteAfterPromote.wrapClient() });
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr2' });
    await r.env.world.runFor(10 * 60_000);
    expectViolation(r.finish(), 'relocate-demotes-first');
  });

  it('relocate-demotes-first: the relocate promotes before the final sync (variant promote-before-final-sync)', async () => {
    const r = await protectedRig(smallWorld(), { wrapClient: promoteBeforeFinalSync.wrapClient() });
    await r.env.world.runFor(2 * 60_000);
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr2' });
    await r.env.world.runFor(20 * 60_000);
    expectViolation(r.finish(), 'relocate-demotes-first');
  });

  it('relocate-lossless: the relocate promotes a copy that lacks the old home\'s last writes', async () => {
    // Replication from the old home is stalled, so its demotion snapshot cannot ship and its VR
    // reports FailedToResync; a broken DR operator deletes that VR anyway (as Ramen would if the
    // driver reported Resyncing: finding F1), so the old home reports Secondary and DataProtected
    // with no PVC left and the hub promotes the target, by force, without the final writes.
    const r = await protectedRig();
    await r.env.world.runFor(2 * 60_000);
    await r.env.faults.inject({ type: 'replicationStall', cluster: 'dr1' });
    await r.env.world.runFor(2 * 60_000);
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr2' });
    await r.env.world.runFor(5 * 60_000);
    await r.env.world.client('dr1', 'ramen-dr-cluster-operator').delete(VR, { namespace: 'app1', name: 'data1' });
    await r.env.world.runFor(20 * 60_000);
    const results = r.finish();
    expectViolation(results, 'relocate-lossless');
    expect(verdictOf(results, 'relocate-lossless').violations[0]!.message).toMatch(/lost \d+ acknowledged write/);
  });

  it('relocate-single-writer: the old home\'s copy is forced primary again while the relocate runs', async () => {
    const r = await protectedRig();
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr2' });
    await waitDrpc(r.env, 'Relocated', 'Completed');
    await r.env.world.runFor(60_000);
    // A broken storage path promotes the old home's image with force while the relocate is current.
    const pvc = r.env.world.peek<{ apiVersion: string; kind: string; metadata: { name: string }; spec: { volumeName: string } }>('dr2', 'v1', 'PersistentVolumeClaim', 'data1', 'app1')!;
    const pv = r.env.world.peek<{ apiVersion: string; kind: string; metadata: { name: string }; spec: { csi: { volumeHandle: string } } }>('dr2', 'v1', 'PersistentVolume', pvc.spec.volumeName)!;
    r.env.storage.promote('rook-ceph-block-dr1-1', pv.spec.csi.volumeHandle, true);
    await r.env.world.runFor(10_000);
    const results = r.finish();
    expectViolation(results, 'relocate-single-writer');
    expect(verdictOf(results, 'relocate-single-writer').violations[0]!.message).toMatch(/split brain/);
  });

  it('failover-target-proven: the hub promotes a target that has no VRG yet', async () => {
    const r = await rig();
    await r.env.world.runFor(5_000);
    // Before the hub has set up the peer, the user fails over to it and a broken hub promotes it anyway.
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    const hub = r.env.world.client('hub', 'ramen-hub-operator');
    const mw = structuredClone(await hub.get<{ apiVersion: string; kind: string; metadata: Record<string, unknown> & { name: string; namespace?: string; annotations?: Record<string, string> } }>(MW, { namespace: 'dr1', name: 'app1-app1-vrg-mw' }));
    mw.metadata = { name: mw.metadata.name, namespace: 'dr2', ...(mw.metadata.annotations ? { annotations: mw.metadata.annotations } : {}) };
    delete (mw as { status?: unknown }).status;
    await hub.create(mw);
    await r.env.world.runFor(60_000);
    expectViolation(r.finish(), 'failover-target-proven');
  });

  it('metro-failover-fenced: a metro failover without fencing (variant skip-metro-fencing)', async () => {
    const r = await protectedRig(smallWorld({ storage: 'metro' }), { wrapClient: skipMetroFencing.wrapClient() });
    await r.env.faults.inject({ type: 'clusterDown', cluster: 'dr1' });
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    await r.env.world.runFor(5 * 60_000);
    expectViolation(r.finish(), 'metro-failover-fenced');
  });

  it('failover-demotes-after-decision: the old home is demoted before the decision moves', async () => {
    const r = await protectedRig();
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    await setVrgState(r.env.world.client('hub', 'ramen-hub-operator'), 'dr1', 'secondary');
    await r.env.world.runFor(60_000);
    expectViolation(r.finish(), 'failover-demotes-after-decision');
  });

  it('vrg-work-deletion: a VRG ManifestWork deleted while the DRPC is not', async () => {
    const r = await protectedRig();
    await r.env.world.client('hub', 'ramen-hub-operator').delete(MW, { namespace: 'dr2', name: 'app1-app1-vrg-mw' });
    await r.env.world.runFor(10_000);
    expectViolation(r.finish(), 'vrg-work-deletion');
  });

  it('one-active-decision: a decision status naming two clusters', async () => {
    const r = await protectedRig();
    const hub = r.env.world.client('hub', 'ramen-hub-operator');
    const pd = await hub.get<{ apiVersion: string; kind: string; metadata: { name: string }; status?: { decisions: { clusterName: string; reason: string }[] } }>(PD, { namespace: 'app1', name: 'app1-placement-decision-1' });
    pd.status = { decisions: [{ clusterName: 'dr1', reason: 'dr1' }, { clusterName: 'dr2', reason: 'dr2' }] };
    await hub.updateStatus(pd);
    await r.env.world.runFor(10_000);
    expectViolation(r.finish(), 'one-active-decision');
  });

  it('namespaces-survive: an agent deletes the app namespace', async () => {
    const r = await protectedRig();
    await r.env.world.client('dr2', 'klusterlet').delete({ apiVersion: 'v1', kind: 'Namespace' }, { name: 'app1' });
    await r.env.world.runFor(30_000);
    expectViolation(r.finish(), 'namespaces-survive');
  });

  it('vr-follows-vrg and no-demotion-in-use: the DR operator demotes a primary VRG\'s volume under a running app', async () => {
    const r = await protectedRig();
    await r.env.world.client('dr1', 'ramen-dr-cluster-operator').patch(VR, { namespace: 'app1', name: 'data1' }, { spec: { replicationState: 'secondary' } });
    await r.env.world.runFor(10_000);
    const results = r.finish();
    expectViolation(results, 'vr-follows-vrg');
    expectViolation(results, 'no-demotion-in-use');
  });

  it('upload-before-protected: ClusterDataProtected True while the PVC object is not in S3', async () => {
    const r = await protectedRig();
    const decl = r.env.world.decl;
    for (const c of ['dr1', 'dr2']) r.env.world.s3.get(s3EndpointUrl(decl, c))!.authorize({ accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY }, S3_BUCKET).delete('app1/app1/v1.PersistentVolumeClaim/app1/data1');
    // A relocate makes the new primary report ClusterDataProtected again.
    await r.env.world.client('dr1', 'ramen-dr-cluster-operator').patch({ apiVersion: RAMEN, kind: 'VolumeReplicationGroup' }, { namespace: 'app1', name: 'app1' }, { metadata: { annotations: { poke: '1' } } });
    await r.env.world.runFor(10 * 60_000);
    expectViolation(r.finish(), 'upload-before-protected');
  });

  it('s3-deletes-by-primaries: a secondary cluster deletes under the VRG prefix', async () => {
    const r = await protectedRig();
    const w = r.env.world;
    const ep = w.s3.get(s3EndpointUrl(w.decl, 'dr1'))!;
    const store = new SimObjectStore(ep, S3_BUCKET, { accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY }, w.network, 'dr2', w.trace);
    void store.deleteMany(['app1/app1/v1alpha1.VolumeReplicationGroup/a']);
    await w.runFor(10_000);
    expectViolation(r.finish(), 's3-deletes-by-primaries');
  });

  it('convergence: an app still failing over when the converge bound runs out', async () => {
    const r = await protectedRig();
    await r.env.faults.inject({ type: 'clusterDown', cluster: 'dr1' });
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    const end = await healAndConverge(r.env, r.monitor.observed, { timeoutMs: 1_000, pollMs: 1_000 });
    expectViolation(r.finish(end), 'convergence');
  });

  it('clean-disable: an object of the protection remains after the disable', async () => {
    const r = await protectedRig();
    const w = r.env.world;
    await w.client('hub', 'user').delete(DRPC, { namespace: 'app1', name: 'app1' });
    await w.runFor(2 * 60_000);
    w.s3.get(s3EndpointUrl(w.decl, 'dr2'))!.authorize({ accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY }, S3_BUCKET).set('app1/app1/v1alpha1.VolumeReplicationGroup/a', new Uint8Array([1]));
    await w.runFor(12 * 60_000);
    expectViolation(r.finish(), 'clean-disable');
  });
});
