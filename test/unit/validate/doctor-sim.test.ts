// Goal: `drsim doctor` on the simulator passes a correctly configured environment, and when one
// prerequisite is broken (secret deleted, wrong ConfigMap name, S3 outage, storageid label removed,
// ...) reports exactly that check first, with its fix, and never prints a secret value.

import { describe, expect, it } from 'vitest';
import type { KindRef } from '../../../engine/api/meta.js';
import { ApiError } from '../../../engine/runtime/errors.js';
import type { ListPage, ObjectStore, ObjectStoreFactory } from '../../../engine/runtime/object-store.js';
import { S3_SECRET_KEY } from '../../../sim/world/bootstrap-manifests.js';
import { buildEnvironment, type BuiltEnvironment } from '../../../sim/world/build-environment.js';
import { defaultDoctorWorld } from '../../../cli/commands/doctor.js';
import type { Check, ClusterReader, DoctorTarget } from '../../../validate/doctor/doctor-types.js';
import { runDoctor } from '../../../validate/doctor/run-doctor.js';
import { findBreakage, SIM_BREAKAGES } from '../../../validate/doctor/sim-breakages.js';
import { runDoctorOnSim, simDoctorTarget } from '../../../validate/doctor/sim-target.js';

async function configured(storage: 'regional' | 'metro' = 'regional'): Promise<BuiltEnvironment> {
  const env = await buildEnvironment({ seed: 7, decl: defaultDoctorWorld(storage) });
  await env.world.runFor(120_000);
  return env;
}

/** Runs the doctor while virtual time advances, on any target built over the environment. */
async function doctorOn(env: BuiltEnvironment, target: DoctorTarget): Promise<Check[]> {
  let done = false;
  const p = runDoctor(target).finally(() => (done = true));
  await env.world.runUntil(() => done, 600_000);
  return p;
}

const notOk = (checks: Check[]): Check[] => checks.filter((c) => c.status !== 'ok');

interface Expectation {
  breakage: string;
  id: string;
  status: 'fail' | 'warn';
  detail?: string;
  fix: string;
  /** Virtual time to run after breaking, for what the operators must react to first. */
  settleMs?: number;
}

const EXPECTED: Expectation[] = [
  { breakage: 'missing-hub-config', id: 'hub-config', status: 'fail', detail: 'does not exist', fix: 'top-level s3StoreProfiles' },
  { breakage: 'wrong-configmap-name', id: 'hub-config', status: 'fail', detail: 'ramen-dr-cluster-config, which the hub operator never reads', fix: 'create ConfigMap ramen-hub-operator-config' },
  { breakage: 'nested-s3-profiles', id: 'hub-config', status: 'fail', detail: 'drClusterOperator.s3StoreProfiles', fix: 'move the s3StoreProfiles list to the top level' },
  { breakage: 's3-map-not-list', id: 'hub-config', status: 'fail', detail: 'cannot unmarshal object', fix: 'must be a list' },
  { breakage: 'delete-s3-secret', id: 's3-secret.minio-on-dr1', status: 'fail', detail: 'does not exist on the hub', fix: 'kubectl create secret generic ramen-s3-secret-dr1 -n ramen-system' },
  { breakage: 'terminating-s3-secret', id: 's3-secret.minio-on-dr1', status: 'warn', detail: 'is being deleted', fix: 'Recreate it' },
  { breakage: 's3-secret-wrong-keys', id: 's3-secret.minio-on-dr1', status: 'fail', detail: 'lacks AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY', fix: 'Ramen reads exactly AWS_ACCESS_KEY_ID' },
  { breakage: 'wrong-s3-credentials', id: 's3-endpoint.minio-on-dr1', status: 'fail', detail: 'AccessDenied', fix: 'refuses the credentials' },
  { breakage: 's3-outage', id: 's3-endpoint.minio-on-dr1', status: 'fail', detail: 'connection refused', fix: 'reachable from the hub and from every DR cluster' },
  { breakage: 's3-partition', id: 's3-endpoint.minio-on-dr1', status: 'fail', detail: 'from dr2: Unavailable', fix: 'reachable' },
  { breakage: 'wrong-bucket', id: 's3-endpoint.minio-on-dr1', status: 'fail', detail: 'NoSuchBucket', fix: 'create bucket no-such-bucket' },
  { breakage: 'remove-storageid', id: 'storage.dr1', status: 'fail', detail: 'no StorageClass carries ramendr.openshift.io/storageid', fix: 'ramendr.openshift.io/storageid=' },
  { breakage: 'no-peer-classes', id: 'drpolicy.dr-policy-5m', status: 'fail', detail: 'no StorageClass pairs between dr1 and dr2', fix: 'VolumeReplicationClass' },
  { breakage: 'unknown-drcluster', id: 'drcluster.dr-unknown', status: 'fail', detail: 'DrClustersDeployFailed', fix: 'ManagedCluster of this name', settleMs: 60_000 },
];

