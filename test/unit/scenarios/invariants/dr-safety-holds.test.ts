// Goal: the DR-cluster safety checkers added for dr §15 (3, 4, 6-8, 10-20) and the
// kube-object restore check hold where Ramen behaves, on runs that give each of them something to
// judge: a restore of PVs and of a capture, a VolSync final sync, a dry run, a disable. Method: run
// those worlds with every checker attached, show that the judged situation happened, and require
// each new checker's verdict to be "held". Also: upload-before-protected excuses objects another
// cluster deleted (the spec's out-of-band exception), in the run a chaos campaign found.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import type { VolumeReplicationGroup } from '../../../../engine/api/ramen/vrg.js';
import type { InvariantResult } from '../../../../reports/result-types.js';
import { parseScenario } from '../../../../scenarios/format/parse-scenario.js';
import { runScenarioChecked } from '../../../../scenarios/runner/run-result.js';
import { encodeObject } from '../../../../engine/dr/vrg/s3-layout.js';
import { S3_ACCESS_KEY, S3_BUCKET, S3_SECRET_KEY, s3EndpointUrl } from '../../../../sim/world/bootstrap-manifests.js';
import { DRPC, RAMEN, rig, smallWorld, userAction, verdictOf, waitDrpc } from './rig.js';

const NEW_DR_CHECKERS = [
  'finalizer-outlives-vr',
  'retain-while-protected',
  'cluster-data-before-app',
  'no-clobbering',
  'referenced-capture-survives',
  'no-restore-during-final-sync',
  'rs-rd-exclusive',
  'deletion-completeness',
  'dry-run-no-upload',
  'secondary-state-honesty',
  'status-generation-honesty',
  'kube-objects-restored',
  'split-brain-guard',
  'final-sync-integrity',
  'volsync-restore-latest-image',
  'ownership-exclusive',
  'vrg-object-complete-capture',
];

function expectAllHeld(results: InvariantResult[]): void {
  expect(NEW_DR_CHECKERS.map((n) => `${n}: ${verdictOf(results, n).verdict} ${verdictOf(results, n).violations[0]?.message ?? ''}`.trim())).toEqual(NEW_DR_CHECKERS.map((n) => `${n}: held`));
}

describe('the DR-cluster safety checkers hold where Ramen behaves', () => {
  it('a failover that restores PVs and a hand-made ConfigMap from the capture, then a relocate home', async () => {
    const file = 'scenarios/library/kube-objects-restored-on-failover.yaml';
    const { result, env } = await runScenarioChecked(parseScenario(readFileSync(file, 'utf8'), file), { converge: true });
    expect(result.steps?.every((s) => s.ok)).toBe(true);
    const trace = env.world.trace.all();
    // What the checkers judged: PVs restored on the failover target and a completed Velero restore there.
    expect(trace.some((e) => e.type === 'dr.vrg.restore' && e.cluster === 'dr2' && Number(e.volrep) > 0)).toBe(true);
    expect(trace.some((e) => e.type === 'velero.restore' && e.cluster === 'dr2' && e.phase === 'Completed')).toBe(true);
    expectAllHeld(result.invariants);
  });

  it('a VolSync app relocated (final sync), failed over back, then disabled', async () => {
    const app = { ...smallWorld().apps[0]!, dataPath: 'volsync' as const };
    const r = await rig(smallWorld({ apps: [app] }));
    let finalSyncClaimed = false;
    r.env.world.trace.subscribe((e) => {
      if (e.type === 'api.write' && e.kind === 'VolumeReplicationGroup' && e.verb === 'status' && e.cluster === 'dr1') {
        queueMicrotask(() => (finalSyncClaimed ||= r.env.world.peek<VolumeReplicationGroup>('dr1', RAMEN, 'VolumeReplicationGroup', 'app1', 'app1')?.status?.finalSyncComplete === true));
      }
    });
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.runFor(12 * 60_000);
    await userAction(r.env, { action: 'Relocate', preferredCluster: 'dr2' });
    await waitDrpc(r.env, 'Relocated');
    await r.env.world.runFor(12 * 60_000);
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr1' });
    await waitDrpc(r.env, 'FailedOver');
    await r.env.world.runFor(12 * 60_000);
    expect(finalSyncClaimed).toBe(true);
    await r.env.world.client('hub', 'user').delete(DRPC, { namespace: 'app1', name: 'app1' });
    await r.env.world.runFor(15 * 60_000);
    const trace = r.env.world.trace.all();
    expect(trace.some((e) => e.type === 'api.write' && e.kind === 'ReplicationSource' && e.verb === 'create')).toBe(true);
    expect(trace.some((e) => e.type === 'api.write' && e.kind === 'ReplicationDestination' && e.verb === 'create')).toBe(true);
    expect(r.env.world.peek('dr1', RAMEN, 'VolumeReplicationGroup', 'app1', 'app1')).toBeUndefined();
    expectAllHeld(r.finish());
  });

  it('a VolSync failover with the Snapshot copy method, which restores the PVC from the latest image', async () => {
    const app = { ...smallWorld().apps[0]!, dataPath: 'volsync' as const };
    const r = await rig(smallWorld({ apps: [app] }));
    // The hub hands its RamenConfig to the DR clusters; Ramen's own default copy method is Snapshot.
    const hub = r.env.world.client('hub', 'user');
    const cm = await hub.get<KubeObject & { data: Record<string, string> }>({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'ramen-system', name: 'ramen-hub-operator-config' });
    cm.data['ramen_manager_config.yaml'] = cm.data['ramen_manager_config.yaml']!.replace('destinationCopyMethod: Direct', 'destinationCopyMethod: Snapshot');
    await hub.update(cm);
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.runFor(12 * 60_000);
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    await waitDrpc(r.env, 'FailedOver', 'SettingUpVolSyncDest');
    await r.env.world.runFor(2 * 60_000);
    const pvc = r.env.world.peek<KubeObject & { spec: { dataSource?: { kind: string } } }>('dr2', 'v1', 'PersistentVolumeClaim', 'data1', 'app1');
    expect(pvc?.spec.dataSource?.kind).toBe('VolumeSnapshot');
    expectAllHeld(r.finish());
  });

  it('a dry-run failover, ended, then a VolRep disable', async () => {
    const r = await rig(smallWorld());
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.runFor(6 * 60_000);
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2', dryRun: true });
    const promoted = await r.env.world.runUntil(() => {
      const vrg = r.env.world.peek<VolumeReplicationGroup>('dr2', RAMEN, 'VolumeReplicationGroup', 'app1', 'app1');
      return vrg?.spec.dryRun === true && vrg.status?.state === 'Primary';
    }, 20 * 60_000);
    expect(promoted).toBe(true);
    await r.env.world.runFor(10 * 60_000);
    await userAction(r.env, { action: null, failoverCluster: null, dryRun: false });
    await r.env.world.runFor(10 * 60_000);
    await r.env.world.client('hub', 'user').delete(DRPC, { namespace: 'app1', name: 'app1' });
    await r.env.world.runFor(15 * 60_000);
    expect(r.env.world.peek('dr1', RAMEN, 'VolumeReplicationGroup', 'app1', 'app1')).toBeUndefined();
    expectAllHeld(r.finish());
  });
});

