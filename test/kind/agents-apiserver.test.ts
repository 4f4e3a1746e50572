// Goal: Ramen's hub and DR-cluster operators, with drsim's OCM, storage, workload, VolSync and Velero
// agents, run in real time over real kube-apiservers and MinIO (the `apiserver` backend): they
// validate the DR setup, protect an application, fail it over with the primary down, complete the
// failover once it returns, and relocate it home; and the simulator, given the same world and the
// same steps, ends in the same states field by field (DRPC phase and progression, where the
// placement runs the app, VRG states, S3 keys).
// Skipped, with one visible line, when the binaries are not built.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/meta.js';
import { listAll } from '../../engine/runtime/object-store.js';
import { startRealWorld } from '../../kind/agents/real-world.js';
import { REPO_ROOT, missingMessage } from '../../kind/control-plane/binaries.js';
import { startEnvironment } from '../../kind/control-plane/environment.js';
import { S3ObjectStore } from '../../kind/s3/s3-object-store.js';
import { S3_ACCESS_KEY, S3_BUCKET, S3_SECRET_KEY, s3EndpointUrl } from '../../sim/world/bootstrap-manifests.js';
import { buildEnvironment } from '../../sim/world/build-environment.js';
import { HUB } from '../../sim/world/world.js';
import type { WorldDecl } from '../../sim/world/world-decl.js';

const reason = missingMessage();
if (reason) process.stderr.write(`SKIPPED operators over real API servers: ${reason}\n`);

const RAMEN = 'ramendr.openshift.io/v1alpha1';
const DRPC = { apiVersion: RAMEN, kind: 'DRPlacementControl' };
const DECISION = { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'PlacementDecision' };
const VRG = { apiVersion: RAMEN, kind: 'VolumeReplicationGroup' };
const APP = { namespace: 'busybox', name: 'busybox' };
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

/** What the two backends must agree on at the end. */
interface EndState {
  phase: string | undefined;
  progression: string | undefined;
  /** Where the placement runs the application: the clusters of its PlacementDecisions. */
  placedOn: string[];
  vrgs: Record<string, string>;
  s3Keys: string[];
}

interface DrpcStatus {
  phase?: string;
  progression?: string;
  conditions?: { type: string; status: string }[];
}

