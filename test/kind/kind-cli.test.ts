// Goal: `drsim kind up|down|status` fails fast with one clear line where Docker or kind is missing,
// builds the documented plan where they are present, and runs end to end on a machine with Docker
// (skipped here with one visible line).

import { describe, expect, it } from 'vitest';
import { crdsFor } from '../../engine/api/schema/crd.js';
import { KIND_CLUSTERS, KindUnavailableError, faultStep, kindDown, kindStatus, kindUp, planCluster, preflight, storageManifests } from '../../kind/kind-cli.js';
import { KIND_STORAGE_ID, KIND_VERSIONS } from '../../kind/kind-versions.js';

const unavailable: string | undefined = await preflight().then(
  () => undefined,
  (err: unknown) => (err instanceof KindUnavailableError ? err.message : `preflight failed: ${String(err)}`),
);
if (unavailable) process.stderr.write(`SKIPPED kind end-to-end tests: ${unavailable}\n`);

describe('kind plan', () => {
  it('creates every cluster from the pinned node image; DR clusters also get snapshots and csi-hostpath', () => {
    const hub = planCluster({ name: 'hub', role: 'hub' }, '/tmp/k');
    const dr = planCluster({ name: 'dr1', role: 'dr' }, '/tmp/k');
    expect(hub.map((s) => s.title)).toEqual(['create kind cluster drsim-hub']);
    expect(hub[0]!.args).toEqual(['create', 'cluster', '--name', 'drsim-hub', '--image', KIND_VERSIONS.nodeImage, '--kubeconfig', '/tmp/k/hub.kubeconfig', '--wait', '120s']);
    expect(dr.map((s) => s.title)).toEqual(['create kind cluster drsim-dr1', 'snapshot controller', 'csi-hostpath driver']);
    const urls = dr.flatMap((s) => s.args).filter((a) => a.startsWith('https://'));
    expect(urls.every((u) => u.includes(`/${KIND_VERSIONS.externalSnapshotter}/`) || !u.includes('external-snapshotter'))).toBe(true);
    expect(urls.some((u) => u.includes(`csi-driver-host-path/${KIND_VERSIONS.csiHostpath}/`))).toBe(true);
    expect(KIND_CLUSTERS.map((c) => `${c.name}:${c.role}`)).toEqual(['hub:hub', 'dr1:dr', 'dr2:dr']);
  });

  it('does not install what drsim already defines: its snapshot CRDs come from crdsFor("dr")', () => {
    const fromUpstream = planCluster({ name: 'dr1', role: 'dr' }).flatMap((s) => s.args).filter((a) => a.includes('/client/config/crd/'));
    const ours = new Set(crdsFor('dr').map((c) => c.metadata.name));
    for (const url of fromUpstream) {
      const name = url.split('/').pop()!.replace(/^snapshot\.storage\.k8s\.io_/, '').replace(/\.yaml$/, '');
      expect(ours.has(`${name}.snapshot.storage.k8s.io`)).toBe(false);
    }
  });

  it('labels the StorageClass and VolumeSnapshotClass with one storage id, as Ramen matches them', () => {
    const [sc, vsc] = storageManifests() as { kind: string; metadata: { labels: Record<string, string> } }[];
    expect([sc!.kind, vsc!.kind]).toEqual(['StorageClass', 'VolumeSnapshotClass']);
    expect(sc!.metadata.labels).toEqual({ 'ramendr.openshift.io/storageid': KIND_STORAGE_ID });
    expect(vsc!.metadata.labels).toEqual(sc!.metadata.labels);
  });

  it('turns faults into docker commands on the cluster node', () => {
    expect(faultStep('dr1', 'pause')).toMatchObject({ command: 'docker', args: ['pause', 'drsim-dr1-control-plane'] });
    expect(faultStep('dr2', 'disconnect')).toMatchObject({ command: 'docker', args: ['network', 'disconnect', 'kind', 'drsim-dr2-control-plane'] });
  });
});

describe.runIf(unavailable !== undefined)('kind without Docker or kind', () => {
  it('fails fast with one line saying what to install', async () => {
    const began = Date.now();
    for (const attempt of [() => kindUp({ log: () => undefined }), () => kindDown({ log: () => undefined }), () => kindStatus()]) {
      const err = await attempt().then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(KindUnavailableError);
      const message = (err as Error).message;
      expect(message).toMatch(/^kind backend unavailable: /);
      expect(message).toMatch(/install (Docker|kind|kubectl)/);
      expect(message.split('\n')).toHaveLength(1);
    }
    expect(Date.now() - began).toBeLessThan(45_000);
  });
});

describe.runIf(unavailable === undefined)('kind end to end (needs Docker and kind)', () => {
  it('brings hub, dr1 and dr2 up with their CRDs, reports them, and takes them down', async () => {
    await kindUp({ log: () => undefined });
    expect((await kindStatus()).map((s) => s.exists)).toEqual([true, true, true]);
    await kindDown({ log: () => undefined });
    expect((await kindStatus()).map((s) => s.exists)).toEqual([false, false, false]);
  }, 1_200_000);
});
