// `drsim kind up|down|status`: hub, dr1 and dr2 as kind clusters (Docker), with csi-hostpath for
// PVCs and snapshots, the snapshot controller, MinIO on the hub, and each cluster's drsim CRDs.
// csi-hostpath cannot replicate volumes, so protected PVCs take the VolSync path; VolSync and Velero
// themselves are not installed: drsim's own agents play them (and OCM) against the clusters.
//
// Everything goes through execa. Missing docker, a docker client without an engine, a missing kind or
// kubectl: each fails in seconds with one line that says what to install, never a hang.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ClusterRole } from '../engine/api/schema/types.js';
import { KubeClusterClient } from './client-node/kube-client.js';
import { REPO_ROOT } from './control-plane/binaries.js';
import { installCrds } from './control-plane/crds.js';
import { CLUSTER_PREFIX, KIND_STORAGE_ID, KIND_VERSIONS } from './kind-versions.js';

export interface KindClusterSpec {
  name: string;
  role: ClusterRole;
}

export const KIND_CLUSTERS: readonly KindClusterSpec[] = [
  { name: 'hub', role: 'hub' },
  { name: 'dr1', role: 'dr' },
  { name: 'dr2', role: 'dr' },
];

export class KindUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KindUnavailableError';
  }
}

/** A step of `kind up`: a command line, for logs and for the plan test. */
export interface Step {
  title: string;
  command: string;
  args: string[];
}

const PREFLIGHT_TIMEOUT_MS = 15_000;

const INSTALL = {
  docker: 'install Docker Engine (https://docs.docker.com/engine/install/) and start it',
  kind: `install kind: go install sigs.k8s.io/kind@${KIND_VERSIONS.kind}`,
  kubectl: 'install kubectl (https://kubernetes.io/docs/tasks/tools/)',
} as const;

async function probe(command: string, args: string[]): Promise<{ ok: boolean; missing: boolean; output: string }> {
  try {
    const r = await execa(command, args, { timeout: PREFLIGHT_TIMEOUT_MS, reject: false, stdin: 'ignore' });
    const missing = (r as { code?: string }).code === 'ENOENT';
    return { ok: r.exitCode === 0 && !r.timedOut, missing, output: `${r.stderr || r.stdout}`.trim().split('\n')[0] ?? '' };
  } catch (err) {
    return { ok: false, missing: (err as { code?: string }).code === 'ENOENT', output: (err as Error).message };
  }
}

/**
 * Checks docker (client and a reachable engine), kind and kubectl. Throws KindUnavailableError with
 * one line saying what is missing and what to install.
 */
export async function preflight(): Promise<{ docker: string; kind: string }> {
  const docker = await probe('docker', ['version', '--format', '{{.Server.Version}}']);
  if (docker.missing) throw new KindUnavailableError(`kind backend unavailable: docker not found; ${INSTALL.docker}`);
  if (!docker.ok) throw new KindUnavailableError(`kind backend unavailable: the docker client cannot reach a Docker engine (${docker.output}); ${INSTALL.docker}`);
  const kind = await probe('kind', ['version']);
  if (kind.missing || !kind.ok) throw new KindUnavailableError(`kind backend unavailable: kind not found; ${INSTALL.kind}`);
  const kubectl = await probe('kubectl', ['version', '--client']);
  if (kubectl.missing || !kubectl.ok) throw new KindUnavailableError(`kind backend unavailable: kubectl not found; ${INSTALL.kubectl}`);
  return { docker: docker.output, kind: kind.output };
}

export function kindRoot(): string {
  return join(REPO_ROOT, '.cache', 'kind');
}

export const kubeconfigOf = (name: string, root = kindRoot()): string => join(root, `${name}.kubeconfig`);

const raw = (repo: string, ref: string, path: string): string => `https://raw.githubusercontent.com/kubernetes-csi/${repo}/${ref}/${path}`;

/** The storage classes Ramen looks for, labelled with the storage id both classes share. */
export function storageManifests(): object[] {
  const labels = { 'ramendr.openshift.io/storageid': KIND_STORAGE_ID };
  return [
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'csi-hostpath-sc', labels, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'hostpath.csi.k8s.io',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      allowVolumeExpansion: true,
    },
    {
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshotClass',
      metadata: { name: 'csi-hostpath-snapclass', labels },
      driver: 'hostpath.csi.k8s.io',
      deletionPolicy: 'Delete',
    },
  ];
}

/** The commands that build one cluster, in order. Pure: the plan test reads it. */
export function planCluster(spec: KindClusterSpec, root = kindRoot()): Step[] {
  const name = `${CLUSTER_PREFIX}${spec.name}`;
  const kc = kubeconfigOf(spec.name, root);
  const kubectl = (title: string, ...args: string[]): Step => ({ title, command: 'kubectl', args: ['--kubeconfig', kc, ...args] });
  const steps: Step[] = [
    { title: `create kind cluster ${name}`, command: 'kind', args: ['create', 'cluster', '--name', name, '--image', KIND_VERSIONS.nodeImage, '--kubeconfig', kc, '--wait', '120s'] },
  ];
  if (spec.role === 'dr') {
    const snap = KIND_VERSIONS.externalSnapshotter;
    const hp = KIND_VERSIONS.csiHostpath;
    steps.push(
      // The snapshot CRDs, VolumeSnapshotContent included, are drsim's own (crdsFor('dr')), installed with the rest.
      kubectl('snapshot controller', 'apply',
        '-f', raw('external-snapshotter', snap, 'deploy/kubernetes/snapshot-controller/rbac-snapshot-controller.yaml'),
        '-f', raw('external-snapshotter', snap, 'deploy/kubernetes/snapshot-controller/setup-snapshot-controller.yaml')),
      kubectl('csi-hostpath driver', 'apply',
        '-f', raw('external-provisioner', 'v5.2.0', 'deploy/kubernetes/rbac.yaml'),
        '-f', raw('external-attacher', 'v4.8.1', 'deploy/kubernetes/rbac.yaml'),
        '-f', raw('external-snapshotter', snap, 'deploy/kubernetes/csi-snapshotter/rbac-csi-snapshotter.yaml'),
        '-f', raw('external-resizer', 'v1.13.2', 'deploy/kubernetes/rbac.yaml'),
        '-f', raw('csi-driver-host-path', hp, 'deploy/kubernetes-1.30/hostpath/csi-hostpath-driverinfo.yaml'),
        '-f', raw('csi-driver-host-path', hp, 'deploy/kubernetes-1.30/hostpath/csi-hostpath-plugin.yaml')),
    );
  }
  return steps;
}

