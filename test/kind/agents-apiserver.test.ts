// Goal: Ramen's hub and DR-cluster operators, with drsim's OCM, storage, workload, VolSync and Velero
// agents, run in real time over real kube-apiservers and MinIO (the `apiserver` backend) and protect
// an application, then fail it over with the primary down: DRClusters and the DRPolicy validate, the
// DRPC reaches Deployed with Protected True, the VRG is Primary on dr1 and its cluster data is in the
// real S3 bucket; with dr1's API server stopped and its links cut, the DRPC fails over to dr2, and
// once dr1 returns its VRG is demoted and the failover completes. Skipped, with one visible line,
// when the binaries are not built.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/meta.js';
import { listAll } from '../../engine/runtime/object-store.js';
import { startRealWorld } from '../../kind/agents/real-world.js';
import { REPO_ROOT, missingMessage } from '../../kind/control-plane/binaries.js';
import { startEnvironment } from '../../kind/control-plane/environment.js';
import { S3ObjectStore } from '../../kind/s3/s3-object-store.js';
import { S3_ACCESS_KEY, S3_SECRET_KEY } from '../../sim/world/bootstrap-manifests.js';
import type { WorldDecl } from '../../sim/world/world-decl.js';

const reason = missingMessage();
if (reason) process.stderr.write(`SKIPPED operators over real API servers: ${reason}\n`);

const RAMEN = 'ramendr.openshift.io/v1alpha1';
const decl: WorldDecl = {
  clusters: [
    { name: 'dr1', region: 'east' },
    { name: 'dr2', region: 'west' },
  ],
  storage: 'regional',
  schedulingInterval: '1m',
  s3: 'shared',
  ramen: 'configured',
  apps: [{ name: 'busybox', namespace: 'busybox', pvcs: [{ name: 'data', size: '1Gi' }], writesPerMinute: 60, dataPath: 'volrep', kubeObjectProtection: false, protection: 'drpc', cluster: 'dr1' }],
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function conditionOf(obj: KubeObject | undefined, type: string): string | undefined {
  return ((obj?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).find((c) => c.type === type)?.status;
}

describe.skipIf(reason !== undefined)('operators over the apiserver backend (real time)', () => {
  it('validates the DR setup, protects an application and fails it over with the primary down', async () => {
    const base = join(REPO_ROOT, '.cache', 'apiserver');
    mkdirSync(base, { recursive: true });
    const root = mkdtempSync(join(base, 'agents-'));
    const creds = { accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY };
    const env = await startEnvironment({ root, minioCredentials: creds });
    const world = await startRealWorld({ env, decl, traceFile: join(root, 'trace.ndjson') });
    const s3 = new S3ObjectStore({ endpoint: env.minio!.state.endpoint, region: 'us-east-1', bucket: 'bucket', credentials: creds });
    try {
      const hub = world.admin('hub');
      const dr1 = world.admin('dr1');
      const began = Date.now();
      let drpc: KubeObject | undefined;
      let validated = false;
      while (Date.now() - began < 240_000) {
        const clusters = (await hub.list({ apiVersion: RAMEN, kind: 'DRCluster' })).items;
        const policy = await hub.get({ apiVersion: RAMEN, kind: 'DRPolicy' }, { name: 'dr-policy-1m' });
        validated ||= clusters.length === 2 && clusters.every((c) => conditionOf(c, 'Validated') === 'True') && conditionOf(policy, 'Validated') === 'True';
        drpc = await hub.get({ apiVersion: RAMEN, kind: 'DRPlacementControl' }, { namespace: 'busybox', name: 'busybox' });
        if (validated && conditionOf(drpc, 'Protected') === 'True') break;
        await sleep(2000);
      }
      process.stderr.write(`operators over real API servers: protected in ${Math.round((Date.now() - began) / 1000)} s\n`);
      expect(validated).toBe(true);
      expect((drpc?.status as { phase?: string } | undefined)?.phase).toBe('Deployed');
      expect(conditionOf(drpc, 'Protected')).toBe('True');
      const vrg = await dr1.get({ apiVersion: RAMEN, kind: 'VolumeReplicationGroup' }, { namespace: 'busybox', name: 'busybox' });
      expect([(vrg.spec as { replicationState?: string }).replicationState, (vrg.status as { state?: string }).state]).toEqual(['primary', 'Primary']);
      const keys = await listAll(s3, 'busybox/busybox/');
      expect(keys.some((k) => k.startsWith('busybox/busybox/v1.PersistentVolumeClaim/'))).toBe(true);
      expect(keys.some((k) => k.startsWith('busybox/busybox/v1alpha1.VolumeReplicationGroup/'))).toBe(true);

      // Failover with the primary down: dr1's API server stops and its links are cut, as the
      // simulator's clusterDown fault; the user fails over to dr2.
      await env.clusters.get('dr1')!.stopApiServer();
      world.network.setUp('dr1', false);
      await hub.patch({ apiVersion: RAMEN, kind: 'DRPlacementControl' }, { namespace: 'busybox', name: 'busybox' }, { spec: { action: 'Failover', failoverCluster: 'dr2' } });
      const failoverBegan = Date.now();
      const dr2 = world.admin('dr2');
      const phase = (): string | undefined => (drpc?.status as { phase?: string } | undefined)?.phase;
      while (Date.now() - failoverBegan < 180_000) {
        drpc = await hub.get({ apiVersion: RAMEN, kind: 'DRPlacementControl' }, { namespace: 'busybox', name: 'busybox' });
        if (phase() === 'FailedOver') break;
        await sleep(2000);
      }
      process.stderr.write(`operators over real API servers: failed over in ${Math.round((Date.now() - failoverBegan) / 1000)} s\n`);
      expect(phase()).toBe('FailedOver');
      const vrg2 = await dr2.get({ apiVersion: RAMEN, kind: 'VolumeReplicationGroup' }, { namespace: 'busybox', name: 'busybox' });
      expect([(vrg2.spec as { replicationState?: string }).replicationState, (vrg2.status as { state?: string }).state]).toEqual(['primary', 'Primary']);

      // dr1 comes back: its VRG is demoted and the DRPC completes the failover.
      await env.clusters.get('dr1')!.restartApiServer();
      world.network.setUp('dr1', true);
      const recoveryBegan = Date.now();
      let vrg1: KubeObject | undefined;
      while (Date.now() - recoveryBegan < 240_000) {
        drpc = await hub.get({ apiVersion: RAMEN, kind: 'DRPlacementControl' }, { namespace: 'busybox', name: 'busybox' });
        vrg1 = await dr1.get({ apiVersion: RAMEN, kind: 'VolumeReplicationGroup' }, { namespace: 'busybox', name: 'busybox' }).catch(() => undefined);
        if ((drpc.status as { progression?: string }).progression === 'Completed' && (vrg1?.spec as { replicationState?: string } | undefined)?.replicationState === 'secondary') break;
        await sleep(2000);
      }
      process.stderr.write(`operators over real API servers: old primary cleaned up in ${Math.round((Date.now() - recoveryBegan) / 1000)} s\n`);
      expect((drpc?.status as { progression?: string }).progression).toBe('Completed');
      expect((vrg1?.spec as { replicationState?: string } | undefined)?.replicationState).toBe('secondary');
      expect(world.trace.ofType('agent.error')).toEqual([]);
    } finally {
      s3.destroy();
      world.stop();
      await env.stop();
      rmSync(root, { recursive: true, force: true });
    }
  }, 900_000);
});