describe('drsim doctor on the simulator', () => {
  it('a configured regional environment passes every check', async () => {
    const checks = await runDoctorOnSim(await configured());
    expect(notOk(checks)).toEqual([]);
    expect(checks.map((c) => c.id)).toEqual([
      'crds.hub',
      'crds.dr1',
      'crds.dr2',
      'hub-config',
      's3-secret.minio-on-dr1',
      's3-secret.minio-on-dr2',
      's3-endpoint.minio-on-dr1',
      's3-endpoint.minio-on-dr2',
      'managed-cluster.dr1',
      'managed-cluster.dr2',
      'drcluster.dr1',
      'drcluster.dr2',
      'storage.dr1',
      'storage.dr2',
      'drpolicy.dr-policy-5m',
      'dr-config.dr1',
      'dr-config.dr2',
    ]);
    expect(checks.find((c) => c.id === 'drpolicy.dr-policy-5m')?.detail).toContain('rook-ceph-block: VolRep (replicationid rook-ceph-replication-1');
  });

  it('a configured metro environment passes, its storage paired by storageid', async () => {
    const checks = await runDoctorOnSim(await configured('metro'));
    expect(notOk(checks)).toEqual([]);
    expect(checks.find((c) => c.id === 'drpolicy.dr-policy-metro')?.detail).toContain('metro (storageid rook-ceph-block-metro-1)');
  });

  it('every breakage has an expectation', () => {
    expect(SIM_BREAKAGES.map((b) => b.name).sort()).toEqual(EXPECTED.map((e) => e.breakage).sort());
  });

  for (const e of EXPECTED) {
    it(`${e.breakage}: ${e.id} is the first check that is not ok (${e.status}), with its fix`, async () => {
      const env = await configured();
      await findBreakage(e.breakage)!.apply(env);
      if (e.settleMs) await env.world.runFor(e.settleMs);
      const checks = await runDoctorOnSim(env);
      const first = notOk(checks)[0];
      expect(first?.id).toBe(e.id);
      expect(first?.status).toBe(e.status);
      if (e.detail) expect(first?.detail).toContain(e.detail);
      expect(first?.fix).toContain(e.fix);
      // Credentials are used, never shown, even where Ramen's own condition messages quote them.
      const text = JSON.stringify(checks);
      expect(text).not.toContain(S3_SECRET_KEY);
      expect(text).not.toContain('not-the-key');
      expect(text).not.toMatch(/for key minio\b/);
    });
  }

  it('a DR cluster without Ramen\'s CRDs fails its CRD check, pointing at the hub\'s ManifestWork', async () => {
    const env = await configured();
    const target = simDoctorTarget(env);
    const hideVrg = (c: ClusterReader): ClusterReader => ({
      clusterName: c.clusterName,
      get: (k, key) => c.get(k, key),
      list: (k, o) => c.list(k, o),
      serves: async (k: KindRef) => k.kind !== 'VolumeReplicationGroup' && (await c.serves(k)),
    });
    const checks = await doctorOn(env, { ...target, clusters: target.clusters.map((c) => (c.name === 'dr2' ? { name: c.name, client: hideVrg(c.client) } : c)) });
    const first = notOk(checks)[0];
    expect(first).toMatchObject({ id: 'crds.dr2', status: 'fail' });
    expect(first?.detail).toContain('VolumeReplicationGroup');
    expect(first?.fix).toContain('ramen-dr-cluster');
  });

  it('an unreachable hub API server: every hub check fails with what went wrong, and the doctor finishes', async () => {
    const env = await configured();
    const down = new ApiError('Unavailable', 'the server is currently unable to handle the request (cluster "hub" is unavailable)');
    const hub: ClusterReader = { clusterName: 'hub', get: () => Promise.reject(down), list: () => Promise.reject(down), serves: () => Promise.reject(down) };
    const checks = await doctorOn(env, { ...simDoctorTarget(env), hub });
    const crds = checks.find((c) => c.id === 'crds.hub');
    expect(crds).toMatchObject({ status: 'fail', detail: expect.stringContaining('could not check: the server is currently unable') });
    expect(checks.find((c) => c.id === 'hub-config')?.status).toBe('fail');
  });

  it('an S3 endpoint that never answers fails after the timeout instead of hanging', async () => {
    const env = await configured();
    const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
    const hanging: ObjectStore = { description: 'hang', headBucket: never, put: never, get: never, list: () => never<ListPage>(), delete: never, deleteMany: never };
    const factory: ObjectStoreFactory = { open: () => hanging };
    const checks = await doctorOn(env, { ...simDoctorTarget(env), objectStores: factory });
    const s3 = checks.find((c) => c.id === 's3-endpoint.minio-on-dr1');
    expect(s3).toMatchObject({ status: 'fail', detail: expect.stringContaining('no answer within 12000 ms') });
  });
});