export interface KindUpOptions {
  clusters?: readonly KindClusterSpec[];
  root?: string;
  log?: (line: string) => void;
}

async function runStep(step: Step, log: (line: string) => void): Promise<void> {
  log(`kind up: ${step.title}`);
  const r = await execa(step.command, step.args, { reject: false, stdin: 'ignore' });
  if (r.exitCode !== 0) throw new Error(`${step.title} failed (${step.command} exit ${r.exitCode}): ${`${r.stderr}`.trim().split('\n').slice(-5).join('\n')}`);
}

async function existingClusters(): Promise<Set<string>> {
  const r = await execa('kind', ['get', 'clusters'], { reject: false, stdin: 'ignore' });
  return new Set(`${r.stdout}`.split('\n').map((l) => l.trim()).filter(Boolean));
}

/** Creates the clusters (skipping ones that exist), storage, MinIO on the hub and the CRDs. */
export async function kindUp(options: KindUpOptions = {}): Promise<void> {
  const log = options.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  await preflight();
  const root = options.root ?? kindRoot();
  mkdirSync(root, { recursive: true });
  const have = await existingClusters();
  for (const spec of options.clusters ?? KIND_CLUSTERS) {
    const steps = planCluster(spec, root).filter((s, i) => i > 0 || !have.has(`${CLUSTER_PREFIX}${spec.name}`));
    for (const step of steps) await runStep(step, log);
    const client = new KubeClusterClient({ clusterName: spec.name, kubeconfig: kubeconfigOf(spec.name, root) });
    try {
      log(`kind up: drsim CRDs for ${spec.role} on ${spec.name}`);
      await installCrds(client, spec.role, 120_000);
      if (spec.role === 'dr') for (const m of storageManifests()) await applyObject(client, m);
      if (spec.role === 'hub') for (const m of minioManifests()) await applyObject(client, m);
    } finally {
      client.close();
    }
  }
}

async function applyObject(client: KubeClusterClient, manifest: object): Promise<void> {
  const obj = manifest as Parameters<KubeClusterClient['create']>[0];
  try {
    await client.create(obj);
  } catch (err) {
    if ((err as { reason?: string }).reason !== 'AlreadyExists') throw err;
  }
}

/** MinIO as a single Deployment and Service in namespace minio on the hub. */
export function minioManifests(): object[] {
  const labels = { app: 'minio' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'minio' } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'minio', namespace: 'minio', labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'minio',
                image: KIND_VERSIONS.minioImage,
                args: ['server', '/data'],
                env: [
                  { name: 'MINIO_ROOT_USER', value: 'minio' },
                  { name: 'MINIO_ROOT_PASSWORD', value: 'minio123' },
                ],
                ports: [{ containerPort: 9000 }],
                volumeMounts: [{ name: 'data', mountPath: '/data' }],
              },
            ],
            volumes: [{ name: 'data', emptyDir: {} }],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'minio', namespace: 'minio' }, spec: { type: 'NodePort', selector: labels, ports: [{ port: 9000, targetPort: 9000, nodePort: 30000 }] } },
  ];
}

export async function kindDown(options: { clusters?: readonly KindClusterSpec[]; log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  await preflight();
  const have = await existingClusters();
  for (const spec of options.clusters ?? KIND_CLUSTERS) {
    const name = `${CLUSTER_PREFIX}${spec.name}`;
    if (!have.has(name)) continue;
    log(`kind down: delete ${name}`);
    await runStep({ title: `delete kind cluster ${name}`, command: 'kind', args: ['delete', 'cluster', '--name', name] }, () => undefined);
  }
}

export interface KindClusterStatus {
  name: string;
  exists: boolean;
  kubeconfig: string;
}

export async function kindStatus(options: { clusters?: readonly KindClusterSpec[]; root?: string } = {}): Promise<KindClusterStatus[]> {
  await preflight();
  const have = await existingClusters();
  return (options.clusters ?? KIND_CLUSTERS).map((s) => ({ name: s.name, exists: have.has(`${CLUSTER_PREFIX}${s.name}`), kubeconfig: kubeconfigOf(s.name, options.root) }));
}

/** Faults through docker on a kind cluster's node container. */
export type KindFault = 'pause' | 'unpause' | 'stop' | 'start' | 'disconnect' | 'connect';

export function faultStep(cluster: string, fault: KindFault): Step {
  const node = `${CLUSTER_PREFIX}${cluster}-control-plane`;
  switch (fault) {
    case 'disconnect':
    case 'connect':
      return { title: `${fault} ${node}`, command: 'docker', args: ['network', fault, 'kind', node] };
    default:
      return { title: `${fault} ${node}`, command: 'docker', args: [fault, node] };
  }
}

export async function kindFault(cluster: string, fault: KindFault): Promise<void> {
  await preflight();
  await runStep(faultStep(cluster, fault), () => undefined);
}
