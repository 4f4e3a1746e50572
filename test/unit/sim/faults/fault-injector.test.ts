// Goal: each fault acts on the world as the real disaster would, and its heal undoes exactly that.
// Method: a configured world with one protected app; inject each fault and observe servers, actors,
// network, S3 and storage directly.
import { beforeAll, describe, expect, it } from 'vitest';
import { isApiError } from '../../../../engine/runtime/errors.js';
import { buildEnvironment } from '../../../../sim/world/build-environment.js';
import type { BuiltEnvironment } from '../../../../sim/world/build-environment.js';
import type { WorldDecl } from '../../../../sim/world/world-decl.js';

const DECL: WorldDecl = {
  clusters: [
    { name: 'dr1', region: 'east' },
    { name: 'dr2', region: 'west' },
  ],
  storage: 'regional',
  schedulingInterval: '5m',
  s3: 'per-cluster',
  ramen: 'configured',
  apps: [{ name: 'busybox', namespace: 'busybox', pvcs: [{ name: 'data', size: '1Gi' }], writesPerMinute: 60, dataPath: 'volrep', kubeObjectProtection: false, protection: 'drpc', cluster: 'dr1' }],
};

async function protectedWorld(): Promise<BuiltEnvironment> {
  const env = await buildEnvironment({ seed: 3, decl: DECL });
  await env.world.runFor(10 * 60_000);
  return env;
}

async function unavailable(p: Promise<unknown>): Promise<boolean> {
  try {
    await p;
    return false;
  } catch (err) {
    return isApiError(err, 'Unavailable');
  }
}

describe('fault injector', () => {
  let env: BuiltEnvironment;
  beforeAll(async () => {
    env = await protectedWorld();
  });

  it('clusterDown stops the cluster (API, processes, links) but keeps its data; clusterUp brings all back', async () => {
    const pvcsBefore = env.world.peekAll('dr1', 'v1', 'PersistentVolumeClaim', 'busybox').length;
    const acked = env.ledger.ackedCount('busybox/busybox');
    await env.faults.inject({ type: 'clusterDown', cluster: 'dr1' });
    expect(await unavailable(env.world.client('dr1', 'test').list({ apiVersion: 'v1', kind: 'Namespace' }))).toBe(true);
    expect(env.world.actors.onNode('dr1').every((a) => !a.manager.isRunning)).toBe(true);
    expect(env.world.network.canReach('hub', 'dr1')).toBe(false);
    await env.world.runFor(5 * 60_000);
    // No process runs there, so the app acknowledges no write while the cluster is down.
    expect(env.ledger.ackedCount('busybox/busybox')).toBe(acked);
    await env.faults.inject({ type: 'clusterUp', cluster: 'dr1' });
    expect(env.world.peekAll('dr1', 'v1', 'PersistentVolumeClaim', 'busybox').length).toBe(pvcsBefore);
    expect(env.world.actors.onNode('dr1').every((a) => a.manager.isRunning)).toBe(true);
    await env.world.runFor(2 * 60_000);
    expect(env.ledger.ackedCount('busybox/busybox')).toBeGreaterThan(acked);
  });

  it('partition cuts only the named link, one way when asked; heal restores it', async () => {
    await env.faults.inject({ type: 'partition', from: 'hub', to: 'dr2', oneWay: true });
    expect(env.world.network.canReach('hub', 'dr2')).toBe(false);
    expect(env.world.network.canReach('dr2', 'hub')).toBe(true);
    expect(env.world.network.canReach('hub', 'dr1')).toBe(true);
    expect(env.faults.activeFaults().map((f) => f.type)).toContain('partition');
    await env.faults.inject({ type: 'heal', from: 'hub', to: 'dr2' });
    expect(env.world.network.canTalk('hub', 'dr2')).toBe(true);
    expect(env.faults.activeFaults()).toEqual([]);
  });

  it('s3Outage takes one endpoint down and s3Restore brings it back', async () => {
    await env.faults.inject({ type: 's3Outage', endpoint: 'minio-dr1' });
    const ep = [...env.world.s3.values()].find((e) => e.url.includes('minio-dr1'))!;
    expect(ep.up).toBe(false);
    expect([...env.world.s3.values()].filter((e) => !e.up).length).toBe(1);
    await env.faults.inject({ type: 's3Restore', endpoint: 'minio-dr1' });
    expect(ep.up).toBe(true);
  });

  it('replicationStall freezes mirroring from a cluster; resume lets it catch up', async () => {
    const synced = () => env.world.trace.all().filter((e) => e.type === 'storage.mirror.synced').length;
    await env.faults.inject({ type: 'replicationStall', cluster: 'dr1' });
    const before = synced();
    await env.world.runFor(20 * 60_000);
    expect(synced()).toBe(before);
    await env.faults.inject({ type: 'replicationResume', cluster: 'dr1' });
    await env.world.runFor(10 * 60_000);
    expect(synced()).toBeGreaterThan(before);
  });

  it('controllerCrash stops only the operator, for the given time', async () => {
    await env.faults.inject({ type: 'controllerCrash', operator: 'dr1', downForMs: 60_000 });
    const op = env.world.actors.find('dr1', 'ramen-dr-cluster-operator')!;
    expect(op.manager.isRunning).toBe(false);
    expect(env.world.actors.find('dr1', 'csi-storage')!.manager.isRunning).toBe(true);
    await env.world.runFor(61_000);
    expect(op.manager.isRunning).toBe(true);
  });

  it('clockSkew shifts one cluster clock only', async () => {
    await env.faults.inject({ type: 'clockSkew', cluster: 'dr2', offsetMs: 90_000 });
    expect(env.world.clockOf('dr2').nowMs() - env.world.time.nowMs()).toBe(90_000);
    expect(env.world.clockOf('dr1').nowMs()).toBe(env.world.time.nowMs());
    await env.faults.inject({ type: 'clockSkew', cluster: 'dr2', offsetMs: 0 });
  });
});