const statusOf = (drpc: KubeObject | undefined): DrpcStatus => (drpc?.status ?? {}) as DrpcStatus;
const conditionOf = (obj: KubeObject | undefined, type: string): string | undefined =>
  ((obj?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).find((c) => c.type === type)?.status;
const vrgState = (vrg: KubeObject | undefined): string =>
  vrg ? `${(vrg.spec as { replicationState?: string }).replicationState}/${(vrg.status as { state?: string } | undefined)?.state}` : 'none';
/** PV names carry the server's uid; everything else in a key is the same on both backends. */
const normalizeKeys = (keys: string[]): string[] => keys.map((k) => k.replace(/\/pvc-[0-9a-f-]+$/, '/pvc-<uid>')).sort();

function placedOn(decisions: readonly KubeObject[]): string[] {
  return decisions.flatMap((d) => ((d.status as { decisions?: { clusterName: string }[] } | undefined)?.decisions ?? []).map((x) => x.clusterName)).sort();
}

function endState(drpc: KubeObject | undefined, decisions: readonly KubeObject[], vrgs: Record<string, KubeObject | undefined>, keys: string[]): EndState {
  const s = statusOf(drpc);
  return {
    phase: s.phase,
    progression: s.progression,
    placedOn: placedOn(decisions),
    vrgs: Object.fromEntries(Object.entries(vrgs).map(([c, v]) => [c, vrgState(v)])),
    s3Keys: normalizeKeys(keys),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const isProtected = (drpc: KubeObject | undefined): boolean => conditionOf(drpc, 'Protected') === 'True';
const isFailedOver = (drpc: KubeObject | undefined): boolean => statusOf(drpc).phase === 'FailedOver';
const isRelocated = (drpc: KubeObject | undefined): boolean => statusOf(drpc).phase === 'Relocated' && statusOf(drpc).progression === 'Completed';
const isCompleted = (drpc: KubeObject | undefined, oldPrimary: KubeObject | undefined): boolean =>
  isFailedOver(drpc) && statusOf(drpc).progression === 'Completed' && (oldPrimary?.spec as { replicationState?: string } | undefined)?.replicationState === 'secondary';

/** The same steps in virtual time on the simulator: the end states after the failover and after the relocate. */
async function simulatorEndStates(): Promise<[EndState, EndState]> {
  const env = await buildEnvironment({ seed: 7, decl });
  const w = env.world;
  const drpc = (): KubeObject | undefined => w.peek(HUB, RAMEN, 'DRPlacementControl', APP.name, APP.namespace);
  const vrg = (c: string): KubeObject | undefined => w.peek(c, RAMEN, 'VolumeReplicationGroup', APP.name, APP.namespace);
  expect(await w.runUntil(() => isProtected(drpc()), 30 * 60_000)).toBe(true);
  await env.faults.inject({ type: 'clusterDown', cluster: 'dr1' });
  await w.client(HUB, 'user').patch(DRPC, APP, { spec: { action: 'Failover', failoverCluster: 'dr2' } });
  expect(await w.runUntil(() => isFailedOver(drpc()), 30 * 60_000)).toBe(true);
  await env.faults.inject({ type: 'clusterUp', cluster: 'dr1' });
  expect(await w.runUntil(() => isCompleted(drpc(), vrg('dr1')), 30 * 60_000)).toBe(true);
  const snapshot = (): EndState =>
    endState(drpc(), w.peekAll(HUB, DECISION.apiVersion, DECISION.kind, APP.namespace), { dr1: vrg('dr1'), dr2: vrg('dr2') }, w.s3.get(s3EndpointUrl(decl, 'dr1'))!.keys(S3_BUCKET, `${APP.namespace}/${APP.name}/`));
  const failedOver = snapshot();
  await w.client(HUB, 'user').patch(DRPC, APP, { spec: { action: 'Relocate', preferredCluster: 'dr1' } });
  expect(await w.runUntil(() => isRelocated(drpc()), 30 * 60_000)).toBe(true);
  return [failedOver, snapshot()];
}

describe.skipIf(reason !== undefined)('operators over the apiserver backend (real time)', () => {
  it('validates the DR setup, protects, fails over with the primary down, relocates, and ends as the simulator does', async () => {
    const base = join(REPO_ROOT, '.cache', 'apiserver');
    mkdirSync(base, { recursive: true });
    const root = mkdtempSync(join(base, 'agents-'));
    const creds = { accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY };
    const env = await startEnvironment({ root, minioCredentials: creds });
    const world = await startRealWorld({ env, decl, traceFile: join(root, 'trace.ndjson') });
    const s3 = new S3ObjectStore({ endpoint: env.minio!.state.endpoint, region: 'us-east-1', bucket: S3_BUCKET, credentials: creds });
    let real: EndState;
    let relocated: EndState;
    let passed = false;
    try {
      const hub = world.admin('hub');
      const dr1 = world.admin('dr1');
      const dr2 = world.admin('dr2');
      const drpc = (): Promise<KubeObject> => hub.get(DRPC, APP);
      const vrg = (c: typeof dr1): Promise<KubeObject | undefined> => c.get(VRG, APP).catch(() => undefined);
      const until = async (what: string, limitMs: number, check: () => Promise<boolean>): Promise<void> => {
        const began = Date.now();
        while (Date.now() - began < limitMs) {
          if (await check()) {
            process.stderr.write(`operators over real API servers: ${what} in ${Math.round((Date.now() - began) / 1000)} s\n`);
            return;
          }
          await sleep(2000);
        }
        throw new Error(`operators over real API servers: not ${what} after ${limitMs / 1000} s`);
      };

      await until('validated and protected', 240_000, async () => {
        const clusters = (await hub.list({ apiVersion: RAMEN, kind: 'DRCluster' })).items;
        const policy = await hub.get({ apiVersion: RAMEN, kind: 'DRPolicy' }, { name: 'dr-policy-1m' });
        const validated = clusters.length === 2 && clusters.every((c) => conditionOf(c, 'Validated') === 'True') && conditionOf(policy, 'Validated') === 'True';
        return validated && isProtected(await drpc());
      });
      expect(statusOf(await drpc()).phase).toBe('Deployed');
      expect(vrgState(await vrg(dr1))).toBe('primary/Primary');
      const keys = await listAll(s3, 'busybox/busybox/');
      expect(keys.some((k) => k.startsWith('busybox/busybox/v1.PersistentVolumeClaim/'))).toBe(true);
      expect(keys.some((k) => k.startsWith('busybox/busybox/v1alpha1.VolumeReplicationGroup/'))).toBe(true);

      // Failover with the primary down, as the simulator's clusterDown fault.
      await world.clusterDown('dr1');
      await hub.patch(DRPC, APP, { spec: { action: 'Failover', failoverCluster: 'dr2' } });
      await until('failed over', 180_000, async () => isFailedOver(await drpc()));
      expect(vrgState(await vrg(dr2))).toBe('primary/Primary');

      // dr1 returns: its VRG is demoted and the failover completes.
      await world.clusterUp('dr1');
      await until('failover completed', 240_000, async () => isCompleted(await drpc(), await vrg(dr1)));
      expect(world.trace.ofType('agent.error')).toEqual([]);
      const snapshot = async (): Promise<EndState> =>
        endState(await drpc(), (await hub.list(DECISION, { namespace: APP.namespace })).items, { dr1: await vrg(dr1), dr2: await vrg(dr2) }, await listAll(s3, 'busybox/busybox/'));
      real = await snapshot();

      // Relocate back home: a planned move, both clusters up.
      await hub.patch(DRPC, APP, { spec: { action: 'Relocate', preferredCluster: 'dr1' } });
      await until('relocated', 300_000, async () => isRelocated(await drpc()));
      expect(world.trace.ofType('agent.error')).toEqual([]);
      relocated = await snapshot();
      passed = true;
    } finally {
      s3.destroy();
      world.stop();
      await env.stop();
      // A failed run keeps its trace and server logs for diagnosis.
      if (passed) rmSync(root, { recursive: true, force: true });
      else process.stderr.write(`operators over real API servers: failed; trace and logs kept in ${root}\n`);
    }

    // Differential: the simulator, same world, same steps, same end states.
    const [simFailedOver, simRelocated] = await simulatorEndStates();
    expect(real).toEqual(simFailedOver);
    expect(real.placedOn).toEqual(['dr2']);
    expect(real.vrgs).toEqual({ dr1: 'secondary/Secondary', dr2: 'primary/Primary' });
    expect(relocated).toEqual(simRelocated);
    expect(relocated.placedOn).toEqual(['dr1']);
    expect(relocated.vrgs).toEqual({ dr1: 'primary/Primary', dr2: 'secondary/Secondary' });
  }, 1_200_000);
});