describe('the split-brain guard holds where S3 names one PVC twice', () => {
  it('a failover whose every S3 copy holds two PVs for one claim restores nothing', async () => {
    const r = await rig(smallWorld());
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.runFor(6 * 60_000);
    const w = r.env.world;
    const pvc = w.peek<KubeObject & { spec: { volumeName: string } }>('dr1', 'v1', 'PersistentVolumeClaim', 'data1', 'app1')!;
    const pv = w.peek<KubeObject>('dr1', 'v1', 'PersistentVolume', pvc.spec.volumeName)!;
    const twin = { ...structuredClone(pv), metadata: { name: `${pv.metadata.name}-twin` } };
    for (const c of ['dr1', 'dr2']) w.s3.get(s3EndpointUrl(w.decl, c))!.authorize({ accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY }, S3_BUCKET).set(`app1/app1/v1.PersistentVolume/${twin.metadata.name}`, encodeObject(twin));
    await r.env.faults.inject({ type: 'clusterDown', cluster: 'dr1' });
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    await w.runFor(10 * 60_000);
    expect(w.trace.all().some((e) => e.type === 'dr.vrg.restore' && e.cluster === 'dr2' && Number(e.volrep) > 0)).toBe(false);
    expect(verdictOf(r.finish(), 'split-brain-guard').verdict).toBe('held');
  });
});

describe('upload-before-protected holds when another cluster deleted the objects (out-of-band, dr §15.5)', () => {
  it('a failover under a partition, then a disable: the new primary empties the prefix the cut-off old primary still claims', async () => {
    const r = await rig(smallWorld());
    const w = r.env.world;
    // Each primary status dr1 writes with ClusterDataProtected True while no bucket holds its PV object.
    let claimedWithoutObjects = 0;
    w.trace.subscribe((e) => {
      if (e.type !== 'api.write' || e.kind !== 'VolumeReplicationGroup' || e.verb !== 'status' || e.cluster !== 'dr1') return;
      queueMicrotask(() => {
        const vrg = w.peek<VolumeReplicationGroup>('dr1', RAMEN, 'VolumeReplicationGroup', 'app1', 'app1');
        const cdp = vrg?.status?.conditions?.find((c) => c.type === 'ClusterDataProtected');
        if (vrg?.spec.replicationState !== 'primary' || cdp?.status !== 'True') return;
        const pvKeys = ['dr1', 'dr2'].flatMap((c) => w.s3.get(s3EndpointUrl(w.decl, c))!.keys(S3_BUCKET, 'app1/app1/v1.PersistentVolume/'));
        if (pvKeys.length === 0) claimedWithoutObjects++;
      });
    });
    await waitDrpc(r.env, 'Deployed');
    await w.runFor(3 * 60_000);
    await r.env.faults.inject({ type: 'partition', from: 'dr1', to: 'hub', oneWay: false });
    await w.runFor(6 * 60_000);
    await userAction(r.env, { action: 'Failover', failoverCluster: 'dr2' });
    await w.runFor(5 * 60_000);
    await w.client('hub', 'user').delete(DRPC, { namespace: 'app1', name: 'app1' });
    await w.runFor(5 * 60_000);
    await r.env.faults.inject({ type: 'heal', from: 'dr1', to: 'hub' });
    await w.runFor(10 * 60_000);
    const deletedByDr2 = w.trace.all().some((e) => (e.type === 's3.delete' || e.type === 's3.deleteMany') && e.caller === 'dr2' && String(e.key).includes('app1/app1/v1.PersistentVolume/'));
    expect(deletedByDr2).toBe(true);
    expect(claimedWithoutObjects).toBeGreaterThan(0);
    expect(verdictOf(r.finish(), 'upload-before-protected').verdict).toBe('held');
  });
});