describe('destructive faults', () => {
  it('clusterDestroy loses the cluster objects and volumes; clusterUp brings back an empty, bootstrapped cluster', async () => {
    const env = await protectedWorld();
    await env.faults.inject({ type: 'clusterDestroy', cluster: 'dr1' });
    expect(env.world.peekAll('dr1', 'v1', 'PersistentVolumeClaim', 'busybox')).toEqual([]);
    await env.faults.inject({ type: 'clusterUp', cluster: 'dr1' });
    expect(env.world.peek('dr1', 'storage.k8s.io/v1', 'StorageClass', 'rook-ceph-block')).toBeDefined();
    expect(env.world.peek('dr1', 'ramendr.openshift.io/v1alpha1', 'VolumeReplicationGroup', 'busybox', 'busybox')).toBeUndefined();
  });

  it('hubRestore brings back backed-up objects without status, and loses ManifestWorks', async () => {
    const env = await protectedWorld();
    expect(env.world.peekAll('hub', 'work.open-cluster-management.io/v1', 'ManifestWork', 'dr1').length).toBeGreaterThan(0);
    await env.faults.inject({ type: 'hubRestore' });
    const drpc = env.world.peek('hub', 'ramendr.openshift.io/v1alpha1', 'DRPlacementControl', 'busybox', 'busybox');
    expect(drpc).toBeDefined();
    expect(drpc!.status).toBeUndefined();
    expect(env.world.peekAll('hub', 'work.open-cluster-management.io/v1', 'ManifestWork', 'dr1').filter((mw) => mw.metadata.name.includes('vrg'))).toEqual([]);
  });

  it('hubDown stops the hub and its processes; the app keeps running on its cluster', async () => {
    const env = await protectedWorld();
    await env.faults.inject({ type: 'hubDown' });
    expect(env.world.actors.onNode('hub').every((a) => !a.manager.isRunning)).toBe(true);
    await env.world.runFor(5 * 60_000);
    expect(env.appRunningOn('busybox')).toEqual(['dr1']);
    await env.faults.inject({ type: 'hubUp' });
    expect(env.world.actors.onNode('hub').every((a) => a.manager.isRunning)).toBe(true);
  });
});
